"""Pilot tests of the console against an in-memory JobSource (fixed clock, controllable faults)."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path
from datetime import timedelta
from typing import Any

from rich.console import Console
from textual.widgets import Static

from activejob_tui.ips.errors import ApiFault, AuthorizationError, IpsConnectionError
from activejob_tui.model.enums import ActiveJobState, TriggerState
from activejob_tui.poller import View
from activejob_tui.tui.app import ActiveJobApp
from activejob_tui.tui.screens.confirm import ConfirmScreen
from activejob_tui.tui.screens.help import HelpScreen
from activejob_tui.tui.theme import rich_theme

from .screen_text import screen_lines
from .fakes import NOW, FakeSource, fixed_clock, make_active, make_details, make_logs
from .helpers import (
    make_app,
    press_confirm,
    running_console,
    screen_of,
    settle,
    status_text,
    wait_until,
)


async def test_jobs_appear_with_header_and_detail():
    async with running_console() as (pilot, app, screen, source):
        assert screen.table.row_count == len(source.active)
        header = status_text(app)
        assert "sandbox" in header and "Demo Company" in header and "demo@example.com" in header
        assert "API 2016-01-14-beta" in header and "12 jobs" in header
        assert screen.detail.job is screen.table.selected_job
    assert source.closed


async def test_views_switch_with_1_2_3():
    async with running_console() as (pilot, app, screen, source):
        await pilot.press("2")
        await settle(pilot, app)
        assert screen.view is View.SCHEDULED and app.poller.view is View.SCHEDULED
        assert screen.table.row_count == len(source.scheduled)
        paused = [k for k, j in source.scheduled.items() if j.trigger_state == TriggerState.PAUSED]
        assert paused and all(screen.table.is_shown(k) for k in paused)
        assert "Paused" in str(screen.table.get_cell(paused[0], "state"))
        await pilot.press("3")
        await settle(pilot, app)
        assert screen.view is View.FINISHED and screen.table.row_count == len(source.logs)
        await pilot.press("1")
        await settle(pilot, app)
        assert screen.view is View.ACTIVE and screen.table.row_count == len(source.active)


async def test_diffs_update_cells_add_and_remove_rows():
    async with running_console() as (pilot, app, screen, source):
        handle = next(iter(source.active))
        source.active[handle] = replace(source.active[handle], name="Renamed job", progress=99)
        gone = list(source.active)[1]
        del source.active[gone]
        new = replace(make_active(1)[0], job_handle="j|new", name="Brand new job")
        source.active["j|new"] = new
        await settle(pilot, app, polls=2)
        assert "Renamed job" in str(screen.table.get_cell(handle, "name"))
        assert not screen.table.is_shown(gone)
        assert screen.table.is_shown("j|new")
        assert screen.table.row_count == len(source.active)


async def test_cursor_stays_on_the_same_job_when_the_list_resorts():
    async with running_console() as (pilot, app, screen, source):
        table = screen.table
        await pilot.press("j", "j", "j")
        chosen = table.selected_key
        row_before = table.cursor_row
        # Make the chosen job the most recently started: it jumps to the top of the default sort.
        source.active[chosen] = replace(source.active[chosen], start_date=source.active[chosen].start_date.replace(year=2030))
        await settle(pilot, app, polls=2)
        assert table.selected_key == chosen
        assert table.cursor_row == 0 != row_before
        # Sorting by another column keeps it too.
        await pilot.press("o")
        assert table.selected_key == chosen
        reverse = table.sort_reverse
        await pilot.press("O")
        assert table.selected_key == chosen and table.sort_reverse is not reverse


async def test_sort_keys_and_header_click():
    async with running_console() as (pilot, app, screen, _):
        table = screen.table
        assert table.sort_column == "started"
        await pilot.press("o")
        assert table.sort_column == "updated"
        await pilot.press("O")
        names_before = table.visible_keys()
        await pilot.press("O")
        assert table.visible_keys() != names_before
        await pilot.click("#jobs", offset=(20, 1))  # the Name header
        await pilot.pause()
        assert table.sort_column == "name"
        names = [str(table.get_cell(k, "name")) for k in table.visible_keys()]
        assert names == sorted(names, key=str.casefold)


async def test_filter_narrows_points_at_bad_term_and_escape_clears():
    async with running_console() as (pilot, app, screen, source):
        await pilot.press("slash")
        for char in "type:video":
            await pilot.press(char)
        await wait_until(pilot, lambda: screen.state.filter_text == "type:video")
        shown = [screen.table.jobs[k] for k in screen.table.visible_keys()]
        assert shown and all("video" in (j.type or "").lower() for j in shown)
        assert "match" in status_text(app)
        await pilot.press("enter")
        assert screen.focused is screen.table
        await pilot.press("slash")
        bar = screen.query_one("#filter")
        bar.input.value = "type:video bogus:1"
        await wait_until(pilot, lambda: bar.error is not None)
        assert bar.error is not None and bar.error.term.startswith("bogus")
        assert bar.error.position == len("type:video ")
        error_text = str(screen.query_one("#filter-error").render())
        assert "bogus" in error_text and "^" in error_text
        assert screen.table.row_count == len(shown)  # the last good filter stays
        await pilot.press("escape")
        await wait_until(pilot, lambda: screen.state.filter_query is None)
        assert screen.table.row_count == len(source.active)


async def test_stop_confirms_names_the_job_and_targets_the_dialog_handle():
    async with running_console() as (pilot, app, screen, source):
        running = [k for k, j in source.active.items() if j.state == ActiveJobState.RUNNING]
        assert screen.table.select_key(running[0])
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen)
        assert [t.handle for t in dialog.targets] == [running[0]]
        assert app.focused.id == "cancel"
        # The list re-sorts under the dialog: another job moves under the cursor.
        source.active[running[1]] = replace(source.active[running[1]], start_date=source.active[running[1]].start_date.replace(year=2030))
        await settle(pilot, app, polls=2)
        await pilot.press("tab")  # Cancel → Stop
        await pilot.press("enter")
        await wait_until(pilot, lambda: source.calls)
        assert source.calls == [("stop", running[0])]
        assert source.active[running[0]].state == ActiveJobState.STOPPING
        await settle(pilot, app, polls=2)
        assert "Stopping" in str(screen.table.get_cell(running[0], "state"))


async def test_stop_shows_stopping_until_a_poll_confirms():
    async with running_console() as (pilot, app, screen, source):
        app.poller.stop()  # no more polls: the row must keep saying "stopping…"
        await pilot.pause(0.1)
        key = next(k for k, j in source.active.items() if j.state == ActiveJobState.RUNNING)
        screen.table.select_key(key)
        await pilot.press("s")
        await press_confirm(pilot, app)
        await wait_until(pilot, lambda: "stopping…" in str(screen.table.get_cell(key, "state")))
        assert source.calls == [("stop", key)]


async def test_cancel_is_the_default_and_sends_nothing():
    async with running_console() as (pilot, app, screen, source):
        await pilot.press("s")
        await pilot.press("enter")  # Cancel has the focus
        await wait_until(pilot, lambda: not isinstance(app.screen, ConfirmScreen))
        await settle(pilot, app)  # a poll went by after the answer
        assert source.calls == []


async def test_a_fault_on_stop_is_shown_in_words_and_changes_nothing():
    async with running_console() as (pilot, app, screen, source):
        key = screen.table.selected_key
        source.command_errors[key] = AuthorizationError("You are not allowed to stop jobs of this company.")
        await pilot.press("s")
        await press_confirm(pilot, app)
        await wait_until(pilot, lambda: any("not allowed to stop" in n.message for n in app._notifications))
        assert source.calls == [("stop", key)]
        assert key not in screen.state.stopping


async def test_marks_stop_several_and_say_how_many_the_filter_hides():
    async with running_console() as (pilot, app, screen, source):
        await pilot.press("space", "space", "space")
        marked = set(screen.state.marks)
        assert len(marked) == 3
        assert "3 marked" in status_text(app)
        # Filter so that only one of the marked jobs stays visible.
        keep = sorted(marked)[0]
        screen.query_one("#filter").open()
        screen.query_one("#filter").input.value = f"handle:{keep}"
        await wait_until(pilot, lambda: screen.table.row_count == 1)
        await pilot.press("enter")
        assert screen.table.row_count == 1
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen)
        assert {t.handle for t in dialog.targets} == marked and dialog.hidden == 2
        await press_confirm(pilot, app)
        await wait_until(pilot, lambda: len(source.calls) == 3)
        assert {h for _, h in source.calls} == marked
        assert not screen.state.marks


async def test_readonly_refuses_and_greys_out_commands():
    async with running_console(readonly=True) as (pilot, app, screen, source):
        assert "READ-ONLY" in status_text(app)
        assert screen.check_action("stop", ()) is None
        await pilot.press("s")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        await pilot.press("2")
        await settle(pilot, app)
        for action in ("pause", "resume", "execute", "delete"):
            assert screen.check_action(action, ()) is None
        await pilot.press("p", "r", "e", "D")
        await pilot.pause()
        screen.runner.run("pause", screen.runner.pick()[0])  # even a direct call refuses
        await wait_until(pilot, lambda: any(n.message == "Read-only mode: nothing was sent." for n in app._notifications))
        assert source.calls == []
        bindings = {b.binding.action: b.enabled for b in screen.active_bindings.values()}
        assert bindings.get("command('pause')") is False  # greyed where it would apply
        assert "command('stop')" not in bindings  # hidden where it would not, as in normal mode


async def test_readonly_shows_no_more_command_keys_than_normal_mode():
    """A new user: '--readonly shows s Stop p Pause r Resume e Run now D Delete, all refused, where normal mode
    shows only s Stop'. Read-only greys the keys normal mode shows, in each view, and adds none."""
    shown = {}
    for readonly in (False, True):
        async with running_console(readonly=readonly) as (pilot, app, screen, source):
            for key in ("1", "2", "3"):
                await pilot.press(key)
                await settle(pilot, app)
                shown[readonly, key] = {b.binding.action for b in screen.active_bindings.values()
                                        if b.binding.action.startswith("command(") and b.binding.show}
    for key in ("1", "2", "3"):
        assert shown[True, key] == shown[False, key], key
    assert shown[False, "1"] == {"command('stop')"}


