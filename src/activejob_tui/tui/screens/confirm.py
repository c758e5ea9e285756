"""A confirmation that names exactly what will be acted on; Cancel is focused by default."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ...console_state import Target
from ..states import job_state
from ..text import safe_text

MAX_LISTED = 20


class ConfirmScreen(ModalScreen[bool]):
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (32, "-tall")]
    """``verb`` the ``targets``? Returns True only if the user pressed the action button."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "cancel", "Cancel", id="confirm.cancel"),
        Binding("y", "confirm", "Confirm", show=False, id="confirm.yes"),
        Binding("left,h", "app.focus_previous", "Previous", show=False),
        Binding("right,l", "app.focus_next", "Next", show=False),
    ]

    def __init__(self, verb: str, targets: Sequence[Target], *, hidden: int = 0, note: str = "") -> None:
        super().__init__()
        self.verb = verb
        self.targets = tuple(targets)
        self.hidden = hidden
        self.note = note

    def compose(self) -> ComposeResult:
        count = len(self.targets)
        noun = "job" if count == 1 else "jobs"
        with Vertical(id="confirm-dialog"):
            yield Static(Text(f"{self.verb.capitalize()} {count} {noun}?", style="bold", end=""), id="confirm-title")
            lines = []
            if count > 1:
                lines.append(Text(f"{count} marked jobs will be sent {self.verb}.", end=""))
            if self.hidden:
                lines.append(
                    Text(f"{self.hidden} of them {'is' if self.hidden == 1 else 'are'} hidden by the current filter.",
                         style="state.warn", end="")
                )
            if self.note:
                lines.append(Text(self.note, style="dim", end=""))
            if lines:
                yield Static(Text("\n").join(lines), id="confirm-summary")
            with VerticalScroll(id="confirm-list"):
                yield Static(self._table(), id="confirm-table")
            with Horizontal(id="confirm-buttons"):
                yield Button("Cancel", id="cancel", variant="primary")
                yield Button(self.verb.capitalize(), id="confirm", variant="error")

    def _table(self) -> Text:
        """Two lines per target: state, name and type; then the jobHandle on a line of its own, so a
        handle never wraps in the middle unless it is wider than the dialog."""
        rows = []
        for target in self.targets[:MAX_LISTED]:
            head = Text.assemble(job_state(target.job), "  ", safe_text(target.name or "(unnamed)"), no_wrap=True,
                                 overflow="ellipsis", end="")
            if target.type:
                head.append("  · ")
                head.append_text(safe_text(target.type))
            head.stylize("bold", 0, 0)
            handle = Text("    ", end="")
            handle.append_text(safe_text(target.handle))
            handle.stylize("dim")
            rows.extend([head, handle])
        if len(self.targets) > MAX_LISTED:
            rows.append(Text(f"… and {len(self.targets) - MAX_LISTED} more", style="dim", end=""))
        return Text("\n", end="").join(rows)

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm")

    def action_cancel(self) -> None:
        self.dismiss(False)

    def action_confirm(self) -> None:
        self.dismiss(True)
