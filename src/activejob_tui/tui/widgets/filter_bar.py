"""The ``/`` filter: an input in the model's filter language, with an error that points at the bad term.

The error takes at most three rows whatever the input's length (a pasted page of text must not push
the job list off the screen): the message on one row, cut in the middle so its end (``at column N``)
stays; the input around the error column, cut with ``…`` at either end; and ``^`` marks under the bad
term. Widths are terminal cells (a CJK character takes two).
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from ...i18n import N_, _
from ...model.query import Query, QueryError, parse
from ..text import safe_str
from .line_input import LineInput

ELLIPSIS = "…"
TAIL = 24
"""Cells kept at the end of a message cut in the middle (the ``(at column N)`` part)."""


def _head(text: str, cells: int) -> str:
    """The longest start of ``text`` that fits in ``cells`` terminal cells."""
    used = 0
    for i, char in enumerate(text):
        used += cell_len(char)
        if used > cells:
            return text[:i]
    return text


def _tail(text: str, cells: int) -> str:
    """The longest end of ``text`` that fits in ``cells`` terminal cells."""
    return _head(text[::-1], cells)[::-1]


def one_row(message: str, width: int) -> str:
    """``message`` in at most ``width`` cells: cut in the middle with ``…``, keeping its last
    :data:`TAIL` cells (or a third of the width, if less)."""
    if cell_len(message) <= width:
        return message
    tail = _tail(message, min(TAIL, width // 3))
    return _head(message, max(0, width - cell_len(tail) - 1)) + ELLIPSIS + tail


def around(expression: str, position: int, term_cells: int, width: int) -> tuple[str, str]:
    """(the part of ``expression`` around 0-based ``position`` that fits in ``width`` cells, with
    ``…`` where it was cut; the row of ``^`` under the ``term_cells`` cells from ``position``)."""
    position = max(0, min(position, len(expression)))
    start = 0
    if cell_len(expression) > width:
        start = position
        before = width // 3  # context kept to the left of the error
        while start > 0 and cell_len(expression[start - 1:position]) <= before:
            start -= 1
    lead = ELLIPSIS if start else ""
    shown = _head(expression[start:], max(1, width - cell_len(lead)))
    if start + len(shown) < len(expression):
        shown = _head(shown, max(1, width - cell_len(lead) - 1)) + ELLIPSIS
    offset = cell_len(lead) + cell_len(expression[start:position])
    marks = "^" * max(1, min(term_cells, width - offset))
    return lead + shown, " " * offset + marks


class FilterBar(Vertical):
    """Hidden until ``/``; posts :class:`FilterBar.Changed` as the user types (debounced)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear", N_("Clear filter"), id="filter.clear"),
    ]

    class Changed(Message):
        """A new valid query (``None`` when cleared)."""

        def __init__(self, bar: FilterBar, query: Query | None, text: str) -> None:
            super().__init__()
            self.bar = bar
            self.query = query
            self.text = text

        @property
        def control(self) -> FilterBar:
            return self.bar

    class Done(Message):
        """The user left the filter (Enter keeps it, Esc cleared it)."""

        def __init__(self, bar: FilterBar) -> None:
            super().__init__()
            self.bar = bar

        @property
        def control(self) -> FilterBar:
            return self.bar

    DEBOUNCE = 0.15

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.error: QueryError | None = None
        self._timer: Any = None

    def compose(self) -> ComposeResult:
        yield LineInput(placeholder=_("filter: words, type:video, state:running, progress>50, !user:bot …  "
                                  "(⏎ keeps, esc clears)"),
                    id="filter-input")
        yield Static(id="filter-error", markup=False)

    @property
    def input(self) -> LineInput:
        return self.query_one(LineInput)

    def open(self) -> None:
        if self.screen.maximized is not None:  # a maximised pane would hide the filter and its list
            self.screen.minimize()
        self.display = True
        self.input.take_focus()  # before the App takes the next key of a burst: see line_input.py

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(self.DEBOUNCE, self._apply)

    def apply_now(self) -> bool:
        """Apply the input's text at once (no debounce); False when it does not parse (the error row
        then says why, as while typing)."""
        if self._timer is not None:
            self._timer.stop()
        self._apply()
        return self.error is None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.apply_now():
            if not self.input.value.strip():
                self.display = False
            self.post_message(self.Done(self))

    def _apply(self) -> None:
        self._timer = None
        text = self.input.value
        error_line = self.query_one("#filter-error", Static)
        try:
            query = parse(text)
        except QueryError as exc:
            self.error = exc
            self.add_class("-error")
            self._show_error()
            return
        self.error = None
        self.remove_class("-error")
        error_line.display = False
        self.post_message(self.Changed(self, None if query.is_empty else query, text.strip()))

    def _show_error(self) -> None:
        """Render :attr:`error` in the error row for the bar's current width (three rows at most)."""
        exc = self.error
        if exc is None:
            return
        error_line = self.query_one("#filter-error", Static)
        width = error_line.content_region.width or max(20, self.app.size.width - 6)
        line = Text(end="", no_wrap=True, overflow="ellipsis")
        line.append("✗ ", style="state.bad")
        line.append(one_row(safe_str(exc.message), max(1, width - 2)))
        raw = exc.expression.replace("\n", " ").replace("\t", " ")
        if raw:
            term = exc.term.splitlines()[0] if exc.term.strip() else ""
            shown, marks = around(safe_str(raw), len(safe_str(raw[:exc.position])),
                                  cell_len(safe_str(term)) or 1, max(1, width - 2))
            line.append("\n  " + shown + "\n  " + marks, style="state.bad")
        error_line.update(line)
        error_line.display = True

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._show_error)

    def action_clear(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.input.value = ""
        self.error = None
        self.remove_class("-error")
        self.query_one("#filter-error", Static).display = False
        self.display = False
        self.post_message(self.Changed(self, None, ""))
        self.post_message(self.Done(self))
