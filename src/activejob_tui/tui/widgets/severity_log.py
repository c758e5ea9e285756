"""The text of the log pane: Textual's line-API ``Log`` that tells its pane when the operator scrolls
away from the end (follow off) or back to it (follow on); the pane (:mod:`.log_pane`) owns the lines.

It draws its lines without the style per line index that ``Log`` gives every segment for mouse
selection (``Strip.apply_offsets``: ``{"offset": (x, y)}``, ``y`` the line's index in the log). Every
new line of a growing log brought new style values, and each one filled Rich's and Textual's caches
keyed by style (``Style._add``, Textual's ANSI and true-colour caches, the split-segment cache): bounded
caches of 1,024 to 16,384 entries that took hours to fill — the demo console grew 0.1–0.15 MiB a minute
after 20 minutes (issue 9, benchmarks/README.md). Without them a line's styles are the few of its
colours, and the caches stay as they are after the first minutes. The price: no selection with the
mouse inside the log; the terminal's own selection (Shift+drag in most terminals) and ``w`` (save the
log) remain."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.strip import Strip
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

    @property
    def allow_select(self) -> bool:
        """False: the lines carry no offsets to select by (see the module docstring)."""
        return False

    def render_line(self, y: int) -> Strip:
        """Row ``y`` of the view: the log line under it, highlighted (severity colours, search matches)
        and cut to the view, as ``Log`` draws it but without the per-line offset style."""
        scroll_x, scroll_y = self.scroll_offset
        width, style, lines = self.size.width, self.rich_style, self.lines
        index = scroll_y + y
        if index >= len(lines):
            return Strip.blank(width, style)
        plain = lines[index].expandtabs()  # the pane writes safe text (``LogEntry``): no control codes
        text = Text(plain, no_wrap=True)
        text.stylize(style)
        text = self.highlighter(text)
        return Strip(text.render(self.app.console), cell_len(plain)).crop_extend(scroll_x, scroll_x + width, style)

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