async def test_pause_resume_execute_delete_scheduled():
    async with running_console() as (pilot, app, screen, source):
        await pilot.press("2")
        await settle(pilot, app)
        assert screen.check_action("stop", ()) is False  # not in this view
        key = next(k for k, j in source.scheduled.items() if j.trigger_state == TriggerState.NORMAL)
        screen.table.select_key(key)
        await pilot.press("p")
        await press_confirm(pilot, app)
        await settle(pilot, app, polls=2)
        assert source.calls[-1] == ("pause", key)
        assert "Paused" in str(screen.table.get_cell(key, "state"))
        await pilot.press("r")
        await press_confirm(pilot, app)
        await settle(pilot, app, polls=2)
        assert source.calls[-1] == ("resume", key)
        assert "Scheduled" in str(screen.table.get_cell(key, "state"))
        await pilot.press("e")
        await press_confirm(pilot, app)
        await wait_until(pilot, lambda: source.calls[-1] == ("execute", key))
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await press_confirm(pilot, app)
        await settle(pilot, app, polls=2)
        assert source.calls[-1] == ("delete", key)
        assert not screen.table.is_shown(key)


async def test_stale_banner_on_failure_and_recovery():
    async with running_console(poll_interval=1.0) as (pilot, app, screen, source):
        rows = screen.table.row_count
        source.fail = IpsConnectionError("The server refused the connection.")
        app.poller.poll_now()
        for _ in range(100):
            await pilot.pause(0.02)
            if "stale since" in status_text(app):
                break
        header = status_text(app)
        assert "stale since 12:00:00" in header and "refused the connection" in header and "retrying in" in header
        assert screen.table.row_count == rows  # the last good data stays
        source.fail = None
        app.poller.poll_now()
        await settle(pilot, app)
        assert "stale" not in status_text(app) and "polled" in status_text(app)


