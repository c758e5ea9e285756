"""Drawing one line of the job list: cells cut to their laid-out widths, padded, styled — as a Strip.

Only the lines on screen are ever drawn (:class:`~.job_table.JobTable` asks for them in
``render_line``); :class:`LineCache` keeps the strips drawn since the last change of their row,
the layout, the staleness or the clock second (relative times age once a second).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from .. import display as fmt
from ..column_layout import CELL_PADDING, Laid
from ..columns import LiveEta

DASH = Text("—", style="dim", end="")


def as_text(cell: Any, as_of: datetime | None = None) -> Text:
    """A cell as Rich ``Text``; with ``as_of`` (stale data) relative times are computed at that
    instant (they stop aging) and the ETA is a dash (no estimate from old data)."""
    if as_of is not None:
        if isinstance(cell, fmt.Relative):
            cell = replace(cell, clock=lambda: as_of)
        elif isinstance(cell, (fmt.EtaCell, LiveEta)):
            return DASH
    if isinstance(cell, Text):
        return cell
    rich = getattr(cell, "__rich__", None)
    if rich is not None:
        value = rich()
        if isinstance(value, Text):
            return value
        cell = value
    return Text(str(cell), end="", no_wrap=True)


def draw(cells: Sequence[Any], laid: Sequence[Laid], console: Console, base: Style, post: Style | None,
         as_of: datetime | None = None) -> Strip:
    """One row (or the header) as a Strip of ``sum(width + 2 * padding)`` cells."""
    pad = Segment(" " * CELL_PADDING, base)
    segments: list[Segment] = []
    for cell, column in zip(cells, laid, strict=True):
        text = as_text(cell, as_of)
        line: Any = text.render(console)
        if text.style:  # Text.render leaves the Text's own style to its caller
            line = Segment.apply_style(line, console.get_style(text.style, default=Style.null()))
        line = list(line)
        segments.append(pad)
        segments.extend(Segment.adjust_line_length(line, column.width, base))
        segments.append(pad)
    segments = list(Segment.apply_style(segments, base, post))
    return Strip(segments).simplify()


class Cell:
    """What :meth:`JobTable.get_cell` returns: the drawn renderable in ``content``; ``str`` is its text."""

    __slots__ = ("content",)

    def __init__(self, content: Any) -> None:
        self.content = content

    def __rich__(self) -> Any:
        return self.content

    def __str__(self) -> str:
        return as_text(self.content).plain


class LineCache:
    """Strips by (row key, cursor on it); whole-cache drops on layout, staleness or second change."""

    def __init__(self) -> None:
        self.strips: dict[tuple[str, bool], Strip] = {}
        self.epoch: Any = None

    def check(self, epoch: Any) -> None:
        """Forget everything when ``epoch`` (layout, styles, stale, clock second) differs."""
        if epoch != self.epoch:
            self.strips.clear()
            self.epoch = epoch

    def get(self, key: str, selected: bool) -> Strip | None:
        return self.strips.get((key, selected))

    def put(self, key: str, selected: bool, strip: Strip) -> None:
        self.strips[(key, selected)] = strip

    def drop(self, key: str) -> None:
        self.strips.pop((key, False), None)
        self.strips.pop((key, True), None)

    def clear(self) -> None:
        self.strips.clear()
