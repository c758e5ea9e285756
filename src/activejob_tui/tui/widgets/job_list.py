"""The rows of the job list and its cursor, the base of :class:`.job_table.JobTable`.

:class:`JobList` answers by jobHandle (which jobs, which are listed, where, which is selected) and
keeps the cursor on the same job whatever moves under it (htop's scar: never act on the row that
slid under the cursor): keys, paging and scrolling. :class:`.job_table.JobTable` adds the columns,
the cells, sorting, marks and the drawing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, TypeAlias

from textual.scroll_view import ScrollView

from . import job_table_messages as messages
from .job_rows import JobRows


class JobList(ScrollView):
    """A ScrollView over :class:`JobRows` (jobHandles in display order) with a cursor kept on its job."""

    header_height: ClassVar[int] = 1

    RowHighlighted: TypeAlias = messages.RowHighlighted

    rows: JobRows
    """The rows and their order (what is listed); set by the subclass."""
    cursor_row: int
    """The cursor's row, 0-based below the header."""
    updates: int
    """Bumped on every change of what the list shows (benchmarks wait for a frame after it)."""

    @property
    def jobs(self) -> Mapping[str, Any]:
        """jobHandle → job of the view (all of them, listed or filtered out)."""
        return self.rows.jobs

    @property
    def _keys(self) -> list[str]:
        return self.rows.keys

    # -- queries -------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._keys)

    @property
    def selected_key(self) -> str | None:
        if not self._keys:
            return None
        return self._keys[min(self.cursor_row, len(self._keys) - 1)]

    @property
    def selected_job(self) -> Any | None:
        key = self.selected_key
        return self.jobs.get(key) if key is not None else None

    def visible_keys(self) -> list[str]:
        """The jobHandles of the rows, in display order (not only those on screen)."""
        return list(self._keys)

    def is_shown(self, key: str) -> bool:
        return key in self.rows.pos

    def get_row_index(self, key: str) -> int:
        return self.rows.pos[key]

    def ordered_keys(self, keys: Iterable[str]) -> list[str]:
        """``keys`` in the list's order (:meth:`JobRows.ordered_keys`)."""
        return self.rows.ordered_keys(keys)

    # -- cursor and scrolling ------------------------------------------------------------

    def move_cursor(self, row: int, animate: bool = False) -> None:
        """Put the cursor on ``row`` (clamped), scroll it into view, tell listeners if the job changed."""
        if not self._keys:
            return
        row = min(max(row, 0), len(self._keys) - 1)
        before = self.selected_key
        if row != self.cursor_row:
            self.cursor_row = row
            self.updates += 1
            self.refresh()
        self._scroll_to_cursor()
        if self.selected_key != before:
            self.post_message(self.RowHighlighted(self, self.cursor_row, self.selected_key))

    def _scroll_to_cursor(self) -> None:
        rows = max(self.scrollable_content_region.height - self.header_height, 1)
        top = round(self.scroll_y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + rows:
            self.scroll_to(y=self.cursor_row - rows + 1, animate=False, immediate=True)

    def _restore_cursor(self, key: str | None, fallback_row: int) -> None:
        """The cursor back on ``key``'s row, else on ``fallback_row``; listeners told if the job changed."""
        if not self._keys:
            self.cursor_row = 0
            return
        row = self.rows.pos.get(key) if key is not None else None
        self.cursor_row = min(max(fallback_row, 0), self.row_count - 1) if row is None else row
        if self.is_mounted:
            self._scroll_to_cursor()
            if self.selected_key != key:
                self.post_message(self.RowHighlighted(self, self.cursor_row, self.selected_key, restored=True))

    def select_key(self, key: str) -> bool:
        if key not in self.rows.pos:
            return False
        self.move_cursor(self.rows.pos[key])
        return True

    def _page(self) -> int:
        return max(self.scrollable_content_region.height - self.header_height, 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor_row + 1)

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor_row - self._page())

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor_row + self._page())

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(self.row_count - 1)
