"""Stops in the console, against the real ``ActiveJobApp`` (Textual's ``run_test``) on the real ``IpsClient``:
a stop the server refuses or garbles is told in words and changes nothing (rogue server); API faults on stop —
authentication, authorization, a job that ended or vanished meanwhile, a second stop (sandbox); and stop safety —
no stopJob without a yes, the jobs sent are exactly the jobs the dialog showed whatever the list did meanwhile,
marks hidden by the filter declared. The console column of docs/RELIABILITY.md, *API faults* and *Stop safety*;
the CLI's side is tests/cli/test_stop_safety.py.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.widgets import Static

from activejob_tui.ips.client import IpsClient
from activejob_tui.model.enums import ActiveJobState
from activejob_tui.model.text import printable
from activejob_tui.poller import View
from activejob_tui.tui.app import ActiveJobApp
from activejob_tui.tui.screens.confirm import ConfirmScreen
from support.harness import rogue_settings, sandbox_settings, set_membership, set_password
from support.hostile import RAW_FORBIDDEN, submit_jobs
from support.live_console import (
    cell,
    confirm,
    everything_shown,
    fresh,
    notes,
    open_stop,
    plain,
    running,
    stale_with,
    steady_job,
    until,
)
from support.rogue_server import (
    FILE_SECRET,
    HOSTILE_STATE,
    HOSTILE_STOP_FAULT,
    ONE_JOB,
    SOAP12_STOP,
    STOP_ACCEPTED,
    Reply,
    dtd_answers,
    jobs_answer,
    stopped_handles,
)
from tui.helpers import press_confirm, screen_of, settle, status_text

pytestmark = pytest.mark.timeout(60)

ALPHA = "j|1||a|1"
"""The handle of ``alpha``, the one job of ``ONE_JOB``."""
DEMO = "demo@example.com"


# --- a command the server refuses or garbles: told in words, nothing else changes (rogue server) --------


COMMAND_FAULTS: dict[str, tuple[Reply, Callable[[Path], Reply], str, str, str]] = {
    # case: (the list, the stopJob answer, the job's handle, its name as shown, the sentence)
    "drop": (Reply(200, ONE_JOB), lambda secret: Reply(drop=True), ALPHA, "alpha",
             "{host} closed the connection before answering."),
    "soap12": (Reply(200, ONE_JOB), lambda secret: SOAP12_STOP, ALPHA, "alpha",
               "The server's answer to stopJob is not the SOAP this client expects."),
    "xxe-control": (Reply(200, ONE_JOB), lambda secret: Reply(200, dtd_answers(secret)["xxe-control"]), ALPHA, "alpha",
                    ("The server's answer to stopJob contains a DOCTYPE (entity or DTD declarations); refused for "
                     "safety, nothing in it was read.")),
    "hostile-reason": (HOSTILE_STATE, lambda secret: HOSTILE_STOP_FAULT, "j|\u202ex", "n\\x9b",
                       "stopJob failed: no \\u2066such\\u2069 job \\x9b (IPS code 30001)."),
}


@pytest.mark.parametrize("case", list(COMMAND_FAULTS))
async def test_a_stop_the_server_refuses_or_garbles_is_told_in_words(rogue, tmp_path, case):
    listing, stop_answer, handle, name, sentence = COMMAND_FAULTS[case]
    secret = tmp_path / "secret.txt"
    secret.write_text(FILE_SECRET)
    rogue.answer(listing, "getActiveJobs")
    rogue.answer(stop_answer(secret), "stopJob")
    async with running(rogue_settings(rogue, timeout=1.0)) as (app, pilot):
        state = cell(app, handle, "state")
        await open_stop(pilot, app, handle)
        said = await confirm(pilot, app, "Could not stop")
        assert said == f"Could not stop {name}: {sentence.format(host=f'127.0.0.1:{rogue.port}')}"
        assert stopped_handles(rogue) == [handle]
        assert not any(n.startswith("Sent stop") for n in notes(app))
        assert handle not in screen_of(app).state.stopping
        await settle(pilot, app)  # the next poll still works and shows the job as it was
        assert cell(app, handle, "state") == state and "stopping" not in state
        shown = everything_shown(app)
        assert FILE_SECRET not in shown and not [ch for ch in RAW_FORBIDDEN if ch in shown]


# --- API faults on stop, against the sandbox ---------------------------------------------------------------


async def _finish_meanwhile(server, handle: str) -> None:
    """Another operator stops the job, and it ends, while this console's dialog waits."""
    client = await IpsClient.open(sandbox_settings(server))
    try:
        await client.stop_job(handle)
        deadline = asyncio.get_running_loop().time() + 10
        while handle in {j.job_handle for j in await client.active_jobs()}:
            assert asyncio.get_running_loop().time() < deadline, "the stopped job never ended"
            await asyncio.sleep(0.2)
    finally:
        await client.close()


