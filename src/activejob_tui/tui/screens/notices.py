"""The notification history (``H``): the last 200 ended jobs as announced — time, job, handle and
outcome, newest first — whatever the notification policy let through as toasts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from ...i18n import N_, _, ngettext
from ..announce import Notice
from ..display import clock_time
from ..localized import LocalizedScreen


class NoticeHistoryScreen(LocalizedScreen, ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,H", "dismiss_history", N_("Close"), id="notices.close"),
    ]

    def __init__(self, notices: Iterable[Notice], policy: str) -> None:
        super().__init__()
        self.notices = list(notices)[::-1]
        self.policy = policy

    def compose(self) -> ComposeResult:
        with Vertical(id="notices-box"):
            events = ngettext("{count} event", "{count} events", len(self.notices)).format(count=len(self.notices))
            yield Static(Text.assemble((_("Notification history"), "bold"), "  " + _(
                "{events} · policy: {policy}  (Esc closes)").format(events=events, policy=self.policy)),
                         id="notices-title")
            table: DataTable[Text | str] = DataTable(id="notices-table", cursor_type="row", zebra_stripes=True)
            yield table

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(_("Time"), _("Job"), _("Outcome"), _("Handle"))
        for n in self.notices:
            outcome = Text(n.describe(), style="state.bad" if n.failed else "")
            table.add_row(clock_time(n.at), Text(n.job), outcome, Text(n.handle))
        if not self.notices:
            table.add_row("—", Text(_("no job has ended since the console started"), style="dim"), "", "")
        table.focus()

    def action_dismiss_history(self) -> None:
        self.dismiss(None)
