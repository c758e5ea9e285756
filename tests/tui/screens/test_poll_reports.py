"""poll_reports: a failed poll marks the list stale once and says so once; the next good poll clears it."""

from __future__ import annotations

from datetime import timedelta

from activejob_tui.ips.errors import IpsError
from activejob_tui.model.diff import diff_snapshots
from activejob_tui.poller import PollFailed, SnapshotApplied, View
from activejob_tui.tui.screens.poll_reports import apply_snapshot, take_report
from tui.fakes import NOW, make_active
from tui.helpers import running_console


def failed(failures: int) -> PollFailed:
    return PollFailed(View.ACTIVE, IpsError("Cannot connect to ips.example.com: connection refused."),
                      NOW - timedelta(seconds=30), 4.0, failures)


async def test_failures_make_the_list_stale_and_are_told_once(toasts) -> None:
    async with running_console() as (pilot, app, screen, _source):
        app.poller.stop()  # only the reports of this test from here on
        await pilot.pause()
        take_report(screen, failed(1))
        take_report(screen, failed(2))
        await pilot.pause()
        table = screen.table
        assert table.has_class("-stale") and table.stale_as_of is not None
        assert table.border_title == "Active jobs — stale"
        told = [m for m, severity in toasts if m.startswith("Poll failed")]
        assert told == ["Poll failed: Cannot connect to ips.example.com: connection refused."]
        assert "stale" in screen.status.text.plain


async def test_a_good_poll_after_failures_is_fresh_again_and_its_rows_follow_the_diff() -> None:
    async with running_console() as (pilot, app, screen, _source):
        app.poller.stop()
        await pilot.pause()
        take_report(screen, failed(1))
        previous = dict(screen.state.current)
        jobs = make_active(5, seed=11)
        current = {j.job_handle: j for j in jobs}
        apply_snapshot(screen, SnapshotApplied(View.ACTIVE, diff_snapshots(previous, jobs), NOW, first=False))
        await pilot.pause()
        table = screen.table
        assert not table.has_class("-stale") and table.stale_as_of is None
        assert table.border_title == "Active jobs"
        assert set(table.visible_keys()) == set(current)
        assert screen.state.current == current


async def test_a_report_of_another_view_changes_the_state_but_not_the_rows() -> None:
    async with running_console() as (pilot, app, screen, source):
        app.poller.stop()
        await pilot.pause()
        shown = list(screen.table.visible_keys())
        apply_snapshot(screen, SnapshotApplied(View.SCHEDULED, diff_snapshots({}, list(source.scheduled.values())), NOW,
                                               first=True))
        await pilot.pause()
        assert screen.view is View.ACTIVE and list(screen.table.visible_keys()) == shown
        assert View.SCHEDULED in screen.state.loaded
