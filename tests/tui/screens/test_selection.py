"""selection: the detail pane follows the cursor once it rests; show_now does it at once."""

from __future__ import annotations

from activejob_tui.tui.screens.selection import SELECTION_DEBOUNCE, SelectionFollower
from tui.helpers import running_console, wait_until


async def test_the_detail_waits_for_the_cursor_to_rest_and_show_now_drops_the_wait() -> None:
    async with running_console() as (pilot, app, screen, _source):
        app.poller.stop()
        await pilot.pause()
        follower = screen.selection
        assert isinstance(follower, SelectionFollower)
        follower.show_now()
        assert screen.detail.job is screen.table.selected_job
        before = screen.detail.job
        screen.table.action_cursor_down()
        follower.moved()
        follower.moved()  # a second move restarts the wait
        assert screen.detail.job is before  # not yet: the cursor has not rested
        await wait_until(pilot, lambda: screen.detail.job is screen.table.selected_job, timeout=SELECTION_DEBOUNCE * 20,
                         step=0.02)
        assert screen.detail.job is not before

        follower.moved()
        follower.show_now()  # at once, and the pending show is dropped
        assert screen.detail.job is screen.table.selected_job
        screen.detail.show(None)  # a pending show left behind would put the job back
        await pilot.pause(SELECTION_DEBOUNCE * 3)
        assert screen.detail.job is None
