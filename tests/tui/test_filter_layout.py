"""A long or pasted filter with an error in the real console: the panes keep their place (the filter
bar's error is three rows at most, src/activejob_tui/tui/widgets/filter_bar.py)."""

from __future__ import annotations

from textual import events
from textual.widgets import Footer

from activejob_tui.tui.widgets.filter_bar import FilterBar

from .helpers import running_console, wait_until


async def test_a_pasted_page_with_an_unterminated_quote_leaves_the_job_list_on_screen_at_80x24():
    async with running_console(size=(80, 24)) as (pilot, _app, screen, _):
        rows_before = screen.table.size.height
        await pilot.press("slash")
        bar = screen.query_one(FilterBar)
        bar.input.post_message(events.Paste('name:"' + "spring catalog upload " * 140))
        await pilot.pause()
        await pilot.press("enter")
        await wait_until(pilot, lambda: bar.error is not None)
        await pilot.pause()
        error = screen.query_one("#filter-error")
        assert error.size.height == 3
        assert bar.size.height <= 8  # the input (3 rows with its border), the three error rows, a row for the Footer
        assert error.region.bottom <= screen.query_one(Footer).region.y  # the caret row is not under the Footer
        assert screen.table.size.height >= rows_before - 8 and screen.table.size.height >= 5
