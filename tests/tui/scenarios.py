"""Deterministic console scenes, shared by the snapshot tests and ``scripts/screenshots.py``.

Each scene builds an app over :class:`FakeSource` with a fixed clock, and a ``run_before``
coroutine that brings it to the state to capture (then stops the poller so nothing moves).
"""

from __future__ import annotations

import asyncio

from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

from datetime import timedelta

from activejob_tui.ips.errors import IpsConnectionError
from activejob_tui.model import jobs as m
from activejob_tui.model.enums import ActiveJobState, TriggerState
from activejob_tui.tui.app import ActiveJobApp
from activejob_tui.tui.widgets.command_line import CommandLine

from .fakes import NOW, FakeSource, fixed_clock, make_active, make_logs

HOSTILE_NAME = "[bold red]not markup[/] \x1b[31mESC\x1b[0m \u202eevil\u202c 日本語のジョブ 🎬 " + "x" * 60


def demo_source() -> FakeSource:
    jobs = make_active(24)
    jobs[3] = replace(jobs[3], name=HOSTILE_NAME, description="Line one\nLine two \x07 bell")
    return FakeSource(jobs)


HISTORY_SPAN = timedelta(minutes=4)
"""How long before the scenes' first poll their second one was (``_with_history``)."""


def _earlier(jobs: dict[str, m.ActiveJob]) -> dict[str, m.ActiveJob]:
    """The jobs as a poll :data:`HISTORY_SPAN` earlier saw them: each running job a few points behind,
    so the second poll gives it a progress history and the ETA column real values."""
    out = {}
    for i, (key, job) in enumerate(jobs.items()):
        step = 2 + (i * 3) % 9
        if job.state is ActiveJobState.RUNNING and job.progress is not None and job.progress >= step:
            job = replace(job, progress=job.progress - step, progress_message=f"Processed {job.progress - step}%",
                          last_progress_update=(job.last_progress_update or NOW) - HISTORY_SPAN)
        out[key] = job
    return out


def make(readonly: bool = False) -> tuple[ActiveJobApp, FakeSource]:
    source = demo_source()
    source.later = source.active  # type: ignore[attr-defined]  # what the second poll sees
    source.active = _earlier(source.active)

    async def connect() -> FakeSource:
        return source

    # The interval users see (2 s); the scenes ask for each poll with poll_now, so nothing waits.
    app = ActiveJobApp(connect, poll_interval=2.0, readonly=readonly, now=fixed_clock())
    return app, source


async def _ready(pilot: Any, polls: int = 1) -> None:
    """Two polls of the active jobs (the first :data:`HISTORY_SPAN` earlier, for the ETA), then ``polls``."""
    app = pilot.app
    await _polled(pilot, 1)
    source = app.source
    if getattr(source, "later", None) is not None:
        source.active, source.later = source.later, None
        await _polled(pilot, app.poller.polls + 1)
    if polls > 1:
        await _polled(pilot, polls)


async def _polled(pilot: Any, polls: int) -> None:
    app = pilot.app
    for _ in range(400):
        if app.poller is not None and app.poller.polls >= polls:
            break
        if app.poller is not None:
            app.poller.poll_now()
        await pilot.pause(0.02)
    await pilot.pause(0.1)


async def _freeze(pilot: Any) -> None:
    if pilot.app.poller is not None:
        pilot.app.poller.stop()
    await pilot.pause(0.2)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.1)


async def _armed(pilot: Any) -> None:
    """Wait until the confirmation's action button is armed (the dialog as an operator reads it)."""
    for _ in range(100):
        if getattr(pilot.app.screen, "armed", False):
            break
        await pilot.pause(0.05)
    await pilot.pause(0.1)


def _select(pilot: Any, predicate: Callable[[Any], bool]) -> None:
    table = pilot.app.console_screen.table
    for key in table.visible_keys():
        if predicate(table.jobs[key]):
            table.select_key(key)
            return


async def active(pilot: Any) -> None:
    await _ready(pilot)
    _select(pilot, lambda j: j.state == ActiveJobState.RUNNING and j.type == "UploadDirectory")
    await _freeze(pilot)


