"""Deterministic console scenes, shared by the snapshot tests and ``scripts/screenshots.py``.

Each scene builds an app over :class:`FakeSource` with a fixed clock, and a ``run_before``
coroutine that brings it to the state to capture (then stops the poller so nothing moves).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

from activejob_tui.model.enums import ActiveJobState, TriggerState
from activejob_tui.tui.app import ActiveJobApp

from .fakes import FakeSource, fixed_clock, make_active

HOSTILE_NAME = "[bold red]not markup[/] \x1b[31mESC\x1b[0m \u202eevil\u202c 日本語のジョブ 🎬 " + "x" * 60


def demo_source() -> FakeSource:
    jobs = make_active(24)
    jobs[3] = replace(jobs[3], name=HOSTILE_NAME, description="Line one\nLine two \x07 bell")
    return FakeSource(jobs)


def make(readonly: bool = False) -> tuple[ActiveJobApp, FakeSource]:
    source = demo_source()

    async def connect() -> FakeSource:
        return source

    app = ActiveJobApp(connect, poll_interval=0.05, readonly=readonly, now=fixed_clock())
    return app, source


async def _ready(pilot: Any, polls: int = 1) -> None:
    app = pilot.app
    for _ in range(200):
        if app.poller is not None and app.poller.polls >= polls:
            break
        await pilot.pause(0.02)
    await pilot.pause(0.1)


async def _freeze(pilot: Any) -> None:
    if pilot.app.poller is not None:
        pilot.app.poller.stop()
    await pilot.pause(0.2)
    await pilot.app.workers.wait_for_complete()
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
    await pilot.pause(0.2)


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
}
"""name → (prepare, terminal size, read-only)."""