def _in_thread(fn: Callable[..., object], *args) -> Callable[[object, str], Awaitable[object]]:
    return lambda server, handle: asyncio.to_thread(fn, server.db_path, *args)


@dataclass
class Refusal:
    meanwhile: Callable[[object, str], Awaitable[object]]
    """What happens between ``s`` and ``y``."""
    sentence: str
    header: str | None = None
    """What the header says meanwhile (the polls fail too), if anything."""
    undo: Callable[[Path], object] | None = None


REFUSALS = {
    "authentication": Refusal(_in_thread(set_password, DEMO, "rotated-password"),
                              "Authentication failed: Invalid username/password (IPS code 10001).",
                              "Authentication failed: Invalid username/password (IPS code 10001)",
                              lambda db: set_password(db, DEMO, "demo-password")),
    "authorization": Refusal(_in_thread(set_membership, DEMO, 2),
                             "Not allowed to stopJob: User 'demo@example.com' is not a member of company 'c|1' "
                             "(IPS code 20006).",
                             "Not allowed to getActiveJobs: User 'demo@example.com' is not a member of company 'c|1'",
                             lambda db: set_membership(db, DEMO, 1)),
    "vanished": Refusal(_finish_meanwhile,
                        "stopJob failed: Job '{handle}' has already finished; it cannot be stopped (IPS code 30001)."),
}


@pytest.mark.parametrize("case", list(REFUSALS))
async def test_a_refused_stop_is_told_in_words_and_changes_nothing(sandbox_factory, case):
    refusal = REFUSALS[case]
    server = sandbox_factory()
    async with running(sandbox_settings(server)) as (app, pilot):
        screen = screen_of(app)
        handle = steady_job(app)
        name = screen.state.jobs[View.ACTIVE][handle].name
        dialog = await open_stop(pilot, app, handle)
        try:
            await refusal.meanwhile(server, handle)
            if refusal.header is not None:  # the polls are refused too: stale, the last rows kept
                app.poller.poll_now()
                assert handle in await stale_with(pilot, app, refusal.header)
            if case == "vanished":
                # the console's next poll no longer lists the job: the open dialog says so and offers no
                # Stop (the server's own refusal, when the poll comes too late, is test_confirm_ended's
                # and test_console's test_stop_of_a_vanished_job_says_so)
                app.poller.poll_now()
                await until(pilot, lambda: dialog.nothing_left, timeout=8)
                await pilot.press("escape")
                said = f"Could not stop {printable(name)}: {refusal.sentence.format(handle=handle)}"
            else:
                said = await confirm(pilot, app, "Could not stop")
        finally:
            if refusal.undo is not None:
                await asyncio.to_thread(refusal.undo, server.db_path)
        assert said == f"Could not stop {printable(name)}: {refusal.sentence.format(handle=handle)}"
        assert not any(n.startswith("Sent stop") for n in notes(app))
        assert handle not in screen.state.stopping
        await fresh(pilot, app)  # the same client works again once the cause is undone
        client = await IpsClient.open(sandbox_settings(server))
        try:
            active = {j.job_handle: j for j in await client.active_jobs()}
        finally:
            await client.close()
        assert [h for h, j in active.items() if j.state == ActiveJobState.STOPPING] == []  # nothing else stopped
        if case == "vanished":
            await until(pilot, lambda: not screen.table.is_shown(handle))
        else:
            assert active[handle].state == ActiveJobState.RUNNING
            assert cell(app, handle, "state") == "▶ Running"


