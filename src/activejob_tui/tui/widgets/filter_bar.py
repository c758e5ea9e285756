"""The ``/`` filter: an input in the model's filter language, with an error that points at the bad term."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from ...i18n import N_, _
from ...model.query import Query, QueryError, parse
from ..text import safe_str


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
        yield Input(placeholder=_("filter: words, type:video, state:running, progress>50, !user:bot …  "
                                  "(Enter keeps, Esc clears)"),
                    id="filter-input")
        yield Static(id="filter-error", markup=False)

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    def open(self) -> None:
        self.display = True
        self.input.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(self.DEBOUNCE, self._apply)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self._apply()
        if self.error is None:
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
            line = Text(end="")
            line.append("✗ ", style="state.bad")
            line.append(safe_str(exc.message))
            caret = exc.caret().split("\n")
            if len(caret) == 2:
                line.append("\n  " + safe_str(caret[0]) + "\n  " + caret[1], style="state.bad")
            error_line.update(line)
            error_line.display = True
            return
        self.error = None
        self.remove_class("-error")
        error_line.display = False
        self.post_message(self.Changed(self, None if query.is_empty else query, text.strip()))

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
