"""Fitting a table's columns into a terminal's width, as ``kubectl get`` and ``docker ps`` do: the
widest flexible column (a name, a type, a message) gives up a cell first, down to its floor; when
that is not enough, the lowest-priority column goes and the rest are fitted again. A column that is
not flexible (a state, a date, a jobHandle) is never cut: the jobHandle is what an operator copies
into ``stop``. Widths are terminal cells (``model.text.cell_width``); pure arithmetic, no I/O."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

GAP = 2
"""Cells between two columns (``output.table`` joins cells with two spaces)."""
FLOOR = 12
"""A flexible column is not cut below this many cells (or its header, or its widest value if
smaller) before a column is dropped: "Nightly ima…" still tells jobs apart."""


@dataclass(frozen=True)
class FitColumn:
    """One column as the fitting sees it: ``natural`` its widest cell (header included), ``floor``
    the least it is cut to while a column can still be dropped, ``least`` the least it is cut to
    when none can (its header), ``flexible`` whether it may be cut at all."""

    natural: int
    floor: int
    flexible: bool
    least: int = 1


@dataclass(frozen=True)
class Layout:
    """The outcome: the indexes of the columns shown, in their order, and each one's width in cells.
    ``fits`` is False when even the fewest columns at their floors are wider than the terminal (a
    long jobHandle on a narrow one): the line then wraps rather than cut a handle."""

    shown: tuple[int, ...]
    widths: tuple[int, ...]
    fits: bool


def fit(columns: Sequence[FitColumn], width: int, drop_first: Sequence[int] = ()) -> Layout:
    """Lay ``columns`` out in ``width`` cells. ``drop_first`` lists indexes of columns that may go,
    the first to go first; any other column always stays."""
    shown = list(range(len(columns)))
    droppable = [i for i in drop_first if i in shown]
    while True:
        chosen = [columns[i] for i in shown]
        widths = _shrink(chosen, width - GAP * (len(shown) - 1))
        if widths is not None:
            return Layout(tuple(shown), tuple(widths), True)
        if not droppable:  # the last resort: names down to their headers, before a line wraps
            barest = [replace(c, floor=min(c.floor, c.least)) for c in chosen]
            widths = _shrink(barest, width - GAP * (len(shown) - 1))
            if widths is not None:
                return Layout(tuple(shown), tuple(widths), True)
            return Layout(tuple(shown), tuple(c.floor if c.flexible else c.natural for c in chosen), False)
        shown.remove(droppable.pop(0))


def _shrink(columns: Sequence[FitColumn], room: int) -> list[int] | None:
    """Widths that add up to at most ``room``, taking cells from the widest flexible column first;
    None if the flexible columns at their floors are still too wide."""
    widths = [c.natural for c in columns]
    excess = sum(widths) - room
    if excess <= 0:
        return widths
    spare = sum(w - c.floor for w, c in zip(widths, columns, strict=True) if c.flexible and w > c.floor)
    if spare < excess:
        return None
    while excess > 0:
        widest = max((i for i, c in enumerate(columns) if c.flexible and widths[i] > c.floor),
                     key=lambda i: widths[i])
        widths[widest] -= 1
        excess -= 1
    return widths
