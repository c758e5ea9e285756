"""The job list's rows without drawing (src/activejob_tui/tui/widgets/job_rows.py): the order by the
sort column with missing values last and ties by jobHandle, a poll that re-orders only when an
order-deciding value changed, and a filter that can hide but never break the list."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from activejob_tui.poller import View
from activejob_tui.tui.columns import COLUMNS, RowContext
from activejob_tui.tui.widgets.job_rows import JobRows
from tui.fakes import NOW, fixed_clock, make_active


def rows_of(jobs, sort: tuple[str, bool] = ("progress", False)) -> JobRows:
    rows = JobRows(RowContext(clock=fixed_clock()))
    rows.sort_column, rows.sort_reverse = sort
    rows.refill(COLUMNS[View.ACTIVE], {j.job_handle: j for j in jobs})
    return rows


def test_the_order_is_the_sort_value_then_the_handle_with_missing_values_last() -> None:
    a, b, c, d = (replace(j, progress=p) for j, p in zip(make_active(4), (50, None, 10, 50), strict=True))
    rows = rows_of([a, b, c, d])
    assert rows.keys == [c.job_handle, a.job_handle, d.job_handle, b.job_handle]
    assert rows.pos == {key: i for i, key in enumerate(rows.keys)}
    rows.sort_by("progress", True)
    assert rows.keys == [a.job_handle, d.job_handle, c.job_handle, b.job_handle]  # missing still last


def test_a_poll_reorders_only_when_an_order_deciding_value_changed() -> None:
    jobs = {j.job_handle: replace(j, progress=i * 10) for i, j in enumerate(make_active(5))}
    rows = rows_of(jobs.values())
    before = list(rows.keys)
    first = before[0]
    newer = dict(jobs)
    newer[first] = replace(jobs[first], progress_message="still going",
                           last_progress_update=NOW + timedelta(seconds=5))  # not the sort column
    stale, moved = rows.apply(newer, added=(), changed=[first], gone=())
    assert (stale, moved) == ([first], False) and rows.keys == before
    newest = dict(newer)
    newest[first] = replace(newer[first], progress=99)
    stale, moved = rows.apply(newest, added=(), changed=[first], gone=())
    assert moved and stale == [first]
    assert rows.keys == [*before[1:], first]


def test_added_gone_and_filtered_jobs() -> None:
    jobs = {j.job_handle: j for j in make_active(6)}
    rows = rows_of(jobs.values())
    keys = sorted(jobs)
    rows.filter(lambda job: job.job_handle != keys[0])
    assert keys[0] not in rows.pos and len(rows.keys) == 5
    extra = replace(make_active(7)[6], job_handle="j|new")
    later = {k: v for k, v in jobs.items() if k != keys[1]} | {"j|new": extra}
    stale, moved = rows.apply(later, added=["j|new"], changed=(), gone=[keys[1]])
    assert moved and set(stale) == {"j|new", keys[1]}
    assert set(rows.keys) == set(later) - {keys[0]}
    hidden = dict(later)
    hidden[keys[2]] = replace(later[keys[2]], job_handle=keys[0])  # now fails the filter
    rows.apply(hidden, added=(), changed=[keys[2]], gone=())
    assert keys[2] not in rows.pos


def test_a_filter_that_raises_hides_the_job_and_keeps_the_list() -> None:
    jobs = make_active(4)

    def picky(job):
        if job.job_handle == jobs[1].job_handle:
            raise ValueError("a filter bug")
        return True

    rows = rows_of(jobs)
    rows.filter(picky)
    assert jobs[1].job_handle not in rows.pos and len(rows.keys) == 3
