"""A new user watched a running job's log to its end: when the job ended and left the Active list,
the cursor went to its neighbour and the panes swapped to the neighbour's log before the last lines
could be read. Now the panes stay on the ended job — its last detail lines fetched, "ended" said in
both panes — until the operator moves the cursor."""

from __future__ import annotations

from .helpers import running_console, settle, wait_until
from .test_log_live import details


async def test_the_panes_stay_on_a_watched_job_that_ended_until_the_cursor_moves():
    async with running_console() as (pilot, app, screen, source):
        await pilot.press("j", "j")
        await wait_until(pilot, lambda: screen.log_pane.job_key == screen.table.selected_key)
        watched = screen.table.selected_key
        source.live_details[watched] = details(0, 3)
        screen.details.follow(watched, force=True)
        pane = screen.log_pane
        await wait_until(pilot, lambda: len(pane.entries) == 3)

        # The job writes its last line and ends: it leaves the active jobs.
        source.live_details[watched] += details(3, 1)
        ended_job = source.active.pop(watched)
        await settle(pilot, app, polls=2)
        await pilot.pause(0.3)  # past the cursor's debounce: nothing follows the data's cursor move

        assert screen.table.selected_key not in (watched, None)  # the cursor rests on a neighbour
        assert pane.job_key == watched
        await wait_until(pilot, lambda: len(pane.entries) == 4)  # its last line was fetched
        assert "line 3" in pane.log_widget.lines[-1]
        assert "ended" in str(screen.query_one("#log-title").render())
        assert screen.detail.job is not None and screen.detail.job.job_handle == ended_job.job_handle
        assert screen.detail.border_subtitle == "ended"

        await settle(pilot, app, polls=2)  # later polls do not move the panes either
        assert pane.job_key == watched

        await pilot.press("k")  # the operator moves: the panes follow the list again
        await wait_until(pilot, lambda: pane.job_key == screen.table.selected_key)
        assert screen.detail.job.job_handle == screen.table.selected_key
        assert not screen.detail.border_subtitle


async def test_a_job_that_ends_while_another_is_watched_changes_nothing_in_the_panes():
    async with running_console() as (pilot, app, screen, source):
        await pilot.press("j")
        await wait_until(pilot, lambda: screen.log_pane.job_key == screen.table.selected_key)
        watched = screen.table.selected_key
        other = next(key for key in source.active if key != watched)
        source.active.pop(other)
        await settle(pilot, app, polls=2)
        await pilot.pause(0.3)
        assert screen.table.selected_key == watched == screen.log_pane.job_key
        assert screen.selection.held is None and not screen.detail.border_subtitle
