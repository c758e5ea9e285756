"""The job list: a DataTable keyed by jobHandle that applies poll diffs in place — public API only.

Measured on this machine (benchmarks/ui.py, docs/ARCHITECTURE.md): fixed column widths, rows keyed
by jobHandle, a poll only touches the cells that changed (``update_cell``), rows are re-ordered
(``sort`` on the mark column, whose cell carries the jobHandle) only when an order-deciding value
changed, and a removal of many rows at once (a new filter) is a refill rather than one
``remove_row`` — which re-indexes every row — per job. The cursor stays on the same job whatever
moves under it (htop's scar: never act on the row that slid under the cursor).

No private attribute of Textual is used (tests/test_no_private_api.py greps for them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from ...console_state import ConsoleState
from ...poller import View
from ..columns import COLUMNS, DEFAULT_SORT, Column, MarkCell, RowContext

Predicate = Callable[[Any], bool]

REFILL_AT = 64
"""Removing more rows than this at once refills the table instead (``remove_row`` is O(rows))."""


@dataclass(slots=True)
class FixedCell:
    """A cell of a fixed-width column: renders its content, and offers no ``__rich_measure__``.

    DataTable measures every cell of every new row to size auto-width columns; our widths are
    fixed, so that measurement (Rich's ``console.options`` per cell: ~0.3 s for 10,000 rows here)
    is wasted. Without ``__rich_measure__`` Textual's ``measure`` returns its default at once.
    Compared by content (a poll only rewrites cells that differ); not hashable.
    """

    content: Any

    def __rich_console__(self, console: Any, options: Any) -> Any:
        yield self.content

    def __str__(self) -> str:
        return str(self.content)


class JobTable(DataTable, inherit_bindings=False):
    """Jobs of one view; :class:`ConsoleState` owns the data, this widget mirrors it efficiently."""

    OWN_BINDINGS_ONLY: ClassVar[bool] = True
    """``inherit_bindings=False`` told to ``commands.declared_bindings`` (help and palette)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Up", show=False, id="table.up"),
        Binding("down,j", "cursor_down", "Down", show=False, id="table.down"),
        Binding("left,h", "cursor_left", "Left", show=False, id="table.left"),
        Binding("right,l", "cursor_right", "Right", show=False, id="table.right"),
        Binding("pageup", "page_up", "Page up", show=False, id="table.page-up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="table.page-down"),
        Binding("g,home", "first", "First", show=False, id="table.first"),
        Binding("G,end", "last", "Last", show=False, id="table.last"),
        Binding("space", "toggle_mark", "Mark", id="table.mark"),
        Binding("o", "cycle_sort", "Sort", id="table.sort"),
        Binding("O", "flip_sort", "Reverse", show=False, id="table.sort-reverse"),
    ]

    class MarksChanged(Message):
        def __init__(self, table: JobTable) -> None:
            super().__init__()
            self.table = table

        @property
        def control(self) -> JobTable:
            return self.table

    class SortChanged(Message):
        def __init__(self, table: JobTable, column: str, reverse: bool) -> None:
            super().__init__()
            self.table = table
            self.column = column
            self.reverse = reverse

        @property
        def control(self) -> JobTable:
            return self.table

    def __init__(self, ctx: RowContext, state: ConsoleState, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self.ctx = ctx
        self.state = state
        self.view: View = View.ACTIVE
        self.columns_spec: tuple[Column, ...] = ()
        self.jobs: Mapping[str, Any] = {}
        self.predicate: Predicate | None = None
        self.sort_column, self.sort_reverse = DEFAULT_SORT[View.ACTIVE]

    # -- setup ---------------------------------------------------------------------------

    def configure(self, view: View, jobs: Mapping[str, Any]) -> None:
        """Show ``view``'s columns and ``jobs`` (a user action: a full refill is fine here)."""
        self.view = view
        self.columns_spec = COLUMNS[view]
        self.sort_column, self.sort_reverse = DEFAULT_SORT[view]
        with self.app.batch_update():
            self.clear(columns=True)
            for column in self.columns_spec:
                self.add_column(self._label(column), width=column.width, key=column.key)
            self.jobs = jobs
            self._refill(None)

    def _label(self, column: Column) -> Text:
        if column.key == self.sort_column:
            return Text(f"{column.label}{'▼' if self.sort_reverse else '▲'}", end="")
        return Text(column.label, end="")

    def _relabel(self) -> None:
        """New header labels; drawn by the ``sort`` that always follows (it invalidates the caches)."""
        for column in self.columns_spec:
            self.columns[ColumnKey(column.key)].label = self._label(column)

    # -- queries -------------------------------------------------------------------------

    @property
    def selected_key(self) -> str | None:
        if not self.row_count:
            return None
        try:
            row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        except Exception:  # noqa: BLE001 - an empty/transitional table has no selection
            return None
        return row_key.value

    @property
    def selected_job(self) -> Any | None:
        key = self.selected_key
        return self.jobs.get(key) if key is not None else None

    def visible_keys(self) -> list[str]:
        return [str(row.key.value) for row in self.ordered_rows]

    def is_shown(self, key: str) -> bool:
        return key in self.rows  # RowKey compares and hashes as its string

    def matches(self, job: Any) -> bool:
        if self.predicate is None:
            return True
        try:
            return bool(self.predicate(job))
        except Exception:  # noqa: BLE001 - a filter must never break the list
            return False

    # -- cells ---------------------------------------------------------------------------

    def cells(self, key: str, job: Any) -> list[FixedCell]:
        ctx = self.ctx
        return [FixedCell(column.cell(job, key, ctx, column.width)) for column in self.columns_spec]

    def refresh_rows(self, keys: Iterable[str]) -> None:
        """Redraw the cells of ``keys`` (marks, "stopping…") from the current data."""
        with self.app.batch_update():
            for key in keys:
                job = self.jobs.get(key)
                if job is not None and self.is_shown(key):
                    self._update_row(key, job)

    def _update_row(self, key: str, job: Any, old: Any = None) -> bool:
        """Redraw the cells of one row; with ``old``, only those drawn from attributes that changed."""
        ctx = self.ctx
        changed_fields: set[str] | None = None
        if old is not None and type(old) is type(job):
            changed_fields = {f for f in job.__dataclass_fields__ if getattr(old, f) != getattr(job, f)}
        changed = False
        for column in self.columns_spec:
            if changed_fields is not None and column.deps is not None and changed_fields.isdisjoint(column.deps):
                continue
            value = column.cell(job, key, ctx, column.width)
            if self.get_cell(key, column.key).content != value:
                self.update_cell(key, column.key, FixedCell(value))
                changed = True
        return changed

    def _sort_key_changed(self, old: Any, job: Any) -> bool:
        column = next((c for c in self.columns_spec if c.key == self.sort_column), None)
        if column is None or column.sort is None or old is None:
            return True
        return column.sort(old) != column.sort(job)

    def _add_rows(self, keys: Iterable[str]) -> None:
        """Append the rows of ``keys`` not shown yet."""
        jobs = self.jobs
        rows = self.rows
        for key in keys:
            if key not in rows:
                self.add_row(*self.cells(key, jobs[key]), key=key)

    # -- applying data -------------------------------------------------------------------

    def apply(self, jobs: Mapping[str, Any], added: Iterable[str], changed: Iterable[str], gone: Iterable[str],
              redraw: Iterable[str] = ()) -> None:
        """Bring the rows in line with ``jobs`` after a poll, touching only what changed; ``redraw``
        names rows whose look changed without a change of the job (a stop that settled)."""
        previous = self.jobs
        self.jobs = jobs
        keep = self.selected_key
        before = self.cursor_row
        for key in redraw:
            if key in jobs and self.is_shown(key):
                self._update_row(key, jobs[key])
        remove: set[str] = {key for key in gone if self.is_shown(key)}
        append: list[str] = []
        reorder = False
        for key in added:
            job = jobs[key]
            if self.matches(job) and not self.is_shown(key):
                append.append(key)
        for key in changed:
            job = jobs[key]
            shown = self.is_shown(key)
            if self.matches(job):
                if shown:
                    old = previous.get(key)
                    if self._update_row(key, job, old) and not reorder:
                        reorder = self._sort_key_changed(old, job)
                else:
                    append.append(key)
            elif shown:
                remove.add(key)
        if not (remove or append or reorder):
            return
        with self.app.batch_update():
            if len(remove) > REFILL_AT:
                self._refill(keep)
                return
            self._remove_rows(remove)
            self._add_rows(append)
            if append or reorder:
                self._sort()
            self._restore_cursor(keep, before)

    def set_filter(self, predicate: Predicate | None) -> None:
        """Show only the jobs ``predicate`` accepts; rows are added/removed, not refilled."""
        self.predicate = predicate
        keep = self.selected_key
        before = self.cursor_row
        wanted = {key for key, job in self.jobs.items() if self.matches(job)}
        shown = set(self.visible_keys())
        with self.app.batch_update():
            if len(shown - wanted) > REFILL_AT:
                self._refill(keep, before)
                return
            self._remove_rows(shown - wanted)
            self._add_rows(wanted - shown)
            self._sort()
            self._restore_cursor(keep, before)

    def _refill(self, keep: str | None, fallback_row: int = 0) -> None:
        self.clear()
        keys = [key for key, job in self.jobs.items() if self.matches(job)]
        self._add_rows(self.ordered_keys(keys))
        self._restore_cursor(keep, fallback_row)

    def _remove_rows(self, keys: set[str]) -> None:
        """Remove a few rows (each ``remove_row`` re-indexes the rows: callers refill for many)."""
        for key in keys:
            if self.is_shown(key):
                self.remove_row(key)

    # -- sorting -------------------------------------------------------------------------

    def ordered_keys(self, keys: Iterable[str]) -> list[str]:
        """``keys`` in the table's order: the sort column's key, missing values last, then the handle."""
        column = next((c for c in self.columns_spec if c.key == self.sort_column and c.sort), None)
        keys = sorted(keys)
        if column is None or column.sort is None:
            return keys
        sort = column.sort
        jobs = self.jobs
        decorated = [(sort(jobs[key]), key) for key in keys]
        present = [item for item in decorated if not (isinstance(item[0], tuple) and item[0] and item[0][0] is True)]
        missing = [item for item in decorated if isinstance(item[0], tuple) and item[0] and item[0][0] is True]
        present.sort(key=lambda item: item[0], reverse=self.sort_reverse)
        return [key for _, key in present] + [key for _, key in missing]

    def _sort(self) -> None:
        rank = {key: index for index, key in enumerate(self.ordered_keys(self.visible_keys()))}
        self.sort("mark", key=lambda cell: rank[cell.content.key])

    def set_sort(self, column: str, reverse: bool) -> None:
        keep = self.selected_key
        self.sort_column, self.sort_reverse = column, reverse
        with self.app.batch_update():
            self._relabel()
            self._sort()
            self._restore_cursor(keep, self.cursor_row)
        self.post_message(self.SortChanged(self, column, reverse))

    def action_cycle_sort(self) -> None:
        sortable = [c for c in self.columns_spec if c.sort is not None]
        if not sortable:
            return
        keys = [c.key for c in sortable]
        index = (keys.index(self.sort_column) + 1) % len(keys) if self.sort_column in keys else 0
        self.set_sort(sortable[index].key, sortable[index].reverse_default)

    def action_flip_sort(self) -> None:
        self.set_sort(self.sort_column, not self.sort_reverse)

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        column = next((c for c in self.columns_spec if c.key == event.column_key.value), None)
        if column is None or column.sort is None:
            return
        if column.key == self.sort_column:
            self.set_sort(column.key, not self.sort_reverse)
        else:
            self.set_sort(column.key, column.reverse_default)

    # -- cursor --------------------------------------------------------------------------

    def _restore_cursor(self, key: str | None, fallback_row: int) -> None:
        if not self.row_count:
            return
        if key is not None and self.is_shown(key):
            row = self.get_row_index(key)
        else:
            row = min(max(fallback_row, 0), self.row_count - 1)
        if row != self.cursor_row:
            self.move_cursor(row=row, animate=False)
        elif key is not None and not self.is_shown(key):
            # Same index, different job: tell listeners the selection changed.
            row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
            self.post_message(DataTable.RowHighlighted(self, self.cursor_row, row_key))

    def select_key(self, key: str) -> bool:
        if not self.is_shown(key):
            return False
        self.move_cursor(row=self.get_row_index(key), animate=False)
        return True

    def action_first(self) -> None:
        if self.row_count:
            self.move_cursor(row=0, animate=False)

    def action_last(self) -> None:
        if self.row_count:
            self.move_cursor(row=self.row_count - 1, animate=False)

    # -- marks ---------------------------------------------------------------------------

    def action_toggle_mark(self) -> None:
        key = self.selected_key
        if key is None:
            return
        self.state.toggle_mark(key)
        self.refresh_rows([key])
        self.post_message(self.MarksChanged(self))
        if self.cursor_row < self.row_count - 1:
            self.move_cursor(row=self.cursor_row + 1, animate=False)

    def clear_marks(self) -> None:
        self.refresh_rows(self.state.clear_marks())
        self.post_message(self.MarksChanged(self))
