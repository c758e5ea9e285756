"""What the job list tells the screen (``JobTable.RowHighlighted`` …; handler names ``on_job_table_…``)."""

from __future__ import annotations

from textual.message import Message
from textual.widget import Widget


class RowHighlighted(Message, namespace="job_table"):
    """The cursor is on another job (or the same index now holds another job); ``restored``: the
    list's data moved it (its job left the list), not the operator."""

    def __init__(self, table: Widget, cursor_row: int, row_key: str | None, *, restored: bool = False) -> None:
        super().__init__()
        self.table = table
        self.cursor_row = cursor_row
        self.row_key = row_key
        self.restored = restored

    @property
    def control(self) -> Widget:
        return self.table


class MarksChanged(Message, namespace="job_table"):
    """Jobs were marked or unmarked (the console state's ``marks`` changed)."""

    def __init__(self, table: Widget) -> None:
        super().__init__()
        self.table = table

    @property
    def control(self) -> Widget:
        return self.table


class SortChanged(Message, namespace="job_table"):
    """The list is now sorted by ``column`` (a column id), descending when ``reverse``."""

    def __init__(self, table: Widget, column: str, reverse: bool) -> None:
        super().__init__()
        self.table = table
        self.column = column
        self.reverse = reverse

    @property
    def control(self) -> Widget:
        return self.table
