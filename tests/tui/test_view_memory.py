"""Each view keeps its marks and its cursor while the operator looks at another (a new user's finding: ``2``
then ``1`` put the cursor back on the first row and dropped two marks without a word). As k9s does."""

from __future__ import annotations

from dataclasses import replace

from activejob_tui.poller import View

from .fakes import FakeSource
from .helpers import running_console, settle, status_text


async def test_marks_and_the_cursor_come_back_with_their_view():
    async with running_console() as (pilot, app, screen, source):
        table = screen.table
        table.focus()
        await pilot.press("space", "j", "space", "j", "j")
        marked, here = set(screen.state.marks), table.selected_key
        assert len(marked) == 2 and table.cursor_row > 2
        await pilot.press("2")
        await settle(pilot, app)
        assert screen.state.view is View.SCHEDULED and not screen.state.marks  # the scheduled view's own
        await pilot.press("space")
        scheduled_mark = set(screen.state.marks)
        await pilot.press("1")
        await settle(pilot, app)
        assert screen.state.marks == marked and table.selected_key == here
        assert "2 marked" in status_text(app)  # the header says so
        await pilot.press("2")
        await settle(pilot, app)
        assert screen.state.marks == scheduled_mark


async def test_a_kept_mark_of_a_job_that_ended_meanwhile_goes_with_the_next_poll():
    source = FakeSource()
    async with running_console(source) as (pilot, app, screen, _):
        screen.table.focus()
        await pilot.press("space", "j", "space")
        marked = sorted(screen.state.marks)
        await pilot.press("3")
        await settle(pilot, app)
        del source.active[marked[0]]  # it ended while the operator looked at the finished view
        source.active[marked[1]] = replace(source.active[marked[1]], progress=99)
        await pilot.press("1")
        await settle(pilot, app, polls=2)
        assert screen.state.marks == {marked[1]}
