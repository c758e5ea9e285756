"""The raw view (``y`` JSON, ``x`` XML): the selected job's text in a scrollable, searchable
Log — ``/`` searches, ``n``/``N`` jump between matching lines, Esc or ``q`` closes. Lines are
plain, already-safe strings; a highlighter marks the matches, so server text never becomes markup."""

from __future__ import annotations

from typing import ClassVar

from rich.highlighter import Highlighter
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Log, Static

from ...i18n import N_, _
from ..localized import LocalizedScreen
from ..widgets.line_input import LineInput
from ..widgets.log_title import Part, fit, line_count


class MatchHighlighter(Highlighter):
    def __init__(self) -> None:
        self.search = ""

    def highlight(self, text: Text) -> None:
        if self.search:
            text.highlight_words([self.search], "reverse", case_sensitive=False)


class RawScreen(LocalizedScreen, ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", N_("Close"), id="raw.close"),
        # priority, and the box takes the focus at once: keys typed in one burst with '/' go to the box
        # (tui/widgets/line_input.py) — 'q' among them closed the view
        Binding("slash", "search", N_("Search"), id="raw.search", priority=True),
        Binding("n", "jump(1)", N_("Next match"), id="raw.next"),
        Binding("N", "jump(-1)", N_("Previous match"), id="raw.previous"),
    ]

    def __init__(self, title: str, lines: list[str], note: str = "") -> None:
        super().__init__()
        self.title_text = title
        """Which job and which text (``j|1 · XML``): always on the title row."""
        self.note = note
        """How the text was made: on the title row when it fits (the first part left out)."""
        self.lines = lines
        self.search = ""
        self.matches: list[int] = []
        self.match_at = -1

    def compose(self) -> ComposeResult:
        with Vertical(id="raw-box"):
            yield Static(id="raw-title", markup=False)
            log = Log(id="raw-log", highlight=True)
            log.highlighter = MatchHighlighter()
            yield log
            box = LineInput(placeholder=_("search (⏎ finds, esc closes)"), id="raw-search")
            box.display = False
            yield box

    def on_mount(self) -> None:
        log = self.query_one("#raw-log", Log)
        log.write_lines(self.lines, scroll_end=False)
        log.scroll_home(animate=False)
        log.focus()
        self._title()

    def _title(self) -> None:
        """The title row in its width: the job and the text, the search, then as much of the line count,
        the keys and the note as fits (``log_title.fit``; a long jobHandle is cut with ``…``)."""
        parts: list[Part] = [(self.title_text, "bold", 0)]
        if self.search:
            where = f"{self.match_at + 1}/{len(self.matches)}" if self.matches else _("no match")
            parts.append((f"“{self.search}” {where}", "bold", 0))
        parts += [(line_count(len(self.lines), len(self.lines), None, filtering=False), "", 1),
                  (_("/ search  esc closes"), "dim", 2)]
        if self.note:
            parts.append((self.note, "dim", 3))
        row = self.query_one("#raw-title", Static)
        row.update(fit(parts, row.content_region.width or self.app.size.width))

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._title)

    def action_close(self) -> None:
        box = self.query_one("#raw-search", Input)
        if box.display:
            box.display = False
            self.query_one("#raw-log").focus()
            return
        self.dismiss(None)

    def action_search(self) -> None:
        box = self.query_one("#raw-search", LineInput)
        box.value = self.search
        box.display = True
        box.take_focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``/`` is typed, not a new search, while the search box has the focus."""
        return not (action == "search" and isinstance(self.focused, Input))

    def on_key(self, event: events.Key) -> None:
        box = self.query_one("#raw-search", Input)
        if box.has_focus and event.key in ("n", "N", "q"):
            event.stop()  # typed into the search, not a command

    @on(Input.Submitted, "#raw-search")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        event.input.display = False
        log = self.query_one("#raw-log", Log)
        log.focus()
        self.search = event.value.strip()
        log.highlighter.search = self.search  # type: ignore[attr-defined]
        needle = self.search.lower()
        self.matches = [n for n, line in enumerate(self.lines) if needle and needle in line.lower()]
        self.match_at = -1
        log.refresh()
        if self.matches:
            self.action_jump(1)
        else:
            self._title()

    def action_jump(self, step: int) -> None:
        if not self.matches:
            return
        self.match_at = (self.match_at + step) % len(self.matches)
        log = self.query_one("#raw-log", Log)
        log.scroll_to(y=max(0, self.matches[self.match_at] - log.size.height // 2), animate=False)
        self._title()
