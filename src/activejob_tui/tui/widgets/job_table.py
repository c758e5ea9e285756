"""The job list: our own widget on Textual's public line API (``ScrollView`` + ``render_line``).

It owns its rows — jobHandles in display order — and draws only the lines on screen, from cells
made on first draw and cached per row (:mod:`.row_lines`). A poll is applied in one batch: the
cells of changed rows are forgotten, rows are re-ordered only when an order-deciding value changed
(a stable re-sort of cached sort values, nearly sorted already), and one refresh follows. The
cursor stays on the same job whatever moves under it (htop's scar: never act on the row that slid
under the cursor). Widths follow the terminal (:func:`column_layout.layout`).

Measured against the DataTable it replaces in benchmarks/table_widgets.py (docs/ARCHITECTURE.md).
No private attribute of Textual is used (tests/test_no_private_api.py greps for them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any, ClassVar, TypeAlias

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.reactive import reactive
from textual.strip import Strip

from ...console_state import ConsoleState
from ...i18n import N_, _
from ...poller import View
from .. import display as fmt
from ..column_layout import CELL_PADDING, Laid, layout
from ..columns import COLUMNS, DEFAULT_SORT, JobTableColumn, RowContext
from . import job_table_messages as messages
from . import row_lines
from .column_picker import column_commands, hidden_for
from .job_list import JobList
from .job_rows import JobRows
from .row_lines import Cell


class JobTable(JobList, can_focus=True, inherit_bindings=False):
    """Jobs of one view; :class:`ConsoleState` owns the data, this widget mirrors it efficiently."""

    OWN_BINDINGS_ONLY: ClassVar[bool] = True
    """Only these bindings are listed for the job list (help and palette)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", N_("Up"), show=False, id="table.up"),
        Binding("down,j", "cursor_down", N_("Down"), show=False, id="table.down"),
        Binding("left,h", "scroll_left", N_("Left"), show=False, id="table.left"),
        Binding("right,l", "scroll_right", N_("Right"), show=False, id="table.right"),
        Binding("pageup", "page_up", N_("Page up"), show=False, id="table.page-up"),
        Binding("pagedown", "page_down", N_("Page down"), show=False, id="table.page-down"),
        Binding("g,home", "first", N_("First"), show=False, id="table.first"),
        Binding("G,end", "last", N_("Last"), show=False, id="table.last"),
        Binding("space", "toggle_mark", N_("Mark"), id="table.mark"),
        Binding("o", "cycle_sort", N_("Sort"), id="table.sort"),
        Binding("O", "flip_sort", N_("Reverse"), show=False, id="table.sort-reverse"),
        Binding("W", "toggle_wide", N_("Wide columns"), show=False, id="table.wide"),
        Binding("C", "pick_columns", N_("Columns…"), show=False, id="table.columns"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"job-table--header", "job-table--cursor"}

    DEFAULT_CSS = """
    JobTable {
        background: $surface;
        color: $foreground;
        & > .job-table--header { text-style: bold; background: $panel; color: $foreground; }
        &:ansi > .job-table--header { background: ansi_bright_blue; color: ansi_default; }
        & > .job-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .job-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .job-table--header { background-tint: $foreground 5%; }
        }
    }
    """

    stale_as_of: reactive[datetime | None] = reactive(None)
    """``None`` while the data is fresh. Set to the time of the last good poll when it goes stale:
    every row is dimmed, relative times are computed at that instant (they stop aging), the ETA
    column shows "—", and the border's subtitle reads ``as of HH:MM:SS``. Set back to ``None``
    the moment fresh data arrives and all of it returns."""

    wide: reactive[bool] = reactive(False)
    """Every column at its widest, the list scrolling sideways (``W``, the palette)."""

    hidden_columns: reactive[frozenset[str]] = reactive(frozenset())
    """Column ids not drawn (the config's ``columns = [...]`` names the ones shown)."""

    MarksChanged: TypeAlias = messages.MarksChanged
    SortChanged = messages.SortChanged

    def __init__(self, ctx: RowContext, state: ConsoleState, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.ctx = ctx
        self.state = state
        self.view: View = View.ACTIVE
        self.rows = JobRows(ctx)
        """The rows and their order (what is listed; this widget draws it)."""
        self.cursor_row = 0
        self.updates = 0
        """Bumped on every change of what the list shows (benchmarks wait for a frame after it)."""
        self._cells: dict[str, list[Any]] = {}
        self._laid: tuple[Laid, ...] = ()
        self._laid_for: Any = None
        self._lines = row_lines.LineCache()
        self._style_cache: tuple[Style, Style, Style] | None = None

    @property
    def columns_spec(self) -> tuple[JobTableColumn, ...]:
        return self.rows.columns

    @property
    def sort_column(self) -> str:
        return self.rows.sort_column

    @property
    def sort_reverse(self) -> bool:
        return self.rows.sort_reverse

    # -- setup and layout ----------------------------------------------------------------

    def configure(self, view: View, jobs: Mapping[str, Any], cursor: str | None = None) -> None:
        """Show ``view``'s columns and ``jobs`` (a user action: a full refill is fine here), the cursor on
        ``cursor``'s row if it is listed, else on the first."""
        self.view = view
        self.rows.sort_column, self.rows.sort_reverse = DEFAULT_SORT[view]
        self._laid_for = None
        self._cells.clear()
        self._lines.clear()
        self.rows.refill(COLUMNS[view], jobs)
        self._restore_cursor(cursor, 0)
        self._changed()

    @property
    def columns(self) -> dict[str, Laid]:
        """The columns drawn now, by id, with their laid-out widths (cells, without padding)."""
        return {laid.key: laid for laid in self.laid()}

    def laid(self) -> tuple[Laid, ...]:
        available = max(self.scrollable_content_region.width, 1) if self.is_mounted else 160
        signature = (self.columns_spec, available, self.hidden_columns, self.wide)
        if signature != self._laid_for:
            self._laid = layout(self.columns_spec, available, self.hidden_columns, self.wide)
            self._laid_for = signature
            self._cells.clear()
            self._lines.clear()
            self._resize()
            self._subtitle()
        return self._laid

    def _resize(self) -> None:
        width = sum(laid.width + 2 * CELL_PADDING for laid in self._laid)
        self.virtual_size = Size(width, len(self._keys) + self.header_height)

    def on_resize(self, event: events.Resize) -> None:
        self.laid()
        self.refresh()

    def watch_wide(self) -> None:
        self._changed()

    def watch_hidden_columns(self) -> None:
        self._changed()

    def watch_stale_as_of(self, as_of: datetime | None) -> None:
        self._changed()

    def _subtitle(self) -> None:
        """The border's subtitle: "as of HH:MM:SS" while stale, and the sort while its column is not shown
        (at 80×24 the Started column gives way, and its ▼ went with it)."""
        parts = [_("as of {time}").format(time=fmt.clock_time(self.stale_as_of))] if self.stale_as_of else []
        label = next((c.label for c in self.columns_spec if c.key == self.sort_column), None)
        if label is not None and self._laid and self.sort_column not in {laid.key for laid in self._laid}:
            parts.append(_("sorted by {column}").format(column=label + self.rows.sort_arrow))
        self.border_subtitle = " · ".join(parts)

    def action_toggle_wide(self) -> None:
        self.wide = not self.wide

    def action_pick_columns(self) -> None:
        self.app.search_commands(column_commands(self), placeholder=_("Show or hide a column…"))

    def show_columns(self, shown: Iterable[str] | None, wide: bool = False) -> None:
        """Only ``shown`` column ids (all when ``None``), from the config's ``columns = [...]``;
        ``ValueError`` names unknown ids (see :func:`.column_picker.hidden_for`)."""
        self.hidden_columns = frozenset() if shown is None else hidden_for(shown)
        self.wide = wide

    def toggle_column(self, key: str) -> None:
        """Show a hidden column or hide a shown one (the palette's "Show/hide column …"); the view's
        last shown column stays, and the operator is told why."""
        hidden = self.hidden_columns ^ {key}
        if key not in self.hidden_columns and all(c.key in hidden for c in self.columns_spec if c.priority):
            self.notify(_("The job list keeps at least one column: show another one first."), severity="warning")
            return
        self.hidden_columns = hidden

    @property
    def stale(self) -> bool:
        return self.stale_as_of is not None

    # -- cells ---------------------------------------------------------------------------

    def cells(self, key: str) -> list[Any]:
        """The drawn cells of ``key``'s row, one per laid-out column (made on first use)."""
        cells = self._cells.get(key)
        if cells is None:
            job, ctx = self.jobs[key], self.ctx
            cells = self._cells[key] = [laid.column.cell(job, key, ctx, laid.width) for laid in self.laid()]
        return cells

    def get_row(self, key: str) -> list[Cell]:
        return [Cell(value) for value in self.cells(key)]

    def get_cell(self, key: str, column: str) -> Cell:
        """The cell of ``key`` in ``column`` (``KeyError`` if either is not shown)."""
        index = next((i for i, laid in enumerate(self.laid()) if laid.key == column), None)
        if index is None or key not in self.rows.pos:
            raise KeyError((key, column))
        return Cell(self.cells(key)[index])

    def refresh_rows(self, keys: Iterable[str]) -> None:
        """Redraw the rows of ``keys`` (marks, "stopping…") from the current data."""
        for key in keys:
            self._forget(key)
        self._changed()

    def _forget(self, key: str) -> None:
        self._cells.pop(key, None)
        self._lines.drop(key)

    # -- applying data -------------------------------------------------------------------

    def apply(self, jobs: Mapping[str, Any], added: Iterable[str], changed: Iterable[str], gone: Iterable[str],
              redraw: Iterable[str] = ()) -> None:
        """Bring the rows in line with ``jobs`` after a poll, in one batch; ``redraw`` names rows whose
        look changed without a change of the job (a stop that settled)."""
        keep, before = self.selected_key, self.cursor_row
        stale, moved = self.rows.apply(jobs, added, changed, gone)
        for key in (*redraw, *stale):
            self._forget(key)
        if moved:
            self._restore_cursor(keep, before)
        self._changed()

    def set_filter(self, predicate: Callable[[Any], bool] | None) -> None:
        """Show only the jobs ``predicate`` accepts, in the current order, the cursor on its job."""
        keep, before = self.selected_key, self.cursor_row
        self.rows.filter(predicate)
        self._restore_cursor(keep, before)
        self._changed()

    def _changed(self) -> None:
        self.updates += 1
        if self.is_mounted:
            self.laid()
            self._resize()
        self._subtitle()
        self.refresh()

    # -- sorting -------------------------------------------------------------------------

    def set_sort(self, column: str, reverse: bool) -> None:
        keep = self.selected_key
        self.rows.sort_by(column, reverse)
        self._restore_cursor(keep, self.cursor_row)
        self._changed()
        self.post_message(self.SortChanged(self, column, reverse))

    def action_cycle_sort(self) -> None:
        sortable = [c for c in self.columns_spec if c.sortable]
        if not sortable:
            return
        keys = [c.key for c in sortable]
        index = (keys.index(self.sort_column) + 1) % len(keys) if self.sort_column in keys else 0
        self.set_sort(sortable[index].key, sortable[index].reverse_default)

    def action_flip_sort(self) -> None:
        self.set_sort(self.sort_column, not self.sort_reverse)

    def sort_by_header(self, column_key: str) -> None:
        """A click on a header: sort by it, or flip the order if it already is the sort column."""
        column = next((c for c in self.columns_spec if c.key == column_key), None)
        if column is None or not column.sortable:
            return
        reverse = not self.sort_reverse if column.key == self.sort_column else column.reverse_default
        self.set_sort(column.key, reverse)

    # -- cursor and scrolling ------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        self.focus()
        if offset.y < self.header_height:
            x = offset.x + round(self.scroll_x)
            for laid in self.laid():
                x -= laid.width + 2 * CELL_PADDING
                if x < 0:
                    self.sort_by_header(laid.key)
                    break
            return
        self.move_cursor(round(self.scroll_y) + offset.y - self.header_height)

    # -- marks ---------------------------------------------------------------------------

    def action_toggle_mark(self) -> None:
        key = self.selected_key
        if key is None:
            return
        self.state.toggle_mark(key)
        self.refresh_rows([key])
        self.post_message(self.MarksChanged(self))
        if self.cursor_row < self.row_count - 1:
            self.move_cursor(self.cursor_row + 1)

    def clear_marks(self) -> None:
        self.refresh_rows(self.state.clear_marks())
        self.post_message(self.MarksChanged(self))

    # -- drawing -------------------------------------------------------------------------

    def _header_cells(self) -> list[Text]:
        cells = []
        for laid in self.laid():
            label = laid.column.label
            if laid.key == self.sort_column:
                label += self.rows.sort_arrow
            cells.append(Text(label, end="", no_wrap=True))
        return cells

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        laid = self.laid()
        as_of = self.stale_as_of
        base, header, cursor = self._styles()
        dim = Style(dim=True) if as_of is not None else None
        x = round(self.scroll_x)
        if y < self.header_height:
            heading = row_lines.draw(self._header_cells(), laid, self.app.console, header, dim)
            return heading.crop_extend(x, x + width, header)
        row = round(self.scroll_y) + y - self.header_height
        if row >= len(self._keys) or row < 0:
            return Strip.blank(width, base)
        key = self._keys[row]
        selected = row == self.cursor_row
        second = int(self.ctx.clock().timestamp()) if as_of is None else 0
        self._lines.check((laid, as_of, base, cursor, second))
        strip = self._lines.get(key, selected)
        if strip is None:
            # As DataTable draws its cursor: its background under the cells (a cell's own background,
            # the progress bar's track, stays), its foreground and text style over them.
            post = dim
            if selected:
                post = Style.from_color(cursor.color) + cursor.without_color + (dim or Style.null())
            strip = row_lines.draw(self.cells(key), laid, self.app.console, base + cursor if selected else base,
                                   post, as_of)
            self._lines.put(key, selected, strip)
        return strip.crop_extend(x, x + width, base)

    def _styles(self) -> tuple[Style, Style, Style]:
        """(base, header, cursor) Rich styles, resolved once per style change (not once per line)."""
        if self._style_cache is None:
            base = self.rich_style
            self._style_cache = (base, base + self.get_component_rich_style("job-table--header"),
                                 self.get_component_rich_style("job-table--cursor"))
        return self._style_cache

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style_cache = None

    def on_mount(self) -> None:
        self.set_interval(1.0, self._tick)

    def _tick(self) -> None:
        """Relative times and ETAs age once a second (only the lines on screen are drawn again)."""
        if self.stale_as_of is None and self.display and self._keys:
            self.refresh()

    def on_focus(self) -> None:
        self._style_cache = None  # the cursor's colours follow focus (``JobTable:focus``)
        self.refresh()

    def on_blur(self) -> None:
        self._style_cache = None
        self.refresh()
