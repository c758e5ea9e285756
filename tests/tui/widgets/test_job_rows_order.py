"""The job list's order (src/activejob_tui/tui/widgets/job_rows.py) against the rule written plainly:
every sortable column of every view, both directions, values with ties and missing ones, with and
without a filter — the fast path (one sort by handle, one by value, the missing run moved to the end)
gives exactly the plain order."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from activejob_tui.model.enums import TriggerState
from activejob_tui.poller import View
from activejob_tui.tui.columns import COLUMNS, RowContext
from activejob_tui.tui.widgets.job_rows import JobRows
from tui.fakes import NOW, fixed_clock, make_active, make_logs, make_scheduled


def plain_order(rows: JobRows, keys: list[str]) -> list[str]:
    """Present values by the sort direction, ties by jobHandle; then the missing ones by jobHandle."""
    column = rows.sort_spec()
    if column is None:
        return sorted(keys)

    def value(key: str) -> Any:
        job = rows.jobs[key]
        return column.rank(job, key, rows.ctx) if column.rank is not None else column.sort(job)

    def missing(key: str) -> bool:
        return value(key) is None

    present = sorted((k for k in keys if not missing(k)), key=lambda k: (value(k), k))
    if rows.sort_reverse:  # descending values, ties still by handle
        groups: dict[Any, list[str]] = {}
        for k in present:
            groups.setdefault(value(k), []).append(k)
        present = [k for v in sorted(groups, reverse=True) for k in groups[v]]
    return present + sorted(k for k in keys if missing(k))


def shuffled_jobs(view: View, n: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    jobs = []
    if view is View.ACTIVE:
        for job in make_active(n, seed=seed):
            jobs.append(replace(job, progress=rng.choice([None, 0, 10, 10, 50, 99]),
                                name=rng.choice([None, "a", "B", "b", "c"]),
                                start_date=rng.choice([None, NOW, NOW - timedelta(seconds=5)]),
                                total_size=rng.choice([None, 1, 1, 7])))
    elif view is View.SCHEDULED:
        scheduled = make_scheduled()
        for i in range(n):
            jobs.append(replace(scheduled[i % len(scheduled)], job_handle=f"s|{i:03d}",
                                name=rng.choice([None, "a", "B", "b"]),
                                next_fire_time=rng.choice([None, NOW, NOW + timedelta(seconds=5)]),
                                trigger_state=rng.choice([None, *TriggerState])))
    else:
        logs = make_logs()
        for i in range(n):
            jobs.append(replace(logs[i % len(logs)], job_handle=f"l|{i:03d}",
                                job_name=rng.choice([None, "a", "B", "b"]),
                                end_date=rng.choice([None, NOW, NOW - timedelta(seconds=5)]),
                                file_error_count=rng.choice([None, 0, 2, 2])))
    rng.shuffle(jobs)
    return {job.job_handle: job for job in jobs}


@pytest.mark.parametrize("view", list(View))
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_sort_column_both_ways_matches_the_plain_order(view: View, seed: int) -> None:
    jobs = shuffled_jobs(view, 60, seed)
    rows = JobRows(RowContext(clock=fixed_clock()))
    rows.refill(COLUMNS[view], jobs)
    for column in (c for c in COLUMNS[view] if c.sortable):
        for reverse in (False, True):
            rows.sort_by(column.key, reverse)
            assert rows.keys == plain_order(rows, list(jobs)), (column.key, reverse)
            assert rows.pos == {k: i for i, k in enumerate(rows.keys)}
            kept = [k for k in jobs if hash(k) % 3]
            assert rows.ordered_keys(kept) == plain_order(rows, kept)


def test_a_filter_and_its_clearing_keep_the_order() -> None:
    jobs = shuffled_jobs(View.ACTIVE, 80, 4)
    rows = JobRows(RowContext(clock=fixed_clock()))
    rows.sort_column, rows.sort_reverse = "progress", True
    rows.refill(COLUMNS[View.ACTIVE], jobs)
    rows.filter(lambda job: (job.progress or 0) < 50)
    assert rows.keys == plain_order(rows, [k for k, j in jobs.items() if (j.progress or 0) < 50])
    rows.filter(None)
    assert rows.keys == plain_order(rows, list(jobs))