async def test_a_finished_job_offers_no_stop(sandbox):
    async with running(sandbox_settings(sandbox)) as (app, pilot):
        await pilot.press("3")
        await settle(pilot, app)
        screen = screen_of(app)
        assert screen.view is View.FINISHED and screen.table.selected_key is not None
        await pilot.press("s")
        await pilot.pause(0.1)
        assert not isinstance(app.screen, ConfirmScreen)
        assert screen.check_action("stop", ()) is False  # greyed out in the footer, in this view
        assert not any(n.startswith(("Sent stop", "Could not stop")) for n in notes(app))


async def test_a_second_stop_changes_nothing_and_one_cancelled_log_is_written(sandbox_factory):
    server = sandbox_factory()
    async with running(sandbox_settings(server)) as (app, pilot):
        screen = screen_of(app)
        handle = steady_job(app)
        await open_stop(pilot, app, handle)
        await confirm(pilot, app, "Sent stop to 1 job")
        # again, while the server is stopping it (the note: see the next test) — unless a poll already showed it
        # ended (STOP_DELAY_REAL is 1 s; under load the first "Sent stop" can come later than that): no second s
        if screen.table.select_key(handle):
            dialog = await open_stop(pilot, app, handle)
            # accepted while it is stopping; refused in words if it ended in between; not sent at all if a poll
            # showed it ended before the yes — or while the dialog was open, which then offers no Stop
            # (tests/tui/test_confirm_ended.py)
            outcomes = ("Sent stop to 1 job", "Could not stop", "Stop not sent")
            before = len(notes(app))
            await press_confirm(pilot, app)
            await until(pilot, lambda: any(n.startswith(outcomes) for n in notes(app)[before:])
                        or dialog.nothing_left, timeout=8)
            if app.screen is dialog:
                assert dialog.nothing_left and not dialog.query_one("#confirm").display
                await pilot.press("escape")
            else:
                second = next(n for n in notes(app)[before:] if n.startswith(outcomes))
                assert (second.startswith("Sent stop") or "has already finished; it cannot be stopped" in second
                        or second.endswith("no longer listed by the server."))
        await until(pilot, lambda: not screen.table.is_shown(handle), timeout=10)
        client = await IpsClient.open(sandbox_settings(server))
        try:
            logs = [log for log in await client.job_logs() if log.job_handle == handle]
        finally:
            await client.close()
        assert [log.outcome.value for log in logs] == ["cancelled"]


async def test_a_second_stop_before_the_server_shows_the_first_says_it_was_already_sent(rogue):
    """IPS's stopJob returns nothing and a job may stay Running for a while (IPS_JOBS_API.md §7): a second ``s``
    meanwhile says the stop was already sent and that sending it again is harmless — and sends it again."""
    rogue.answer(Reply(200, ONE_JOB), "getActiveJobs")  # alpha stays Running: the server has not shown the stop
    rogue.answer(Reply(200, STOP_ACCEPTED), "stopJob")
    async with running(rogue_settings(rogue)) as (app, pilot):
        screen = screen_of(app)
        first = await open_stop(pilot, app, ALPHA)
        plain_note = ("The job will stop after its current step; the list shows “stopping…” until the server "
                      "confirms.")
        assert first.note == plain_note
        await confirm(pilot, app, "Sent stop to 1 job")
        app.poller.poll_now()
        await settle(pilot, app)  # a poll after the stop still shows alpha Running
        assert ALPHA in screen.state.stopping and cell(app, ALPHA, "state") == "■ stopping…"
        second = await open_stop(pilot, app, ALPHA)
        assert second.note == plain_note + " Stop was already sent to 1 of them; sending it again is harmless."
        await confirm(pilot, app, "Sent stop to 1 job")
        assert stopped_handles(rogue) == [ALPHA, ALPHA]


