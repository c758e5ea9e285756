"""The log pane: the log of the selected job — detail lines (getJobLogDetails) or progress messages
of an active job, the log details of a finished one.

Built on Textual's line-API ``Log`` (20,000 lines in ~135 ms here, against seconds for RichLog):
lines are plain, already-sanitised strings (:mod:`.log_lines`); colour comes from a highlighter, so
a message can never inject markup. The buffer is capped. Lines are kept in time order.

Follow behaves like ``tail -f``: the pane stays pinned to the end while lines arrive; scrolling up
turns follow off (the view stays where the operator put it), scrolling back to the end (``G``,
End, wheel) turns it on again; ``f`` toggles it. ``/`` searches inside the log, ``n``/``N`` jump.

Moving to another job keeps the severity filter (as k9s keeps a log filter; the title shows it in
the warning colour while it hides lines), clears the search (its matches were in the other job's
lines) and follows again (its log opens at the end, as ``tail -f`` of another file). While a finished job's log has more pages (``m``), the title says so instead of
"follow": the end of the log is not on screen. The title keeps to one row: when it does not fit,
the least useful parts go first (``severity: all``, the source, follow), and the note (``loading…``,
``could not load: …``) is cut with ``…``, never dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, Static

from ...i18n import N_, _, ngettext
from .line_input import LineInput
from .log_lines import LEVELS, LogEntry
from .log_title import Part, fit, line_count
from .severity_log import MAX_LINES, SeverityLog

LEVEL_WORDS = {"all": N_("all"), "warnings": N_("warnings"), "errors": N_("errors")}
"""The severity filter's levels (:data:`log_lines.LEVELS`) as the title shows them."""



