"""The ``:`` command line (as k9s): ``:active``, ``:scheduled``, ``:finished``, ``:filter …``,
``:profile NAME``, ``:company NAME``, with completion (→, End or Tab accepts the suggestion).

Commands complete from :data:`COMMANDS`; the argument of ``profile`` and ``company`` completes
from :attr:`CommandLine.choices` (the screen fills it when the line opens: the config file's
profiles, the connected user's companies), and the hint on the right lists the choices that
match what is typed. Enter posts :class:`CommandLine.Run`, Esc closes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Input, Static

from ...i18n import N_, _
from ..text import safe_str
from .line_input import LineInput

COMMANDS = ("active", "scheduled", "finished", "filter ", "profile ", "company ")
"""What the line completes."""
CHOICE_COMMANDS = ("profile", "company")
"""Commands whose argument completes from :attr:`CommandLine.choices`."""
HINT_CHOICES = 6
"""Choices listed in the hint at most (then "+N more")."""


def matching(choices: Sequence[str], typed: str) -> list[str]:
    """The ``choices`` that start with ``typed`` (case-insensitive), then those that contain it."""
    folded = typed.casefold()
    starts = [c for c in choices if c.casefold().startswith(folded)]
    return starts + [c for c in choices if folded in c.casefold() and c not in starts]


class CommandSuggester(Suggester):
    """Completes a command name, then the argument of ``profile``/``company`` from the line's choices."""

    def __init__(self, line: CommandLine) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.line = line

    async def get_suggestion(self, value: str) -> str | None:
        return self.suggest(value)

    def suggest(self, value: str) -> str | None:
        """The completion of ``value`` (casefolded, as Textual hands it over), or None."""
        command, space, argument = value.partition(" ")
        if not space:
            return next((c for c in COMMANDS if c.startswith(command) and c != command), None) if command else None
        choices = self.line.choices.get(command, ())
        first = next((c for c in choices if c.casefold().startswith(argument)), None)
        return f"{command} {first}" if first is not None and first.casefold() != argument else None


class CommandLine(Horizontal):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Close"), show=False),
        Binding("tab", "complete", N_("Accept suggestion"), show=False),
    ]

    class Run(Message):
        """The operator entered ``command`` with ``argument`` (both stripped; command lower-case)."""

        def __init__(self, command: str, argument: str) -> None:
            super().__init__()
            self.command = command
            self.argument = argument

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.history: list[str] = []
        self.choices: dict[str, Sequence[str]] = {}
        """``profile``/``company`` → the names its argument completes from."""
        self.suggester = CommandSuggester(self)

    def compose(self) -> ComposeResult:
        yield Static(":", id="cmdline-prompt")
        yield LineInput(placeholder=_("active · scheduled · finished · filter WORDS · profile NAME · company NAME   "
                                  "(tab/→ completes, esc closes)"),
                    suggester=self.suggester, id="cmdline-input")
        yield Static("", id="cmdline-hint", markup=False)

    @property
    def input(self) -> LineInput:
        return self.query_one(LineInput)

    def open(self, choices: dict[str, Sequence[str]] | None = None) -> None:
        if choices is not None:
            self.choices = choices
        if self.screen.maximized is not None:  # a maximised pane would hide the line: the layout comes back
            self.screen.minimize()
        self.display = True
        self.input.value = ""
        self.input.take_focus()  # before the App takes the next key of a burst: see line_input.py

    def set_choices(self, command: str, names: Sequence[str]) -> None:
        """New choices for ``command`` (e.g. the companies, once getCompanyMembership answered)."""
        self.choices = {**self.choices, command: tuple(names)}
        self._show_hint(self.input.value)

    def action_close(self) -> None:
        self.display = False
        self.post_message(self.Run("", ""))

    def action_complete(self) -> None:
        """Tab: the completion of what is typed, computed now — the Input's own suggestion comes from a
        worker and was not there yet when Tab followed the keys at once (``:sch⇥`` typed fast)."""
        line = self.input
        completed = self.suggester.suggest(line.value.casefold())
        if completed is None:
            line.action_cursor_right()
            return
        line.value = completed
        line.cursor_position = len(completed)


    @on(Input.Changed, "#cmdline-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show_hint(event.value)

    def _show_hint(self, value: str) -> None:
        """The choices of ``profile``/``company`` that match what is typed, on the right."""
        command, space, argument = value.lstrip(":").partition(" ")
        hint = Text(no_wrap=True, overflow="ellipsis")
        if space and command.lower() in CHOICE_COMMANDS:
            names = matching(self.choices.get(command.lower(), ()), argument.strip())
            title = _("profiles") if command.lower() == "profile" else _("companies")
            hint.append(f"{title}: ", style="dim")
            if names:
                hint.append("  ".join(safe_str(n) for n in names[:HINT_CHOICES]))
                if len(names) > HINT_CHOICES:
                    hint.append(" " + _("+{n} more").format(n=len(names) - HINT_CHOICES), style="dim")
            else:
                hint.append(_("none match") if self.choices.get(command.lower()) else _("none known"), style="dim")
        self.query_one("#cmdline-hint", Static).update(hint)

    @on(Input.Submitted, "#cmdline-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip().lstrip(":")
        self.display = False
        if text:
            self.history.append(text)
        command, _space, argument = text.partition(" ")
        self.post_message(self.Run(command.lower(), argument.strip()))