def failing_once(source: FakeSource) -> tuple[Any, list[int]]:
    """A connect function that is refused on its first call, and the list of its calls."""
    attempts: list[int] = []

    async def connect() -> FakeSource:
        attempts.append(1)
        if len(attempts) < 2:
            raise IpsConnectionError("Cannot reach the server: connection refused.")
        return source

    return connect, attempts


async def test_connect_failure_is_shown_and_retried():
    source = FakeSource()
    connect, attempts = failing_once(source)
    app = ActiveJobApp(connect, poll_interval=0.05, now=fixed_clock())
    async with app.run_test(size=(160, 48)) as pilot:
        for _ in range(50):
            await pilot.pause(0.02)
            if "connection refused" in status_text(app):
                break
        assert "connection refused" in status_text(app)
        await settle(pilot, app)
        assert len(attempts) == 2 and screen_of(app).table.row_count == len(source.active)


async def test_ctrl_r_retries_a_failed_connection_at_once():
    source = FakeSource()
    connect, attempts = failing_once(source)
    app = ActiveJobApp(connect, poll_interval=60, now=fixed_clock())  # the next retry would be a minute away
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_until(pilot, lambda: "connection refused" in status_text(app), timeout=10)
        await pilot.pause(0.2)  # a retry would come only after the 60 s interval: show none comes meanwhile
        assert len(attempts) == 1
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: screen_of(app).table.row_count == len(source.active), timeout=3)
        assert len(attempts) == 2


