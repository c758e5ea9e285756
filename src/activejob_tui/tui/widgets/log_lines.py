"""One line of the log pane (:class:`LogEntry`), its colours (:class:`LogHighlighter`) and the
severity filter levels.

A line is ``HH:MM:SS ✓ success  UploadSuccess         message``: a fixed time column, a symbol and a
severity word in :data:`WORD_W` cells, two spaces, the IPS log type (``logType``, IPS_JOBS_API.md §6) in
:data:`TYPE_W` cells, two spaces, the message — every column in terminal cells (a CJK character takes
two), so the messages start in the same column whatever the words: a longer log type is cut in the
middle (:func:`type_column`), keeping its end (``…PublishWarning``). Progress messages of an active job carry the log type
``Progress``. Saved logs use :meth:`LogEntry.saved_line` (full date and time with offset).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from rich.cells import chop_cells
from rich.highlighter import Highlighter
from rich.text import Text

from ...i18n import N_, _
from ...model.enums import Severity
from ...model.text import cell_width, truncate_plain
from .. import display as fmt
from .. import states
from ..text import ljust, safe_str

LEVELS = ("all", "warnings", "errors")
"""The severity filter, cycled by ``v``: every line, warnings and errors, errors only."""
LEVEL_MIN = {"all": 0, "warnings": Severity.WARNING.rank, "errors": Severity.ERROR.rank}
"""The lowest ``Severity.rank`` each level shows (ranks and symbols: ``model.enums.SEVERITY_TABLE``)."""
PROGRESS = N_("Progress")
"""The log type shown on progress messages (they have none of their own); translated where shown."""
TIME_W = 8
SEV_AT = TIME_W + 1
WORD_W = 7
"""Cells of the severity word (``success``)."""
SEV_W = 2 + WORD_W  # "✗ success"
TYPE_W = 20
"""Cells of the log type column: the sandbox's and real servers' types fit (``VideoPublishSuccess``,
``TemplateMergeSuccess``), longer ones are cut in the middle (``ImageServing…Success``)."""
MATCH_STYLE = "reverse"
LAST_WORD = re.compile(r"[A-Z][a-z0-9]+$")
"""The last word of a CamelCase log type (``Success`` in ``ImageServingPublishSuccess``)."""


def type_column(kind: str) -> str:
    """``kind`` in exactly :data:`TYPE_W` cells: padded, or cut in the middle with ``…`` where it is longer,
    keeping its last word whole (``ImageServing…Success``, ``…Warning``: the types of one job share their
    start) — or its last half, when that word is longer."""
    if cell_width(kind) <= TYPE_W:
        return ljust(kind, TYPE_W)
    half = (TYPE_W - 1) // 2
    word = LAST_WORD.search(kind)
    if word is not None and cell_width(word.group()) <= half:
        tail = word.group()
    else:  # chop_cells cuts on a cell boundary, never inside a double-width character
        tail = chop_cells(kind[::-1], half)[0][::-1]
    head = chop_cells(kind, TYPE_W - 1 - cell_width(tail))[0]
    return ljust(f"{head}…{tail}", TYPE_W)


@dataclass(frozen=True, slots=True)
class LogEntry:
    at: datetime | None
    severity: Severity
    message: str
    """Already safe (see :func:`text.safe_str`)."""
    log_type: str = ""
    """Already safe; the IPS ``logType`` (``UploadSuccess``, ``TotalFileCount`` …) or :data:`PROGRESS`."""

    @property
    def word(self) -> str:
        """The severity as the IPS-derived English word (``success``), as the saved log writes it."""
        return str(self.severity) if self.severity.recognized else "unknown"

    def line(self) -> str:
        """The line as the pane shows it: severity word and :data:`PROGRESS` in the current language,
        the columns padded by terminal cells (a translated word may be double-width)."""
        kind = _(PROGRESS) if self.log_type == PROGRESS else (self.log_type or "—")
        word = ljust(truncate_plain(states.severity_word(self.severity), WORD_W), WORD_W)
        return f"{fmt.clock_time(self.at)} {self.severity.symbol} {word}  {type_column(kind)}  {self.message}"

    def saved_line(self) -> str:
        """The line as ``w`` writes it: ``2026-05-04T03:02:01+00:00  success  UploadSuccess  message``
        (English words and IPS log types: a file for grep and for whoever it is sent to)."""
        date = self.at.isoformat(timespec="seconds") if self.at is not None else "—"
        return f"{date}  {self.word:<7}  {self.log_type or '—':<{TYPE_W}}  {self.message}"

    def shown_at(self, level: str) -> bool:
        return self.severity.rank >= LEVEL_MIN[level]

    def sort_key(self) -> float:
        """Seconds since the epoch (naive times read as local); lines without a time sort first."""
        return self.at.timestamp() if self.at is not None else float("-inf")

    @classmethod
    def of(cls, at: datetime | None, severity: Severity, *parts: object, log_type: str | None = None) -> LogEntry:
        return cls(at, severity, "  ".join(safe_str(p) for p in parts if p not in (None, "")),
                   safe_str(log_type) if log_type else "")


class LogHighlighter(Highlighter):
    """Colours the time, severity and log-type columns, and marks the matches of the log search
    (the message keeps its own text: it can never inject markup)."""

    _STYLE: ClassVar[dict] = {sev.symbol: states.severity_style(sev) for sev in Severity}

    def __init__(self) -> None:
        self.search = ""

    def highlight(self, text: Text) -> None:
        plain = text.plain
        if len(plain) <= SEV_AT:
            return
        text.stylize("log.time", 0, TIME_W)
        style = self._STYLE.get(plain[SEV_AT])
        if style:
            text.stylize(style, SEV_AT, SEV_AT + SEV_W)
        # The type column starts after the severity word and its padding: found in the text, since a
        # double-width word takes fewer characters than cells.
        gap = plain.find("  ", SEV_AT + 2)
        if gap >= 0:
            start = len(plain) - len(plain[gap:].lstrip(" "))
            wide = cell_width(plain[start:start + TYPE_W]) - len(plain[start:start + TYPE_W])
            text.stylize("log.time", start, start + TYPE_W - max(0, wide))  # TYPE_W cells
        if self.search:
            text.highlight_words([self.search], MATCH_STYLE, case_sensitive=False)
