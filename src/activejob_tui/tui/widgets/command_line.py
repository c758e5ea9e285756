"""The ``:`` command line (as k9s): ``:active``, ``:scheduled``, ``:finished``, ``:filter …``,
with completion from :data:`COMMANDS` (Textual's ``SuggestFromList``; → or End accepts).
Enter posts :class:`CommandLine.Run`, Esc closes."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widgets import Input, Static

from ...i18n import N_, _

COMMANDS = ("active", "scheduled", "finished", "filter ", "profile ", "company ")
"""What the line completes (``profile``/``company`` are answered with why they are not there yet)."""


class CommandLine(Horizontal):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", N_("Close"), show=False)]

    class Run(Message):
        """The operator entered ``command`` with ``argument`` (both stripped; command lower-case)."""

        def __init__(self, command: str, argument: str) -> None:
            super().__init__()
            self.command = command
            self.argument = argument

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.history: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(":", id="cmdline-prompt")
        yield Input(placeholder=_("active · scheduled · finished · filter WORDS   (Tab/→ completes, Esc closes)"),
                    suggester=SuggestFromList(COMMANDS, case_sensitive=False), id="cmdline-input")

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    def open(self) -> None:
        self.display = True
        self.input.value = ""
        self.input.focus()

    def action_close(self) -> None:
        self.display = False
        self.post_message(self.Run("", ""))

    def on_key(self, event: events.Key) -> None:
        if event.key == "tab" and self.input.has_focus:
            event.stop()
            event.prevent_default()
            self.input.action_cursor_right()  # accepts the suggestion at the end of the line

    @on(Input.Submitted, "#cmdline-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip().lstrip(":")
        self.display = False
        if text:
            self.history.append(text)
        command, _space, argument = text.partition(" ")
        self.post_message(self.Run(command.lower(), argument.strip()))
