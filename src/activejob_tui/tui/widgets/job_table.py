"""The job list: a DataTable keyed by jobHandle that applies poll diffs in place.

Measured on this machine (see ARCHITECTURE.md): refilling 10,000 rows costs ~1.3 s, and
``update_width=True`` re-measures a whole column. So: fixed column widths, rows keyed by
jobHandle, a poll only touches the cells that changed, removes are done in one pass, and the
rows are re-ordered only when something changed. The cursor stays on the same job whatever
moves under it (htop's scar: never act on the row that slid under the cursor).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar

from rich.text import Text
from textual._two_way_dict import TwoWayDict
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets._data_table import CellKey, Row, RowKey

from ...poller import View
from ..columns import COLUMNS, DEFAULT_SORT, Column, RowContext

Predicate = Callable[[Any], bool]


class JobTable(DataTable, inherit_bindings=False):
    """Jobs of one view; the screen owns the data, this widget mirrors it efficiently."""

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

    def __init__(self, ctx: RowContext, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self.ctx = ctx
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
        for column in self.columns_spec:
            self.columns[column.key].label = self._label(column)  # type: ignore[index]
        self._update_count += 1
        self.refresh()

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
        return [row.key.value for row in self.ordered_rows]  # type: ignore[misc]

    def is_shown(self, key: str) -> bool:
        return RowKey(key) in self._row_locations

    def matches(self, job: Any) -> bool:
        if self.predicate is None:
            return True
        try:
            return bool(self.predicate(job))
        except Exception:  # noqa: BLE001 - a filter must never break the list
            return False

    # -- cells ---------------------------------------------------------------------------

    def cells(self, key: str, job: Any) -> list[Any]:
        ctx = self.ctx
        return [column.cell(job, key, ctx, column.width) for column in self.columns_spec]

    def refresh_rows(self, keys: Iterable[str]) -> None:
        """Redraw the cells of ``keys`` (marks, "stopping…") from the current data."""
        with self.app.batch_update():
            for key in keys:
                job = self.jobs.get(key)
                if job is not None and self.is_shown(key):
                    self._update_row(key, job)

    def _update_row(self, key: str, job: Any, old: Any = None) -> bool:
        """Redraw the cells of one row; with ``old``, only those drawn from attributes that changed."""
        row_key = RowKey(key)
        row = self._data[row_key]
        ctx = self.ctx
        changed_fields: set[str] | None = None
        if old is not None and type(old) is type(job):
            changed_fields = {f for f in job.__dataclass_fields__ if getattr(old, f) != getattr(job, f)}
        changed = False
        for column in self.columns_spec:
            if changed_fields is not None and column.deps is not None and changed_fields.isdisjoint(column.deps):
                continue
            value = column.cell(job, key, ctx, column.width)
            if row.get(column.key) != value:  # type: ignore[call-overload]
                row[column.key] = value  # type: ignore[index]
                changed = True
        if changed:
            self._update_count += 1
            self.refresh()
        return changed

    def _sort_key_changed(self, old: Any, job: Any) -> bool:
        column = next((c for c in self.columns_spec if c.key == self.sort_column), None)
        if column is None or column.sort is None or old is None:
            return True
        return column.sort(old) != column.sort(job)

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """Every column has a fixed width and every row one line: nothing to measure.

        DataTable measures each cell of each new row here (seconds for 10,000 rows); with fixed
        widths the measurement is unused, so only the virtual size is recomputed.
        """
        width = sum(column.get_render_width(self) for column in self.columns.values())
        header = self.header_height if self.show_header else 0
        self.virtual_size = Size(width + self._row_label_column_width, self._total_row_height + header)

    def _add_rows(self, keys: Iterable[str]) -> None:
        """Append rows in bulk (``add_row`` re-validates the cursor for every row)."""
        column_keys = [column.key for column in self.ordered_columns]
        jobs = self.jobs
        start = self.row_count
        index = start
        for key in keys:
            row_key = RowKey(key)
            if row_key in self._row_locations:
                continue
            self._row_locations[row_key] = index
            self._data[row_key] = dict(zip(column_keys, self.cells(key, jobs[key]), strict=False))
            self.rows[row_key] = Row(row_key, 1)
            index += 1
        if index == start:
            return
        self._require_update_dimensions = True
        self._update_count += 1
        self.cursor_coordinate = self.cursor_coordinate
        if start == 0 and self.show_cursor and self.cursor_type != "none":
            self._highlight_cursor()
        self.refresh(layout=True)
        self.check_idle()

    # -- applying data -------------------------------------------------------------------

    def apply(self, jobs: Mapping[str, Any], added: Iterable[str], changed: Iterable[str], gone: Iterable[str]) -> None:
        """Bring the rows in line with ``jobs`` after a poll, touching only what changed."""
        previous = self.jobs
        self.jobs = jobs
        keep = self.selected_key
        before = self.cursor_row
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
            self._remove_rows(shown - wanted)
            self._add_rows(wanted - shown)
            self._sort()
            self._restore_cursor(keep, before)

    def _refill(self, keep: str | None) -> None:
        self.clear()
        keys = [key for key, job in self.jobs.items() if self.matches(job)]
        self._add_rows(self._ordered(keys))
        self._restore_cursor(keep, 0)

    def _remove_rows(self, keys: set[str]) -> None:
        """Remove many rows in one pass (``remove_row`` re-indexes every row on each call)."""
        row_keys = {RowKey(key) for key in keys if self.is_shown(key)}
        if not row_keys:
            return
        remaining = sorted(
            (index, row_key) for row_key, index in self._row_locations._forward.items() if row_key not in row_keys
        )
        self._row_locations = TwoWayDict({row_key: i for i, (_, row_key) in enumerate(remaining)})
        for row_key in row_keys:
            for column_key in self._data.get(row_key, {}):
                self._updated_cells.discard(CellKey(row_key, column_key))
            self._new_rows.discard(row_key)
            del self.rows[row_key]
            del self._data[row_key]
        self._require_update_dimensions = True
        self.cursor_coordinate = self.cursor_coordinate
        self.hover_coordinate = self.hover_coordinate
        self._update_count += 1
        self.refresh(layout=True)
        self.check_idle()

    # -- sorting -------------------------------------------------------------------------

    def _ordered(self, keys: Iterable[str]) -> list[str]:
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
        order = self._ordered(self.visible_keys())
        self._row_locations = TwoWayDict({RowKey(key): index for index, key in enumerate(order)})
        self._update_count += 1
        self.refresh()

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
            self._highlight_cursor()

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
        if key in self.ctx.marks:
            self.ctx.marks.discard(key)
        else:
            self.ctx.marks.add(key)
        self.refresh_rows([key])
        self.post_message(self.MarksChanged(self))
        if self.cursor_row < self.row_count - 1:
            self.move_cursor(row=self.cursor_row + 1, animate=False)

    def clear_marks(self) -> None:
        marked = list(self.ctx.marks)
        self.ctx.marks.clear()
        self.refresh_rows(marked)
        self.post_message(self.MarksChanged(self))