async def test_finished_view_shows_log_details_paged_on_demand(tmp_path):
    async with running_console() as (pilot, app, screen, source):
        screen.saver.save_dir = tmp_path
        await pilot.press("3")
        await settle(pilot, app)
        pane = screen.log_pane
        await wait_until(pilot, lambda: pane.job_key == screen.table.selected_key and len(pane.entries) == 30)
        # all 30 detail lines of the log (fewer than a page): nothing more to page in
        assert pane.has_more is False
        assert [e.message for e in pane.entries] == [f"{d.log_message}  ({d.asset_name})"
                                                     for d in make_details(pane.job_key, 1, 30)]
        # Severity filter: errors only.
        screen.query_one("#log").focus()
        await pilot.press("v", "v")
        assert pane.level == "errors"
        assert pane.log_widget.line_count < len(pane.entries)
        assert all(" error " in line for line in pane.log_widget.lines)
        await pilot.press("w")
        await wait_until(pilot, lambda: list(tmp_path.glob("activejob-*.log")))


async def test_finished_view_asks_for_the_last_week_and_shows_the_newest_up_to_the_limit(monkeypatch):
    """The Finished view reads getJobLogs with a window (the last 7 days) and a limit; the fake honours both as
    the sandbox does, so a log older than the window, or beyond the limit, is not listed."""
    from activejob_tui import poller

    monkeypatch.setattr(poller, "FINISHED_LIMIT", 4)
    recent = make_logs()  # started 1 … 6 hours before NOW
    old = replace(recent[0], job_handle="l|old", job_name="Eight days ago", start_date=NOW - timedelta(days=8),
                  end_date=NOW - timedelta(days=8) + timedelta(minutes=5))
    source = FakeSource(logs=[old, *reversed(recent)])
    async with running_console(source) as (pilot, app, screen, source):
        await pilot.press("3")
        await settle(pilot, app)
        assert source.log_requests[-1] == {"start": NOW - timedelta(days=7), "end": None, "limit": 4,
                                           "sort_by": None, "descending": True}
        assert sorted(screen.table.visible_keys()) == ["l|000", "l|001", "l|002", "l|003"]


