"""colon_dispatch: a ':' command carried out on the console."""

from __future__ import annotations

from activejob_tui.colon_commands import ColonCommand, parse_colon
from activejob_tui.poller import View
from activejob_tui.tui.screens.colon_dispatch import run_colon
from tui.helpers import running_console, wait_until


async def test_a_view_command_switches_and_the_list_keeps_the_focus() -> None:
    async with running_console() as (pilot, app, screen, _source):
        screen.detail.focus()
        run_colon(screen, parse_colon("finished", ""))
        await pilot.pause()
        assert screen.view is View.FINISHED and app.poller.view is View.FINISHED
        assert app.focused is screen.table


async def test_filter_words_open_the_bar_and_apply_an_empty_filter_clears_it() -> None:
    async with running_console() as (pilot, app, screen, _source):
        first = next(iter(screen.state.current.values()))
        run_colon(screen, ColonCommand("filter", text=f'name:"{first.name}"'))
        await wait_until(pilot, lambda: screen.state.filter_text == f'name:"{first.name}"')
        assert screen.filter_bar.display and first.job_handle in screen.table.visible_keys()
        await wait_until(pilot, lambda: app.focused is screen.table)
        run_colon(screen, ColonCommand("filter", text=""))
        await wait_until(pilot, lambda: screen.state.filter_query is None)
        assert screen.table.row_count == len(screen.state.current)


async def test_a_refused_command_is_a_warning_and_a_switch_reaches_the_app(toasts) -> None:
    async with running_console() as (pilot, _app, screen, _source):
        run_colon(screen, parse_colon("bogus", ""))
        run_colon(screen, parse_colon("company", "Demo Studio"))  # no config context: the App says so
        await pilot.pause()
        assert toasts[0] == ("Unknown command :bogus. Commands: :active, :scheduled, :finished, :filter WORDS, "
                             ":profile NAME, :company NAME.", "warning")
        assert toasts[1] == ("This console was started without a config context; restart with --company Demo Studio.",
                             "warning")
        run_colon(screen, parse_colon("", ""))  # nothing: no toast
        await pilot.pause()
        assert len(toasts) == 2
