"""The console against a real IPS sandbox over SOAP (IpsClient + SandboxProcess)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from rich.console import Console

from activejob_tui.ips.client import ClientSettings, IpsClient
from activejob_tui.model.enums import ActiveJobState, TriggerState
from activejob_tui.poller import View
from activejob_tui.tui.app import ActiveJobApp
from activejob_tui.tui.display import clock_time
from activejob_tui.tui.theme import rich_theme
from activejob_tui.tui.screens.confirm import ConfirmScreen
from activejob_tui.tui.screens.console import ConsoleScreen

from .helpers import press_confirm, screen_of, settle, status_text, wait_until


@asynccontextmanager
async def sandbox_console(sandbox, **kwargs) -> AsyncIterator[tuple[Any, ActiveJobApp, ConsoleScreen]]:
    """``async with sandbox_console(sb) as (pilot, app, screen):`` the console logged in to ``sb`` as the demo
    user, after its first poll."""
    settings = ClientSettings(wsdl=sandbox.wsdl_url_2016, user="demo@example.com", password="demo-password",
                              company_name="Demo Company", timeout=5.0, label="sandbox")
    kwargs.setdefault("poll_interval", 0.3)
    app = ActiveJobApp(lambda: IpsClient.open(settings), **kwargs)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot, app, timeout=20)
        yield pilot, app, screen_of(app)


def cell_text(cell: Any) -> str:
    console = Console(width=40, record=True, color_system=None, theme=rich_theme())
    console.print(cell)
    return console.export_text().strip()


async def press_and_confirm(pilot, app: ActiveJobApp, key: str, handle: str) -> None:
    """Press ``key`` and confirm the dialog, which must name exactly ``handle``."""
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(app.screen, ConfirmScreen)
    assert [t.handle for t in app.screen.targets] == [handle]
    await press_confirm(pilot, app)


async def test_jobs_views_and_filter_against_the_sandbox(sandbox):
    async with sandbox_console(sandbox, readonly=True) as (pilot, app, screen):
        assert screen.table.row_count > 0
        assert "sandbox" in status_text(app) and "Demo Company" in status_text(app)
        assert any(j.state == ActiveJobState.RUNNING for j in screen.state.jobs[View.ACTIVE].values())
        await pilot.press("2")
        await settle(pilot, app)
        scheduled = screen.state.jobs[View.SCHEDULED]
        assert any(j.trigger_state == TriggerState.PAUSED for j in scheduled.values())
        await pilot.press("3")
        await settle(pilot, app)
        assert screen.table.row_count > 0
        await wait_until(pilot, lambda: screen.log_pane.entries)
        await pilot.press("1")
        await settle(pilot, app)
        total = screen.table.row_count
        await pilot.press("slash")
        for char in "type:video":
            await pilot.press(char)
        await pilot.press("enter")
        await pilot.pause(0.3)
        shown = [screen.table.jobs[k] for k in screen.table.visible_keys()]
        assert 0 < len(shown) < total
        assert all("video" in ((j.type or "") + type(j.sub_job).__name__).lower() for j in shown)
        # Read-only: s does nothing.
        await pilot.press("s")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)


async def test_stop_a_running_job_and_the_sandbox_reports_it(fresh_sandbox):
    async with sandbox_console(fresh_sandbox) as (pilot, app, screen):
        running = [k for k, j in screen.state.jobs[View.ACTIVE].items() if j.state == ActiveJobState.RUNNING]
        assert running
        target = running[0]
        name = screen.state.jobs[View.ACTIVE][target].name
        await pilot.press("slash")
        screen.query_one("#filter").input.value = f'"{name}"'
        await pilot.pause(0.3)
        await pilot.press("enter")
        assert screen.table.select_key(target)
        await press_and_confirm(pilot, app, "s", target)

        def settled() -> bool:
            job = screen.state.jobs[View.ACTIVE].get(target)
            return job is None or job.state in (ActiveJobState.STOPPING, ActiveJobState.DONE)

        await wait_until(pilot, settled)
        # The sandbox itself, asked directly, agrees.
        client = app.source
        jobs = {j.job_handle: j for j in await client.active_jobs()}
        assert target not in jobs or jobs[target].state in (ActiveJobState.STOPPING, ActiveJobState.DONE)


async def test_stale_when_the_sandbox_stops_and_recovery_when_it_restarts(fresh_sandbox):
    async with sandbox_console(fresh_sandbox) as (pilot, app, screen):
        rows = screen.table.row_count
        await asyncio.to_thread(fresh_sandbox.stop)
        await wait_until(pilot, lambda: "stale since" in status_text(app), timeout=20)
        assert "retrying in" in status_text(app) or "retrying now" in status_text(app)
        assert screen.table.row_count == rows  # the last good data stays visible
        await asyncio.to_thread(fresh_sandbox.restart)
        app.poller.poll_now()
        await wait_until(pilot, lambda: "stale" not in status_text(app), timeout=30)
        assert "polled" in status_text(app)
        assert screen.table.row_count > 0


@pytest.mark.parametrize("wsdl", ["legacy"])
async def test_legacy_api_console_shows_jobs(sandbox, wsdl):
    settings = ClientSettings(wsdl=sandbox.wsdl_url_legacy, user="demo@example.com", password="demo-password",
                              company_name="Demo Company", timeout=5.0)
    app = ActiveJobApp(lambda: IpsClient.open(settings), poll_interval=0.3)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot, app, timeout=20)
        assert screen_of(app).table.row_count > 0
        assert "legacy" in status_text(app)


async def scheduled_by_handle(client) -> dict:
    return {j.job_handle: j for j in await client.scheduled_jobs()}


async def test_pause_resume_run_now_and_delete_against_the_sandbox(fresh_sandbox):
    async with sandbox_console(fresh_sandbox) as (pilot, app, screen):
        await pilot.press("2")
        await settle(pilot, app)
        client = app.source
        key = next(k for k, j in screen.state.jobs[View.SCHEDULED].items() if j.trigger_state == TriggerState.NORMAL)
        name = screen.state.jobs[View.SCHEDULED][key].name
        assert screen.table.select_key(key)

        await pilot.press("p")
        await press_confirm(pilot, app)
        await wait_until(pilot, lambda: screen.state.jobs[View.SCHEDULED][key].trigger_state == TriggerState.PAUSED)
        assert (await scheduled_by_handle(client))[key].trigger_state == TriggerState.PAUSED
        assert "Paused" in str(screen.table.get_cell(key, "state"))

        await pilot.press("r")
        await press_confirm(pilot, app)
        await wait_until(pilot, lambda: screen.state.jobs[View.SCHEDULED][key].trigger_state == TriggerState.NORMAL)
        assert (await scheduled_by_handle(client))[key].trigger_state == TriggerState.NORMAL

        await pilot.press("e")  # run now: the sandbox starts an active job of that name
        await press_confirm(pilot, app)
        await pilot.press("1")

        def started() -> bool:
            return any(j.original_name == name or j.name.startswith(name) for j in screen.state.jobs[View.ACTIVE].values())

        await wait_until(pilot, started)

        await pilot.press("2")
        await settle(pilot, app)
        assert screen.table.select_key(key)
        await press_and_confirm(pilot, app, "D", key)
        await wait_until(pilot, lambda: key not in screen.state.jobs[View.SCHEDULED])
        assert key not in await scheduled_by_handle(client)
        assert not screen.table.is_shown(key)


async def test_readonly_refuses_every_command_and_the_sandbox_is_untouched(fresh_sandbox):
    async with sandbox_console(fresh_sandbox, readonly=True) as (pilot, app, screen):
        client = app.source
        active_before = {j.job_handle for j in await client.active_jobs() if j.state == ActiveJobState.RUNNING}
        for view, keys in (("1", "s"), ("2", "prDe")):
            await pilot.press(view)
            await settle(pilot, app)
            assert screen.table.selected_key is not None
            before = {k: j.trigger_state for k, j in (await scheduled_by_handle(client)).items()}
            for key in keys:
                await pilot.press(key)
                await pilot.pause(0.2)
                assert not isinstance(app.screen, ConfirmScreen), key
            await settle(pilot, app)
            assert {k: j.trigger_state for k, j in (await scheduled_by_handle(client)).items()} == before
        stopping = {j.job_handle for j in await client.active_jobs() if j.state == ActiveJobState.STOPPING}
        assert not stopping & active_before
        for action in ("pause", "resume", "execute", "delete"):  # the Scheduled view is shown now
            assert screen.check_action(action, ()) is None  # greyed out in the Footer
        assert screen.check_action("stop", ()) is False  # hidden here, as in normal mode
        await pilot.press("1")
        await settle(pilot, app)
        assert screen.check_action("stop", ()) is None
        assert "read-only" in status_text(app).lower()


async def test_navigation_sort_panes_help_and_quit_against_the_sandbox(fresh_sandbox):
    # a sandbox of its own: the session's one runs its demo jobs to their end while the suite runs
    async with sandbox_console(fresh_sandbox, readonly=True) as (pilot, app, screen):
        table = screen.table
        rows = table.row_count
        assert rows >= 14
        # Navigation is what is tested here: no poll may sort a new job in between a key and its check
        # (a job the sandbox started landed above the first row right after 'g', and the cursor followed
        # its job to row 1 — seen under load).
        app.poller.stop()
        await pilot.pause(0.2)
        await pilot.press("g")
        assert table.cursor_row == 0
        top = table.selected_key
        await pilot.press("j", "j")
        # two rows below the job it started on (a poll may have sorted a new job in above it meanwhile)
        assert table.cursor_row == table.get_row_index(top) + 2
        second = table.selected_key
        await pilot.press("k")
        assert table.cursor_row == table.get_row_index(second) - 1  # (the same: a poll may sort a job in)
        # the sandbox is live: a job may start or end between two keys, so "last" is the count now
        await pilot.press("G")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("pageup")
        assert table.cursor_row < table.row_count - 1
        await pilot.press("pagedown")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("g", "j", "j", "j")
        chosen = table.selected_key
        for _ in range(100):  # the panes follow once the cursor rests (console.SELECTION_DEBOUNCE)
            if screen.detail.job is not None and screen.detail.job.job_handle == chosen:
                break
            await pilot.pause(0.05)
        assert screen.detail.job.job_handle == chosen  # the detail pane follows the cursor
        for key in ("o", "o", "O"):
            await pilot.press(key)
            assert table.selected_key == chosen  # sorting keeps the cursor on the same job
        await pilot.press("space")
        assert chosen in screen.state.marks
        await pilot.press("escape")
        assert not screen.state.marks

        await pilot.press("tab")
        assert screen.focused is not None and screen.focused is not table
        await pilot.press("enter")
        assert screen.maximized is not None
        await pilot.press("escape")
        assert screen.maximized is None
        follow = screen.log_pane.follow
        await pilot.press("f")
        assert screen.log_pane.follow is not follow

        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen is not screen
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen is not screen  # the command palette
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause(0.5)
    assert app.return_code == 0


async def test_stale_rows_dim_stop_aging_and_lose_their_eta_until_the_killed_sandbox_is_back(fresh_sandbox):
    """Issue 13 item 5: a sandbox killed (SIGKILL) and restarted."""
    async with sandbox_console(fresh_sandbox) as (pilot, app, screen):
        table, ctx = screen.table, screen.ctx
        assert not table.has_class("-stale") and not ctx.clock.stale
        await asyncio.to_thread(fresh_sandbox.kill)
        await wait_until(pilot, lambda: table.has_class("-stale"), timeout=20)
        frozen = ctx.clock()
        assert ctx.clock.stale and frozen == screen.state.last_good
        assert "stale" in str(table.border_title) and "rows as of" in status_text(app)
        assert table.stale_as_of == frozen and table.border_subtitle == f"as of {clock_time(frozen)}"
        running = next(k for k, j in screen.state.current.items() if j.state == ActiveJobState.RUNNING)
        assert cell_text(table.get_cell(running, "eta")) == "—"  # no ETA from data that may be long gone
        before = cell_text(table.get_cell(running, "started"))
        await pilot.pause(1.2)
        assert ctx.clock() == frozen and cell_text(table.get_cell(running, "started")) == before  # stopped aging
        await asyncio.to_thread(fresh_sandbox.restart)
        app.poller.poll_now()
        await wait_until(pilot, lambda: not table.has_class("-stale"), timeout=30)
        assert not ctx.clock.stale and ctx.clock() > frozen
        assert "stale" not in str(table.border_title) and "as of" not in status_text(app)
        assert table.stale_as_of is None and not table.border_subtitle


async def test_resume_or_pause_with_nothing_to_do_is_not_sent_and_says_why(fresh_sandbox, toasts):
    """Resume on a job that is not paused opens no dialog and sends nothing (the CLI's "nothing to do");
    with two marked jobs, one already paused, pause asks only about the other and names the one left out."""
    async with sandbox_console(fresh_sandbox) as (pilot, app, screen):
        await pilot.press("2")
        await settle(pilot, app)
        jobs = screen.state.jobs[View.SCHEDULED]
        first, second = [k for k, j in jobs.items() if j.trigger_state == TriggerState.NORMAL][:2]
        assert screen.table.select_key(first)
        await pilot.press("r")
        await pilot.pause(0.3)
        assert not isinstance(app.screen, ConfirmScreen)
        assert any(severity == "warning" and message.startswith("Nothing to resume: ")
                   and "not paused (its trigger is Scheduled)" in message  # the word the table shows
                   for message, severity in toasts), toasts
        assert (await scheduled_by_handle(app.source))[first].trigger_state == TriggerState.NORMAL

        await pilot.press("p")
        await press_confirm(pilot, app)
        await wait_until(pilot, lambda: screen.state.jobs[View.SCHEDULED][first].trigger_state == TriggerState.PAUSED)
        await pilot.press("space")
        assert screen.table.select_key(second)
        await pilot.press("space", "p")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        dialog = app.screen
        assert [t.handle for t in dialog.targets] == [second]
        assert "already paused" in dialog.note and "Left out" in dialog.note
        await press_confirm(pilot, app)
        await wait_until(pilot, lambda: screen.state.jobs[View.SCHEDULED][second].trigger_state == TriggerState.PAUSED)
        assert {k: j.trigger_state for k, j in (await scheduled_by_handle(app.source)).items()
                if k in (first, second)} == {first: TriggerState.PAUSED, second: TriggerState.PAUSED}