def rendered(renderable: Any) -> str:
    """A renderable as plain text, as the terminal would draw it on a wide line."""
    out = Console(width=200, file=io.StringIO(), color_system=None, legacy_windows=False, theme=rich_theme())
    out.print(renderable)
    return out.file.getvalue()


async def test_log_pages_more_with_m():
    from activejob_tui.tui import log_details as console

    app, source = make_app()
    old = console.DETAIL_PAGE
    console.DETAIL_PAGE = 10
    try:
        async with app.run_test(size=(160, 48)) as pilot:
            await settle(pilot, app)
            screen = screen_of(app)
            await pilot.press("3")
            await settle(pilot, app)
            pane = screen.log_pane
            await wait_until(pilot, lambda: len(pane.entries) == 10)
            assert pane.has_more
            screen.query_one("#log").focus()
            await pilot.press("m")
            await wait_until(pilot, lambda: len(pane.entries) == 20)
    finally:
        console.DETAIL_PAGE = old


async def test_active_log_follows_progress_messages():
    async with running_console() as (pilot, app, screen, source):
        screen.query_one("#log").focus()
        await pilot.press("t")  # detail lines → progress messages
        await pilot.pause()
        assert screen.log_pane.source == "progress messages"
        key = screen.table.selected_key
        job = source.active[key]
        before = len(screen.log_pane.entries)
        source.active[key] = replace(job, progress_message="Copying asset 42 of 90",
                                     last_progress_update=max(e.at for e in screen.log_pane.entries) + timedelta(seconds=5))
        await settle(pilot, app, polls=2)
        assert len(screen.log_pane.entries) == before + 1
        assert "Copying asset 42 of 90" in screen.log_pane.log_widget.lines[-1]
        await pilot.press("f")
        assert screen.log_pane.follow is False


async def test_help_palette_maximise_tab_and_quit():
    async with running_console() as (pilot, app, screen, source):
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = rendered(app.screen.query_one("#help-table", Static).content)
        rows = {" ".join(line.split()) for line in text.splitlines()}
        assert {"s Stop job.stop", "/ Filter filter.open", "^q q Quit app.quit"} <= rows, text  # keys, what they do, id
        descriptions = {d for _, rows in app.screen.sections for _, d, _ids in rows}
        assert {"Stop", "Filter", "Mark", "Follow log", "Quit", "Refresh"} <= descriptions
        await pilot.press("escape")
        assert app.screen is screen
        await pilot.press("enter")
        assert screen.maximized is screen.table
        await pilot.press("enter")
        assert screen.maximized is None
        await pilot.press("tab")
        assert screen.focused is screen.detail
        await pilot.press("enter")
        assert screen.maximized is screen.detail
        await pilot.press("escape")
        assert screen.maximized is None
        await pilot.press("tab")
        assert screen.focused.id == "log"
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "CommandPalette"
        await pilot.press("escape")
        polls = app.poller.polls
        await pilot.press("ctrl+r")
        await settle(pilot, app)
        assert app.poller.polls > polls
        await pilot.press("q")
        await pilot.pause()
    assert source.closed


def readme_keymap_table() -> str:
    """The README's ``[keymap]`` example, verbatim: from its table header to the next blank line."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(readme) if line.startswith("[keymap]"))
    end = next(i for i in range(start, len(readme)) if not readme[i].strip())
    return "\n".join(readme[start:end]) + "\n"


async def test_keymap_remaps_bindings(tmp_path):
    """The README's [keymap] example, read by the config parser as the CLI reads it, reaches the console."""
    from activejob_tui.config import Options, resolve

    table = readme_keymap_table()
    assert 'stop = "K"' in table
    config = tmp_path / "config.toml"
    config.write_text(table + '"view.scheduled" = "S"\n', encoding="utf-8")  # a full binding id too
    resolved = resolve(Options(), {"ACTIVEJOB_TUI_CONFIG": str(config)}, None)
    async with running_console(keymap=resolved.keymap) as (pilot, app, screen, source):
        await pilot.press("s")  # the old key no longer stops
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("K")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await pilot.press("S")
        await settle(pilot, app)
        assert screen_of(app).view is View.SCHEDULED


