"""A bare app around one job list (``JobTable``), for the widget tests of job_list.py, job_table.py and
column_picker.py: the console's state and row context as ConsoleScreen makes them, a fixed clock, and a
record of every message the list posts (``RowHighlighted``, ``MarksChanged``, ``SortChanged``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.app import App, ComposeResult

from activejob_tui.console_state import ConsoleState
from activejob_tui.poller import View
from activejob_tui.tui.columns import RowContext
from activejob_tui.tui.theme import rich_theme
from activejob_tui.tui.widgets.job_table import JobTable
from tui.fakes import fixed_clock


class TableHost(App[None]):
    """``TableHost(jobs)``: one focused JobTable showing ``jobs`` in ``view``; ``posted`` records its messages
    as ``("highlighted", row_key)``, ``("marks", sorted marks)``, ``("sort", column, reverse)``."""

    def __init__(self, jobs: Iterable[Any], view: View = View.ACTIVE) -> None:
        super().__init__()
        self.console.push_theme(rich_theme())
        self.jobs = {job.job_handle: job for job in jobs}
        self.view = view
        self.state = ConsoleState(fixed_clock())
        self.ctx = RowContext(clock=self.state.row_clock, histories=self.state.histories,
                              stopping=self.state.stopping, marks=self.state.marks)
        self.posted: list[tuple[Any, ...]] = []

    def compose(self) -> ComposeResult:
        yield JobTable(self.ctx, self.state, id="jobs")

    def on_mount(self) -> None:
        self.table.configure(self.view, self.jobs)
        self.table.focus()

    @property
    def table(self) -> JobTable:
        return self.query_one(JobTable)

    def line(self, y: int) -> str:
        """What the list draws on its ``y``-th line (0: the header)."""
        return self.table.render_line(y).text

    def on_job_table_row_highlighted(self, event: JobTable.RowHighlighted) -> None:
        self.posted.append(("highlighted", event.row_key))

    def on_job_table_marks_changed(self, event: JobTable.MarksChanged) -> None:
        self.posted.append(("marks", sorted(self.state.marks)))

    def on_job_table_sort_changed(self, event: JobTable.SortChanged) -> None:
        self.posted.append(("sort", event.column, event.reverse))
