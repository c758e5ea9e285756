"""The rows of the job list, without drawing: jobHandles in display order, the filter, the sort.

:class:`~.job_table.JobTable` draws what this holds. Order: the sort column's value (cached per
job until the job changes), missing values last, ties by jobHandle. A poll re-orders only when an
order-deciding value changed, and then re-sorts a nearly sorted list (Timsort: close to linear).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any

from ...poller import View
from ..columns import DEFAULT_SORT, JobTableColumn, RowContext

Predicate = Callable[[Any], bool]


class JobRows:
    """Which jobs of ``jobs`` are listed (``keys``, ``pos``) and in which order."""

    def __init__(self, ctx: RowContext) -> None:
        self.ctx = ctx
        self.columns: tuple[JobTableColumn, ...] = ()
        self.jobs: Mapping[str, Any] = {}
        self.predicate: Predicate | None = None
        self.sort_column, self.sort_reverse = DEFAULT_SORT[View.ACTIVE]
        self.keys: list[str] = []
        """jobHandles in display order."""
        self.pos: dict[str, int] = {}
        """jobHandle → its index in ``keys``."""
        self.sort_values: dict[str, Any] = {}

    def matches(self, job: Any) -> bool:
        if self.predicate is None:
            return True
        try:
            return bool(self.predicate(job))
        except Exception:  # noqa: BLE001 - a filter must never break the list
            return False

    # -- order ---------------------------------------------------------------------------

    @property
    def sort_arrow(self) -> str:
        """``▼`` (descending) or ``▲``: drawn after the sort column's label, wherever it is named."""
        return "▼" if self.sort_reverse else "▲"

    def sort_spec(self) -> JobTableColumn | None:
        return next((c for c in self.columns if c.key == self.sort_column and c.sortable), None)

    def sort_value(self, key: str, job: Any, column: JobTableColumn | None = None) -> Any:
        """The sort column's value of ``job`` (``None``: it has none)."""
        column = column or self.sort_spec()
        if column is None:
            return None
        if column.rank is not None:
            return column.rank(job, key, self.ctx)
        return column.sort(job)  # type: ignore[misc]

    def ordered_keys(self, keys: Iterable[str]) -> list[str]:
        """``keys`` in the list's order: the sort column's value, missing values last, then the handle.

        One sort by handle, one stable sort of the keys with a value by their bare values (C-speed
        comparisons of one kind: ``columns``' sort values are never tuples), then the missing ones."""
        ordered = sorted(keys)
        column = self.sort_spec()
        if column is None:
            return ordered
        values, jobs, ctx = self.sort_values, self.jobs, self.ctx
        todo = [key for key in ordered if key not in values]
        if column.rank is not None:  # one instant for all of them (the ETA asks the clock per job)
            rank, now = column.rank, ctx.clock()
            at_now = replace(ctx, clock=lambda: now)
            values.update((key, rank(jobs[key], key, at_now)) for key in todo)
        else:
            values.update(zip(todo, map(column.sort, map(jobs.__getitem__, todo)), strict=True))  # type: ignore[arg-type]
        present = [key for key in ordered if values[key] is not None]
        missing = [key for key in ordered if values[key] is None] if len(present) < len(ordered) else []
        present.sort(key=values.__getitem__, reverse=self.sort_reverse)
        return present + missing

    def order(self, keys: list[str]) -> None:
        self.keys = self.ordered_keys(keys)
        self.pos = dict(zip(self.keys, range(len(self.keys)), strict=True))

    def sort_by(self, column: str, reverse: bool) -> None:
        self.sort_column, self.sort_reverse = column, reverse
        self.sort_values.clear()
        self.order(self.keys)

    # -- content -------------------------------------------------------------------------

    def refill(self, columns: tuple[JobTableColumn, ...] | None = None, jobs: Mapping[str, Any] | None = None) -> None:
        """Every job of ``jobs`` the filter accepts (a new view, a first poll)."""
        if columns is not None:
            self.columns = columns
        if jobs is not None:
            self.jobs = jobs
        self.sort_values.clear()
        self.order(self.matching())

    def filter(self, predicate: Predicate | None) -> None:
        self.predicate = predicate
        self.order(self.matching())

    def matching(self) -> list[str]:
        """The jobHandles of ``jobs`` the filter accepts (all of them without a filter)."""
        if self.predicate is None:
            return list(self.jobs)
        return [key for key, job in self.jobs.items() if self.matches(job)]

    def apply(self, jobs: Mapping[str, Any], added: Iterable[str], changed: Iterable[str],
              gone: Iterable[str]) -> tuple[list[str], bool]:
        """Take in one poll. Returns the jobHandles whose drawn cells are out of date, and whether
        the rows (which, or their order) changed."""
        self.jobs = jobs
        pos, values = self.pos, self.sort_values
        stale: list[str] = []
        remove = {key for key in gone if key in pos}
        append: list[str] = []
        reorder = False
        column = self.sort_spec()
        for key in added:
            stale.append(key)  # a jobHandle seen before (gone, then back) must not reuse old cells
            if key not in pos and self.matches(jobs[key]):
                append.append(key)
        for key in changed:
            job = jobs[key]
            stale.append(key)
            shown = key in pos
            if self.matches(job):
                if not shown:
                    append.append(key)
                    values.pop(key, None)
                elif not reorder and key in values:
                    value = self.sort_value(key, job, column)
                    reorder = value != values[key]
                    values[key] = value  # kept current: the next poll compares against it
                else:
                    values.pop(key, None)  # recomputed by the re-sort below
            elif shown:
                remove.add(key)
        for key in remove:
            values.pop(key, None)
        stale.extend(remove)
        if not (remove or append or reorder):
            return stale, False
        keys = [key for key in self.keys if key not in remove] if remove else self.keys
        self.order(keys + append)
        return stale, True