async def test_narrow_terminal_stacks_panes():
    async with running_console(size=(80, 24)) as (pilot, app, screen, source):
        assert screen.has_class("-narrow")
        detail, log = screen.detail.region, screen.log_pane.region
        assert detail.width > 60 and log.width > 60 and log.y > detail.y
        assert screen.table.region.height >= 5
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)


async def test_job_end_toast():
    async with running_console() as (pilot, app, screen, source):
        key = list(source.active)[-1]
        name = source.active[key].name
        del source.active[key]
        await settle(pilot, app, polls=2)
        assert any(name in n.message for n in app._notifications)


async def test_a_poll_that_raises_an_unexpected_error_never_kills_the_console():
    async with running_console() as (pilot, app, screen, source):
        source.fail = ValueError("boom")  # type: ignore[assignment]
        app.poller.poll_now()
        await wait_until(pilot, lambda: "stale" in status_text(app), timeout=10, step=0.02)
        assert "unexpected error" in status_text(app)
        source.fail = None
        await settle(pilot, app)
        assert "stale" not in status_text(app)


async def test_stop_of_a_vanished_job_says_so():
    async with running_console() as (pilot, app, screen, source):
        app.poller.stop()
        await pilot.pause(0.1)
        key = screen.table.selected_key
        name = source.active[key].name
        del source.active[key]  # finished between the keypress and the confirm
        await pilot.press("s")
        await press_confirm(pilot, app)
        said = f"Could not stop {name}: Job {key} not found."
        await wait_until(pilot, lambda: any(n.message == said for n in app._notifications))
        assert source.calls == [("stop", key)]  # sent once, to that job, and refused
        assert key not in screen.state.stopping
        assert not any(n.message.startswith("Sent stop") for n in app._notifications)


async def test_help_lists_each_keys_binding_id_as_the_readme_says(tmp_path):
    """README: "[keymap] # binding id = keys; the help screen (?) lists the ids" — the ids shown are the ones
    a [keymap] line names, and a remapped key is shown beside its id."""
    from activejob_tui.config import Options, resolve

    config = tmp_path / "config.toml"
    config.write_text('[keymap]\nstop = "K"\n', encoding="utf-8")
    resolved = resolve(Options(), {"ACTIVEJOB_TUI_CONFIG": str(config)}, None)
    async with running_console(keymap=resolved.keymap) as (pilot, app, screen, source):
        await pilot.press("question_mark")
        await settle(pilot, app)
        rows = {description: (keys, ids) for _, entries in app.screen.sections for keys, description, ids in entries}
        assert rows["Stop"] == ("K", "job.stop")
        assert rows["Help"][1] == "app.help"
        assert any(re.search(r"\bK +Stop +job\.stop\b", line) for line in screen_lines(app))


async def test_keys_typed_in_one_burst_after_colon_go_to_the_command_line_never_to_command_keys():
    """Typed fast (or over a laggy SSH link) ':schedule foo⏎' arrives in one burst. The line's focus waits
    for a refresh, so the keys queued behind ':' reached the console: in the Scheduled view 'e' opened Run
    now, 'l' moved the dialog's focus to its confirm button and Enter sent it (found in tmux)."""
    from textual import events

    async with running_console() as (pilot, app, screen, source):
        await pilot.press("2")
        await settle(pilot, app)
        for prefix in (":", "/"):
            names = {":": "colon", "/": "slash", " ": "space"}
            for character in prefix + "schedule foo":
                app.post_message(events.Key(names.get(character, character), character))
            app.post_message(events.Key("enter", "\r"))
            await pilot.pause(0.3)
            assert app.screen is screen and not isinstance(app.screen, ConfirmScreen)
            assert source.calls == [], source.calls
            await pilot.press("escape")
            await pilot.pause()
