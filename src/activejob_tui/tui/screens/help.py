"""``?``: every key binding, as currently mapped, grouped by where it applies."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...i18n import N_, _
from ..localized import LocalizedScreen

Section = tuple[str, Sequence[tuple[str, str, str]]]
"""(section title, [(keys, description, binding ids)]), as ``tui/palette.help_sections`` builds it."""


class HelpScreen(LocalizedScreen, ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss_help", N_("Close"), id="help.close"),
        Binding("j,down", "scroll_down", N_("Down"), show=False),
        Binding("k,up", "scroll_up", N_("Up"), show=False),
    ]

    def __init__(self, sections: Iterable[Section], intro: str = "") -> None:
        super().__init__()
        self.sections = list(sections)
        self.intro = intro

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            yield Static(Text(_("Keys"), style="bold", end=""), id="help-title")
            with VerticalScroll(id="help-body"):
                if self.intro:
                    yield Static(Text(self.intro, style="dim", end=""), id="help-intro")
                yield Static(self._table(), id="help-table")

    def _table(self) -> Table:
        table = Table(box=None, padding=(0, 2), show_header=False, expand=True)
        table.add_column(no_wrap=True, style="help.key", min_width=14)
        table.add_column(ratio=1)
        table.add_column(no_wrap=True, style="dim", justify="right")
        for title, rows in self.sections:
            table.add_row(Text(title, style="help.section", end=""), "", "")
            for keys, description, ids in rows:
                table.add_row(Text(keys, end=""), Text(description, end=""), Text(ids, end=""))
            table.add_row("", "", "")
        return table

    def action_dismiss_help(self) -> None:
        self.dismiss(None)

    def action_scroll_down(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_up()
