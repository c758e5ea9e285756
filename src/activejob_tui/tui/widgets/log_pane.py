"""The log pane: progress messages of an active job, or the log details of a finished one.

Built on Textual's line-API ``Log`` (20,000 lines in ~135 ms here, against seconds for RichLog):
lines are plain, already-sanitised strings; colour comes from a highlighter that styles the fixed
time and severity columns, so a message can never inject markup. The buffer is capped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from rich.highlighter import Highlighter
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Log, Static

from ...model.enums import Severity
from .. import format as fmt
from .. import states
from ..text import safe_str

MAX_LINES = 100_000
"""Lines kept per job in the pane (older lines are dropped)."""

_SYMBOL = {Severity.INFO: "·", Severity.SUCCESS: "✓", Severity.WARNING: "!", Severity.ERROR: "✗", Severity.UNKNOWN: "?"}
_RANK = {Severity.UNKNOWN: 0, Severity.INFO: 0, Severity.SUCCESS: 1, Severity.WARNING: 2, Severity.ERROR: 3}
LEVELS = ("all", "warnings", "errors")
_LEVEL_MIN = {"all": 0, "warnings": 2, "errors": 3}
_TIME_W = 8
_SEV_AT = _TIME_W + 1
_SEV_W = 9  # "✗ success"


@dataclass(frozen=True, slots=True)
class LogEntry:
    at: datetime | None
    severity: Severity
    message: str
    """Already safe (see :func:`text.safe_str`)."""

    def line(self) -> str:
        word = str(self.severity) if self.severity.recognized else "unknown"
        return f"{fmt.clock_time(self.at)} {_SYMBOL.get(self.severity, '?')} {word:<8}{self.message}"

    @classmethod
    def of(cls, at: datetime | None, severity: Severity, *parts: object) -> LogEntry:
        return cls(at, severity, "  ".join(safe_str(p) for p in parts if p not in (None, "")))


class SeverityHighlighter(Highlighter):
    """Colours the time and severity columns of a log line (the message stays as it is)."""

    _STYLE = {sym: states.severity_style(sev) for sev, sym in _SYMBOL.items()}

    def highlight(self, text: Text) -> None:
        plain = text.plain
        if len(plain) <= _SEV_AT:
            return
        text.stylize("log.time", 0, _TIME_W)
        style = self._STYLE.get(plain[_SEV_AT])
        if style:
            text.stylize(style, _SEV_AT, _SEV_AT + _SEV_W)


class SeverityLog(Log):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k", "scroll_up", "Up", show=False, id="log.up"),
        Binding("j", "scroll_down", "Down", show=False, id="log.down"),
        Binding("g", "scroll_home", "Top", show=False, id="log.top"),
        Binding("G", "scroll_end", "Bottom", show=False, id="log.bottom"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(highlight=True, max_lines=MAX_LINES, **kwargs)
        self.highlighter = SeverityHighlighter()


class LogPane(Vertical):
    """Title line + the log; owns the entries of the job shown so it can re-filter them."""

    ALLOW_MAXIMIZE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "toggle_follow", "Follow", id="log.follow"),
        Binding("v", "cycle_level", "Severity", id="log.severity"),
        Binding("w", "save", "Save log", id="log.save"),
        Binding("m", "more", "More", id="log.more"),
    ]

    follow: reactive[bool] = reactive(True)
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

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.job_key: str | None = None
        self.entries: list[LogEntry] = []
        self.has_more = False
        self.note = ""
        self.save_dir = Path.cwd()

    def compose(self) -> ComposeResult:
        yield Static(id="log-title", markup=False)
        yield SeverityLog(id="log")

    @property
    def log_widget(self) -> SeverityLog:
        return self.query_one(SeverityLog)

    def on_mount(self) -> None:
        self._title()

    # -- content -------------------------------------------------------------------------

    def show(self, job_key: str | None, entries: Sequence[LogEntry], *, has_more: bool = False, note: str = "") -> None:
        """Replace the content with ``entries`` of ``job_key``."""
        self.job_key = job_key
        self.entries = list(entries[-MAX_LINES:])
        self.has_more = has_more
        self.note = note
        self._rewrite()

    def append(self, job_key: str, entries: Iterable[LogEntry], *, has_more: bool | None = None) -> None:
        """Add lines for ``job_key`` if it is the job shown."""
        if job_key != self.job_key:
            return
        new = list(entries)
        if has_more is not None:
            self.has_more = has_more
        self.note = ""
        self.entries.extend(new)
        if len(self.entries) > MAX_LINES:
            del self.entries[: len(self.entries) - MAX_LINES]
        minimum = _LEVEL_MIN[self.level]
        lines = [e.line() for e in new if _RANK.get(e.severity, 0) >= minimum]
        if lines:
            self.log_widget.write_lines(lines)
        self._title()

    def _rewrite(self) -> None:
        log = self.log_widget
        log.clear()
        minimum = _LEVEL_MIN[self.level]
        lines = [e.line() for e in self.entries if _RANK.get(e.severity, 0) >= minimum]
        if lines:
            log.write_lines(lines, scroll_end=self.follow)
        self._title()

    def _title(self) -> None:
        shown = self.log_widget.line_count if self.is_mounted else 0
        text = Text(end="")
        text.append("Log", style="bold")
        if self.job_key is None:
            text.append("  (select a job)", style="dim")
        else:
            text.append(f"  {shown} of {len(self.entries)} lines" if self.level != "all" else f"  {len(self.entries)} lines")
        text.append(f"  severity: {self.level}")
        text.append("  follow: " + ("on" if self.follow else "off"))
        if self.has_more:
            text.append("  [m] more…", style="state.run")
        if self.note:
            text.append(f"  {self.note}", style="dim")
        self.query_one("#log-title", Static).update(text, layout=False)  # one line high (styles)

    # -- actions -------------------------------------------------------------------------

    def watch_follow(self, follow: bool) -> None:
        if not self.is_mounted:
            return
        self.log_widget.auto_scroll = follow
        if follow:
            self.log_widget.scroll_end(animate=False)
        self._title()

    def watch_level(self, level: str) -> None:
        if self.is_mounted:
            self._rewrite()

    def action_toggle_follow(self) -> None:
        self.follow = not self.follow

    def action_cycle_level(self) -> None:
        self.level = LEVELS[(LEVELS.index(self.level) + 1) % len(LEVELS)]

    def action_more(self) -> None:
        if self.job_key is not None and self.has_more:
            self.post_message(self.LoadMore(self, self.job_key))

    def action_save(self) -> None:
        if self.job_key is None or not self.entries:
            self.notify("Nothing to save.", severity="warning")
            return
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        safe_key = "".join(c if c.isalnum() or c in "-_." else "_" for c in self.job_key)[:60]
        path = self.save_dir / f"activejob-{safe_key}-{stamp}.log"
        try:
            path.write_text("".join(e.line() + "\n" for e in self.entries), encoding="utf-8")
        except OSError as exc:
            self.notify(f"Could not save the log: {exc.strerror or exc}", severity="error")
            return
        self.notify(f"Saved {len(self.entries)} lines to {path}")