# --- stop safety ------------------------------------------------------------------------------------------


async def test_the_job_in_the_dialog_is_the_one_stopped_while_the_list_resorts(sandbox_factory):
    server = sandbox_factory()
    async with running(sandbox_settings(server)) as (app, pilot):
        table = screen_of(app).table
        handle = steady_job(app)
        await open_stop(pilot, app, handle)
        row = table.get_row_index(handle)
        newcomer = (await asyncio.to_thread(submit_jobs, server, {"new": "Newcomer under the dialog"}))["new"]
        app.poller.poll_now()
        await until(pilot, lambda: table.is_shown(newcomer))
        assert table.get_row_index(handle) != row  # the list re-sorted under the dialog
        assert table.visible_keys()[row] != handle  # another job sits where the chosen one was
        await confirm(pilot, app, "Sent stop to 1 job")
        client = await IpsClient.open(sandbox_settings(server))
        try:
            active = {j.job_handle: j for j in await client.active_jobs()}
        finally:
            await client.close()
        stopped = {h for h, j in active.items() if j.state == ActiveJobState.STOPPING}
        assert stopped <= {handle} and (handle in stopped or handle not in active)  # exactly that job
        assert active[newcomer].state != ActiveJobState.STOPPING


def _refilter(app: ActiveJobApp, chosen: set[str]) -> None:
    """A new filter while the dialog is open: the chosen jobs are hidden (the cursor lands elsewhere)."""
    screen = screen_of(app)
    screen.query_one("#filter").input.value = " ".join(f"!handle:{h}" for h in sorted(chosen))


def _move_cursor(app: ActiveJobApp, chosen: set[str]) -> None:
    """The cursor moves to another job while the dialog is open (a click, a poll, a script)."""
    table = screen_of(app).table
    assert table.select_key(next(k for k in table.visible_keys() if k not in chosen))


def _remark(app: ActiveJobApp, chosen: set[str]) -> None:
    """The marks change while the dialog is open: the chosen ones unmarked, two others marked."""
    state = screen_of(app).state
    others = [k for k in screen_of(app).table.visible_keys() if k not in chosen][:2]
    state.marks.clear()
    state.marks.update(others)


UNDER_THE_DIALOG = {"refiltered": _refilter, "cursor moved": _move_cursor, "marks changed": _remark}


@pytest.mark.parametrize("marked", [False, True], ids=["cursor", "marked"])
@pytest.mark.parametrize("meanwhile", list(UNDER_THE_DIALOG))
async def test_the_jobs_sent_stop_are_exactly_the_jobs_the_dialog_showed(sandbox_factory, meanwhile, marked):
    """Stop safety (issue 16): whatever happens between ``s`` and ``y`` — a poll that brings a new job and
    re-sorts the list, a new filter, the cursor on another row, other marks — the stop goes to exactly
    the jobs the confirmation listed: not recomputed when the operator confirms, not the row under the
    cursor at that moment. Checked on the sandbox, which is the only witness that matters."""
    server = sandbox_factory()
    async with running(sandbox_settings(server)) as (app, pilot):
        screen = screen_of(app)
        table = screen.table
        by_progress = sorted((j for j in screen.state.jobs[View.ACTIVE].values()
                              if j.state == ActiveJobState.RUNNING), key=lambda j: j.progress or 0)
        chosen = [j.job_handle for j in by_progress[:2 if marked else 1]]  # the furthest from their end
        if marked:
            for handle in chosen:
                assert table.select_key(handle)
                await pilot.press("space")
            await until(pilot, lambda: screen.state.marks == set(chosen))
            assert table.select_key(next(k for k in table.visible_keys() if k not in chosen))
        else:
            assert table.select_key(chosen[0])
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), timeout=5)
        dialog = app.screen
        assert sorted(t.handle for t in dialog.targets) == sorted(chosen)
        shown = plain(dialog.query_one("#confirm-summary", Static).content)
        # under the dialog: a refresh that brings a new job and re-sorts, then the change of this case
        newcomer = (await asyncio.to_thread(submit_jobs, server, {"new": "Newcomer under the dialog"}))["new"]
        app.poller.poll_now()
        await until(pilot, lambda: table.is_shown(newcomer))
        UNDER_THE_DIALOG[meanwhile](app, set(chosen))
        await pilot.pause()
        if meanwhile == "refiltered":
            await until(pilot, lambda: not any(table.is_shown(h) for h in chosen))
        assert app.screen is dialog and plain(dialog.query_one("#confirm-summary", Static).content) == shown
        if not marked or meanwhile == "marks changed":  # marks rule over the cursor and the filter
            assert screen.runner.pick()[0] != dialog.targets  # a recomputation now would give other jobs
        said = await confirm(pilot, app, ("Sent stop", "Could not stop"))
        assert said.startswith(f"Sent stop to {len(chosen)} job{'s' if marked else ''}: "), said
        client = await IpsClient.open(sandbox_settings(server))
        try:
            active = {j.job_handle: j for j in await client.active_jobs()}
            ended = {log.job_handle: log.outcome.value for log in await client.job_logs()}
        finally:
            await client.close()
        stopped = {h for h, j in active.items() if j.state == ActiveJobState.STOPPING}
        stopped |= {h for h in chosen if h not in active and ended.get(h) == "cancelled"}
        assert stopped == set(chosen), (stopped, chosen)
        assert active[newcomer].state != ActiveJobState.STOPPING