class LogPane(Vertical):
    """Title line + the log + the search line; owns the entries of the job shown so it can
    re-filter and search them."""

    ALLOW_MAXIMIZE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "toggle_follow", N_("Follow"), id="log.follow"),
        Binding("v", "cycle_level", N_("Severity"), id="log.severity"),
        Binding("t", "switch_source", N_("Details/progress"), id="log.source"),
        Binding("slash", "search", N_("Search log"), id="log.search", priority=True),  # see line_input.py
        Binding("n", "next_match", N_("Next match"), id="log.next"),
        Binding("N", "previous_match", N_("Previous match"), id="log.previous"),
        Binding("w", "save", N_("Save log"), id="log.save"),
        Binding("m", "more", N_("More"), id="log.more"),
    ]

    follow: reactive[bool] = reactive(True)
    has_log = True
    """False while the selected job has no log at all (:meth:`show`)."""
    level: reactive[str] = reactive("all")

    class LoadMore(Message):
        """The user asked for the next page of a finished job's log details."""

        def __init__(self, pane: LogPane, job_key: str) -> None:
            super().__init__()
            self.pane = pane
            self.job_key = job_key

        @property
        def control(self) -> LogPane:
            return self.pane

    class SwitchSource(Message):
        """The user asked for the other log of an active job (detail lines ↔ progress messages)."""

    class SaveRequested(Message):
        """The user asked to save the whole log of ``job_key`` (``w``)."""

        def __init__(self, job_key: str) -> None:
            super().__init__()
            self.job_key = job_key

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.job_key: str | None = None
        self.entries: list[LogEntry] = []
        self.shown: list[int] = []
        """Index in :attr:`entries` of each line on screen."""
        self.source = ""
        """What the lines are: ``details``, ``progress`` or ``""``."""
        self.has_more = False
        self.total: int | None = None
        """Detail lines in all pages of the job's log (getJobLogDetails ``totalRows``, IPS_JOBS_API.md
        §4.4), None when the server does not say."""
        self.note = ""
        self.search = ""
        self.matches: list[int] = []
        """Line numbers (on screen) that contain :attr:`search`."""
        self.match_at = -1

    def compose(self) -> ComposeResult:
        yield Static(id="log-title", markup=False)
        yield SeverityLog(id="log")
        search = LineInput(placeholder=_("search the log (⏎ finds, esc closes)"), id="log-search")
        search.display = False
        yield search

    @property
    def log_widget(self) -> SeverityLog:
        return self.query_one(SeverityLog)

    def on_mount(self) -> None:
        self._title()

    # -- content -------------------------------------------------------------------------

    def show(self, job_key: str | None, entries: Sequence[LogEntry], *, has_more: bool = False, note: str = "",
             source: str = "", total: int | None = None, has_log: bool = True) -> None:
        """Replace the content with ``entries`` of ``job_key`` (time order); ``total``: lines in all pages;
        ``has_log`` False: the job has no log at all (a scheduled job), the title is only ``note``."""
        if job_key != self.job_key:  # another job's log opens at its end, following; the search goes
            self.follow = True
            if self.search:
                self.search = self.log_widget.highlighter.search = ""
                self.query_one("#log-search", Input).display = False
        self.job_key = job_key
        self.entries = sorted(entries, key=LogEntry.sort_key)[-MAX_LINES:]
        self.has_more = has_more
        self.total = total
        self.note = note
        self.source = source
        if has_log != self.has_log:
            self.has_log = has_log
            if self.is_attached:
                self.screen.refresh_bindings()  # "f Follow log" comes and goes with it
        self._rewrite(to_end=True)

    def append(self, job_key: str, entries: Iterable[LogEntry], *, has_more: bool | None = None,
               note: str | None = None) -> None:
        """Add lines for ``job_key`` if it is the job shown; lines older than the last one shown
        are put in their place (the log is redrawn), others are written at the end. ``has_more``
        and ``note`` keep their values when not given."""
        if job_key != self.job_key:
            return
        new = sorted(entries, key=LogEntry.sort_key)
        if has_more is not None:
            self.has_more = has_more
        if note is not None:
            self.note = note
        if not new:
            self._title()
            return
        in_order = not self.entries or new[0].sort_key() >= self.entries[-1].sort_key()
        self.entries.extend(new)
        if not in_order:
            self.entries.sort(key=LogEntry.sort_key)
        if len(self.entries) > MAX_LINES:
            del self.entries[: len(self.entries) - MAX_LINES]
            in_order = False
        if not in_order:
            self._rewrite(to_end=False)
            return
        first = len(self.entries) - len(new)
        picked = [first + i for i, e in enumerate(new) if e.shown_at(self.level)]
        if picked:
            start = len(self.shown)
            self.shown.extend(picked)
            self.log_widget.write_lines([self.entries[i].line() for i in picked], scroll_end=self.follow)
            self._find(start)
        self._title()

    def _rewrite(self, *, to_end: bool) -> None:
        """Redraw every line; keep the line at the top of the view unless following or ``to_end``."""
        log = self.log_widget
        top = self.shown[int(log.scroll_y)] if not to_end and self.shown and int(log.scroll_y) < len(self.shown) else None
        log.clear()
        self.shown = [i for i, e in enumerate(self.entries) if e.shown_at(self.level)]
        if self.shown:
            log.write_lines([self.entries[i].line() for i in self.shown], scroll_end=False)
        self.matches, self.match_at = [], -1
        self._find(0)
        if self.follow or to_end or top is None:
            if self.follow:
                log.scroll_end(animate=False, immediate=True)
                self.call_after_refresh(log.scroll_end, animate=False)
            else:
                log.scroll_home(animate=False, immediate=True)
        else:
            row = next((n for n, i in enumerate(self.shown) if i >= top), len(self.shown))
            log.scroll_to(y=row, animate=False, immediate=True)
            self.call_after_refresh(log.scroll_to, y=row, animate=False)
        self._title()

    def _find(self, start: int) -> None:
        """Add the matches of the search among the lines on screen from ``start``."""
        if not self.search:
            return
        needle = self.search.lower()
        self.matches.extend(n for n in range(start, len(self.shown))
                            if needle in self.entries[self.shown[n]].line().lower())

    def _title_parts(self) -> list[Part]:
        """The title's parts (:data:`log_title.Part`), most useful with the lowest rank."""
        parts: list[Part] = [(_("Log"), "bold", 0)]
        if not self.has_log:  # nothing to count, filter or follow
            return [*parts, (self.note, "dim", 0)]
        if self.job_key is None:
            parts.append((_("(select a job)"), "dim", 0))
        else:
            if self.source:
                parts.append((_(self.source), "", 4))
            parts.append((self._count(), "", 0))
        if self.search:  # what the operator is looking for, and where: never dropped (rank 0), right after the count
            where = (f"{self.match_at + 1}/{len(self.matches)}" if self.match_at >= 0
                     else ngettext("{count} match", "{count} matches", len(self.matches)).format(
                         count=len(self.matches)))
            parts.append((f"“{self.search}” {where}", "bold", 0))
        filtering = self.level != "all"
        parts.append((_("severity: {level}").format(level=_(LEVEL_WORDS[self.level])),
                      "state.warn" if filtering else "", 0 if filtering else 5))
        if self.has_more:
            parts.append((_("[m] more…"), "state.run", 0))  # the end is not loaded: nothing to follow yet
        else:
            parts.append((_("follow: on") if self.follow else _("follow: off"), "", 3))
        if self.note:
            parts.append((self.note, "dim", 0))  # loading…, could not load: … (cut, never dropped)
        return parts

    def _count(self) -> str:
        return line_count(len(self.shown), len(self.entries), self.total, filtering=self.level != "all")

    def _title(self) -> None:
        width = self.query_one("#log-title", Static).content_region.width or self.size.width
        self.query_one("#log-title", Static).update(fit(self._title_parts(), width), layout=False)  # one row

    def on_resize(self, event: events.Resize) -> None:
        self._title()

    # -- follow, severity ----------------------------------------------------------------

    def watch_follow(self, follow: bool) -> None:
        if not self.is_mounted:
            return
        self.log_widget.auto_scroll = follow
        if follow:
            self.log_widget.scroll_end(animate=False)
        self._title()

    def watch_level(self, level: str) -> None:
        if self.is_mounted:
            self._rewrite(to_end=False)

    @on(SeverityLog.Scrolled)
    def _scrolled(self, event: SeverityLog.Scrolled) -> None:
        event.stop()
        self.follow = not event.away  # a reactive: the same value again changes nothing

    def action_toggle_follow(self) -> None:
        self.follow = not self.follow

    def action_cycle_level(self) -> None:
        self.level = LEVELS[(LEVELS.index(self.level) + 1) % len(LEVELS)]

    def action_switch_source(self) -> None:
        self.post_message(self.SwitchSource())

    # -- search --------------------------------------------------------------------------

    def action_search(self) -> None:
        box = self.query_one("#log-search", LineInput)
        box.value = self.search
        box.display = True
        box.take_focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``/`` is typed, not a new search, while a text input has the focus."""
        return not (action == "search" and isinstance(self.screen.focused, Input))

    @on(Input.Submitted, "#log-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.set_search(event.value)
        event.input.display = False
        self.log_widget.focus()

    def on_key(self, event: events.Key) -> None:
        box = self.query_one("#log-search", Input)
        if event.key == "escape" and box.has_focus:
            event.stop()
            box.display = False
            self.log_widget.focus()

    def set_search(self, text: str) -> None:
        """Mark every line containing ``text`` (case-insensitive) and jump to the first match after
        the top of the view; an empty text clears the search."""
        self.search = text.strip()
        self.log_widget.highlighter.search = self.search
        self.matches, self.match_at = [], -1
        self._find(0)
        self.log_widget.refresh()
        if self.matches:
            top = int(self.log_widget.scroll_y)
            self._jump(next((n for n, row in enumerate(self.matches) if row >= top), 0))
        else:
            self._title()

    def action_next_match(self) -> None:
        if self.matches:
            self._jump((self.match_at + 1) % len(self.matches))

    def action_previous_match(self) -> None:
        if self.matches:
            self._jump((self.match_at - 1) % len(self.matches))

    def _jump(self, index: int) -> None:
        self.match_at = index
        self.follow = False
        log = self.log_widget
        row = self.matches[index]
        log.scroll_to(y=max(0, row - log.size.height // 2), animate=False, immediate=True)
        self._title()

    # -- more, save ----------------------------------------------------------------------

    def action_more(self) -> None:
        if self.job_key is not None and self.has_more:
            self.post_message(self.LoadMore(self, self.job_key))

    def action_save(self) -> None:
        if self.job_key is None or not self.entries:
            self.notify(_("Nothing to save."), severity="warning")
            return
        self.post_message(self.SaveRequested(self.job_key))

    def visible_entries(self) -> list[LogEntry]:
        """The entries the severity filter and the search let through, in time order."""
        needle = self.search.lower()
        return [e for e in self.entries if e.shown_at(self.level) and (not needle or needle in e.line().lower())]
