"""The job list's columns laid out for a terminal's width (:func:`layout`).

Each column has a base width; the text columns (Name, Type, Server…) take the spare width of a wide
terminal up to a cap, and a narrow terminal drops the least important columns first (``priority``),
so State, Name, Progress and ETA stay visible at 80 columns. Hidden columns are not drawn, but a view
never loses all of them.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass, replace

from ..model.text import cell_width
from .columns import JobTableColumn

CELL_PADDING = 1
"""Blank cells on each side of every column (as DataTable draws them)."""


@dataclass(frozen=True, slots=True)
class Laid:
    """A column as laid out for one terminal width: ``width`` is the cell width without padding."""

    column: JobTableColumn
    width: int

    @property
    def key(self) -> str:
        return self.column.key


def fitted(column: JobTableColumn) -> JobTableColumn:
    """``column`` widened to its :attr:`~JobTableColumn.sample` in the current language (itself when that fits)."""
    if column.sample is None:
        return column
    need = cell_width(column.sample())
    if need <= column.width:
        return column
    return replace(column, width=need, min_width=max(column.min_width, need) if column.min_width else 0,
                   max_width=max(column.max_width, need) if column.max_width else 0)


def _first(columns: tuple[JobTableColumn, ...], hidden: Set[str]) -> JobTableColumn | None:
    """The view's most important column when ``hidden`` hides every column of the view (a config's
    ``columns`` naming none of them): it stays, so the list never shows rows without cells."""
    if any(c.priority and c.key not in hidden for c in columns):
        return None
    return min((c for c in columns if c.priority), key=lambda c: c.priority, default=None)


def layout(columns: tuple[JobTableColumn, ...], available: int, hidden: Set[str] = frozenset(),
           wide: bool = False) -> tuple[Laid, ...]:
    """The columns to draw in ``available`` terminal cells and their widths.

    Not ``hidden`` ones (but never none: :func:`_first`); in ``wide`` mode every other column at its widest (the list scrolls
    sideways); otherwise the most important columns (lowest ``priority``) that fit at their
    narrowest, flexible ones grown first back to their base width, then by ``flex`` share into the
    spare width up to ``max_width``.
    """
    pad = 2 * CELL_PADDING
    first = _first(columns, hidden)
    shown = [fitted(c) for c in columns if c.key not in hidden or c.priority == 0 or c is first]
    if wide:
        return tuple(Laid(c, max(c.width, c.max_width)) for c in shown)
    narrowest = {c.key: (c.min_width or c.width) for c in shown}
    keep: set[str] = set()
    used = 0
    for column in sorted(shown, key=lambda c: c.priority):
        need = narrowest[column.key] + pad
        if column.priority == 0 or used + need <= available:
            keep.add(column.key)
            used += need
    chosen = [c for c in shown if c.key in keep]
    widths = {c.key: narrowest[c.key] for c in chosen}
    spare = available - used
    for column in sorted(chosen, key=lambda c: c.priority):  # back to the base width first
        grow = min(spare, column.width - widths[column.key])
        if grow > 0:
            widths[column.key] += grow
            spare -= grow
    flexible = [c for c in chosen if c.flex]
    while spare > 0 and flexible:
        total = sum(c.flex for c in flexible)
        given = 0
        for column in flexible:
            room = max(column.max_width, column.width) - widths[column.key]
            grow = min(room, max(1, spare * column.flex // total), spare - given)
            widths[column.key] += grow
            given += grow
        if given == 0:
            break
        spare -= given
        flexible = [c for c in flexible if widths[c.key] < max(c.max_width, c.width)]
    return tuple(Laid(c, widths[c.key]) for c in chosen)