async def scheduled(pilot: Any) -> None:
    await _ready(pilot)
    await pilot.press("2")
    await _ready(pilot, pilot.app.poller.polls + 1)
    _select(pilot, lambda j: j.trigger_state == TriggerState.PAUSED)
    await _freeze(pilot)


async def finished(pilot: Any) -> None:
    await _ready(pilot)
    await pilot.press("3")
    await _ready(pilot, pilot.app.poller.polls + 1)
    _select(pilot, lambda j: j.log_type == "UploadError")
    await pilot.pause(0.6)  # detail fetch is debounced
    await _freeze(pilot)


async def stop_confirm(pilot: Any) -> None:
    await _ready(pilot)
    _select(pilot, lambda j: j.state == ActiveJobState.RUNNING and j.type == "VideoPublish")
    await pilot.press("space")
    _select(pilot, lambda j: j.state == ActiveJobState.RUNNING and j.type == "Export")
    await pilot.press("space")
    await _freeze(pilot)
    await pilot.press("s")
    await _armed(pilot)


async def help_screen(pilot: Any) -> None:
    await _ready(pilot)
    await _freeze(pilot)
    await pilot.press("question_mark")
    await pilot.pause(0.2)


def detail_of(sub_job_type: str) -> Callable[[Any], Awaitable[None]]:
    async def scene(pilot: Any) -> None:
        await _ready(pilot)
        _select(pilot, lambda j: j.type == sub_job_type)
        await _freeze(pilot)
        pilot.app.console_screen.detail.focus()
        await pilot.press("enter")  # maximise the detail pane
        await pilot.pause(0.2)

    return scene


async def filtered(pilot: Any) -> None:
    await _ready(pilot)
    await pilot.press("slash")
    for char in "type:video":
        await pilot.press(char)
    await pilot.pause(0.4)
    await pilot.press("enter")
    await _freeze(pilot)


def _running_log(source: FakeSource, handle: str) -> None:
    kinds = ["UploadSuccess", "UploadSuccess", "ProcessWarning", "UploadSuccess", "UploadError", "TotalFileCount"]
    source.live_details[handle] = [
        m.JobLogDetail(log_message=f"asset {i}: {kinds[i % len(kinds)]}", log_type=kinds[i % len(kinds)],
                       date_created=NOW - timedelta(minutes=40) + timedelta(seconds=37 * i), asset_name=f"img_{i:04d}.jpg")
        for i in range(60)
    ]


async def running_log(pilot: Any) -> None:
    await _ready(pilot)
    screen = pilot.app.console_screen
    _select(pilot, lambda j: j.state == ActiveJobState.RUNNING and j.type == "UploadDirectory")
    handle = screen.table.selected_key
    _running_log(pilot.app.source, handle)
    screen.details.follow(handle, force=True)
    for _ in range(200):
        if len(screen.log_pane.entries) == 60:
            break
        await pilot.pause(0.02)
    screen.details.stop()
    await _freeze(pilot)
    screen.log_pane.log_widget.focus()
    await pilot.press("slash", *"UploadError", "enter")
    await pilot.pause(0.2)


async def command_line(pilot: Any) -> None:
    await _ready(pilot)
    await _freeze(pilot)
    await pilot.press("colon")
    pilot.app.console_screen.query_one(CommandLine).input.cursor_blink = False  # a steady cursor: the same picture every run
    await pilot.press("s", "c", "h")
    await _drawn(pilot, "duled")  # the completion of :sch (its "e" is under the cursor)


