"""The text of the log pane: Textual's line-API ``Log`` that tells its pane when the operator scrolls
away from the end (follow off) or back to it (follow on); the pane (:mod:`.log_pane`) owns the lines."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Log

from ...i18n import N_
from .log_lines import LogHighlighter

MAX_LINES = 100_000
"""Lines kept per job in the pane (older lines are dropped)."""


class SeverityLog(Log):
    """The text of the log; tells its pane when the operator scrolls away from the end or back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k", "scroll_up", N_("Up"), show=False, id="log.up"),
        Binding("j", "scroll_down", N_("Down"), show=False, id="log.down"),
        Binding("g", "scroll_home", N_("Top"), show=False, id="log.top"),
        Binding("G", "scroll_end", N_("Bottom"), show=False, id="log.bottom"),
    ]

    class Scrolled(Message):
        """The operator scrolled: ``away`` from the end (up), or back to it."""

        def __init__(self, away: bool) -> None:
            super().__init__()
            self.away = away

    highlighter: LogHighlighter
    """Log's highlighter, always ours: it colours by severity and marks the search (``search``)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(highlight=True, max_lines=MAX_LINES, **kwargs)
        self.highlighter = LogHighlighter()

    def _moved(self, up: bool) -> None:
        if up:
            self.post_message(self.Scrolled(away=True))
        else:
            self.call_after_refresh(self._check_end)

    def _check_end(self) -> None:
        if self.is_vertical_scroll_end:
            self.post_message(self.Scrolled(away=False))

    def action_scroll_up(self) -> None:
        super().action_scroll_up()
        self._moved(up=True)

    def action_page_up(self) -> None:
        super().action_page_up()
        self._moved(up=True)

    def action_scroll_home(self) -> None:
        super().action_scroll_home()
        self._moved(up=True)

    def action_scroll_down(self) -> None:
        super().action_scroll_down()
        self._moved(up=False)

    def action_page_down(self) -> None:
        super().action_page_down()
        self._moved(up=False)

    def action_scroll_end(self) -> None:
        super().action_scroll_end()
        self.post_message(self.Scrolled(away=False))

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self._moved(up=True)

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self._moved(up=False)
