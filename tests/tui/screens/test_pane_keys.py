"""pane_keys: enter maximises the focused pane and back; escape undoes one thing at a time."""

from __future__ import annotations

from activejob_tui.tui.screens.pane_keys import escape, toggle_maximized
from tui.helpers import running_console, wait_until


async def test_the_focused_pane_fills_the_screen_and_goes_back() -> None:
    async with running_console() as (pilot, _app, screen, _source):
        screen.detail.focus()
        await pilot.pause()
        toggle_maximized(screen)
        await pilot.pause()
        assert screen.maximized is screen.detail
        toggle_maximized(screen)
        await pilot.pause()
        assert screen.maximized is None


async def test_escape_goes_back_one_step_at_a_time() -> None:
    async with running_console() as (pilot, app, screen, _source):
        app.poller.stop()
        await pilot.pause()
        await pilot.press("space")
        first = next(iter(screen.state.current.values()))
        screen.filter_bar.open()
        screen.filter_bar.input.value = f'name:"{first.name}"'
        await wait_until(pilot, lambda: screen.state.filter_query is not None)
        screen.table.focus()
        await wait_until(pilot, lambda: app.focused is screen.table)
        toggle_maximized(screen)
        await pilot.pause()
        assert screen.maximized is screen.table
        escape(screen)  # the pane back first
        await pilot.pause()
        assert screen.maximized is None and screen.state.filter_query is not None and screen.state.marks
        escape(screen)  # then the filter
        await wait_until(pilot, lambda: screen.state.filter_query is None)
        assert screen.state.marks
        escape(screen)  # then the marks
        await pilot.pause()
        assert not screen.state.marks