async def _drawn(pilot: Any, text: str, timeout: float = 10.0) -> None:
    """Wait until ``text`` is on the screen and the screen stays the same for three looks 50 ms apart
    (the layout has settled): a condition, where a fixed pause is a guess that fails under load."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    last, same = "", 0
    while same < 3:
        assert loop.time() < deadline, f"{text!r} never showed, or the screen never settled"
        await pilot.pause(0.05)
        shot = pilot.app.export_screenshot()
        same = same + 1 if shot == last and text in shot else 0
        last = shot


async def context_command_line(pilot: Any) -> None:
    """``:company demo s`` with the user's companies as choices, on a profile of a regional IPS."""
    await _ready(pilot)
    await _freeze(pilot)
    screen = pilot.app.console_screen
    info = replace(pilot.app.source.info, endpoint="https://s7sps3apissl.scene7.com/scene7/services/IpsApiService",
                   label="s7sps3apissl.scene7.com")
    screen.status.connected(info, "emea")
    screen.status.set(last_poll=NOW)
    await pilot.press("colon")
    screen.query_one(CommandLine).input.cursor_blink = False
    screen.query_one(CommandLine).set_choices("company", ["Demo Company", "Demo Studio", "Demo Outlet"])
    await pilot.press(*"company demo ")
    await pilot.pause(0.3)


async def notice_history(pilot: Any) -> None:
    await _ready(pilot)
    await _freeze(pilot)
    screen = pilot.app.console_screen
    jobs = list(screen.state.current.values())
    logs = {jobs[1].job_handle: replace(make_logs()[0], job_handle=jobs[1].job_handle, file_error_count=4,
                                        fatal_error=False, log_type="UploadJobCompleted")}
    screen.announcer.announce(jobs[:3], logs)
    screen.announcer.announce(jobs[5:6], {})
    await pilot.pause(0.1)
    await pilot.press("H")
    await pilot.pause(0.3)


async def raw_json(pilot: Any) -> None:
    await _ready(pilot)
    _select(pilot, lambda j: j.state == ActiveJobState.RUNNING and j.type == "UploadDirectory")
    await _freeze(pilot)
    await pilot.press("y")
    await pilot.pause(0.3)


async def stale(pilot: Any) -> None:
    await _ready(pilot)
    _select(pilot, lambda j: j.state == ActiveJobState.RUNNING and j.type == "UploadDirectory")
    pilot.app.source.fail = IpsConnectionError("Cannot connect to ips.example.com: connection refused.")
    screen = pilot.app.console_screen
    for _ in range(200):
        if screen.table.has_class("-stale"):
            break
        pilot.app.poller.poll_now()
        await pilot.pause(0.02)
    await _freeze(pilot)


async def stop_three_marked(pilot: Any) -> None:
    await _ready(pilot)
    for kind in ("VideoPublish", "Export", "UploadDirectory"):
        _select(pilot, lambda j, kind=kind: j.state == ActiveJobState.RUNNING and j.type == kind)
        await pilot.press("space")
    await _freeze(pilot)
    await pilot.press("s")
    await _armed(pilot)


SCENES: dict[str, tuple[Callable[[Any], Awaitable[None]], tuple[int, int], bool]] = {
    "active": (active, (160, 48), False),
    "scheduled": (scheduled, (160, 48), False),
    "finished-with-log": (finished, (160, 48), False),
    "stop-confirmation": (stop_confirm, (160, 48), False),
    "help": (help_screen, (160, 48), True),
    "narrow-80x24": (active, (80, 24), False),
    "filter-type-video": (filtered, (160, 48), False),
    "detail-upload-urls": (detail_of("UploadUrls"), (160, 48), False),
    "detail-rip-pdfs": (detail_of("RipPdfs"), (160, 48), False),
    "detail-export": (detail_of("Export"), (160, 48), False),
    "detail-upload-directory": (detail_of("UploadDirectory"), (160, 48), False),
    "log-of-running-job": (running_log, (160, 48), False),
    "log-of-running-job-80x24": (running_log, (80, 24), False),
    "command-line": (command_line, (160, 48), False),
    "command-line-80x24": (command_line, (80, 24), False),
    "context-command-line": (context_command_line, (160, 48), False),
    "context-command-line-80x24": (context_command_line, (80, 24), False),
    "notification-history": (notice_history, (160, 48), False),
    "notification-history-80x24": (notice_history, (80, 24), False),
    "raw-json": (raw_json, (160, 48), False),
    "raw-json-80x24": (raw_json, (80, 24), False),
    "stale": (stale, (160, 48), False),
    "stale-80x24": (stale, (80, 24), False),
    "stop-three-marked-80x24": (stop_three_marked, (80, 24), False),
}
"""name → (prepare, terminal size, read-only)."""