@pytest.mark.parametrize("answer", ["readonly", "n", "escape", "enter"])
async def test_no_stop_is_sent_without_a_yes(rogue, answer):
    rogue.answer(Reply(200, ONE_JOB), "getActiveJobs")
    rogue.answer(Reply(200, STOP_ACCEPTED), "stopJob")
    async with running(rogue_settings(rogue), readonly=answer == "readonly") as (app, pilot):
        screen = screen_of(app)
        await pilot.press("s")
        await pilot.pause(0.1)
        if answer == "readonly":
            assert not isinstance(app.screen, ConfirmScreen)
            assert "READ-ONLY" in status_text(app)
            screen.runner.run("stop", screen.runner.pick()[0])  # even a direct call refuses
            await until(pilot, lambda: "Read-only mode: nothing was sent." in notes(app))
        else:
            assert isinstance(app.screen, ConfirmScreen) and app.focused.id == "cancel"
            await pilot.press(answer)
            await until(pilot, lambda: not isinstance(app.screen, ConfirmScreen))
        app.poller.poll_now()
        await settle(pilot, app)  # a poll went by after the answer
        assert stopped_handles(rogue) == []
        assert ALPHA not in screen.state.stopping and cell(app, ALPHA, "state") == "▶ Running"


async def test_marks_hidden_by_the_filter_are_declared_and_stopped(rogue):
    rogue.answer(Reply(200, jobs_answer("j|a", "j|b", "j|c")), "getActiveJobs")
    rogue.answer(Reply(200, STOP_ACCEPTED), "stopJob")
    async with running(rogue_settings(rogue)) as (app, pilot):
        screen = screen_of(app)
        for handle in ("j|a", "j|b"):
            assert screen.table.select_key(handle)
            await pilot.press("space")
        await pilot.press("slash")
        screen.query_one("#filter").input.value = "handle:j|c"
        await until(pilot, lambda: screen.table.visible_keys() == ["j|c"])
        await pilot.press("enter")
        assert "2 marked (2 hidden by the filter)" in status_text(app)
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), timeout=5)
        dialog = app.screen
        assert sorted(t.handle for t in dialog.targets) == ["j|a", "j|b"] and dialog.hidden == 2
        summary = plain(dialog.query_one("#confirm-summary", Static).content)
        assert "Stop goes to the 2 marked jobs." in summary
        assert "2 of them are hidden by the current filter." in summary
        await confirm(pilot, app, "Sent stop to 2 jobs")
        assert sorted(stopped_handles(rogue)) == ["j|a", "j|b"]
