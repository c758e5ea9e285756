"""The log pane's title row: the line count and fitting the parts into one row.

A part is (text, style, rank): rank 0 is always kept; when the parts are wider than the row the
one with the highest rank goes first (the later one of equal ranks), then what is left is cut with
``…``. Widths are terminal cells.
"""

from __future__ import annotations

from typing import TypeAlias

from rich.cells import cell_len
from rich.text import Text

from ...i18n import _, ngettext

Part: TypeAlias = tuple[str, str, int]
"""(text, Rich style name or ``""``, rank)."""
GAP = "  "


def line_count(shown: int, loaded: int, total: int | None, *, filtering: bool) -> str:
    """``500 lines``; ``500 of 2206 lines`` while pages are not loaded (``total``: lines in all pages,
    getJobLogDetails ``totalRows``, IPS_JOBS_API.md §4.4); ``12 of 500 lines`` with a severity
    filter (``shown`` of ``loaded``), ``12 of 500 lines, 2206 in all``."""
    more = total is not None and total > loaded
    if filtering:
        count = ngettext("{shown} of {count} line", "{shown} of {count} lines", loaded).format(
            shown=shown, count=loaded)
        return _("{count}, {total} in all").format(count=count, total=total) if more else count
    if more:
        return ngettext("{count} of {total} line", "{count} of {total} lines", total or 0).format(
            count=loaded, total=total)
    return ngettext("{count} line", "{count} lines", loaded).format(count=loaded)


def fit(parts: list[Part], width: int) -> Text:
    """``parts`` joined by two spaces in at most ``width`` cells (0: no limit), dropping by rank."""
    parts = list(parts)
    while width and len(parts) > 1 and cell_len(GAP.join(p[0] for p in parts)) > width:
        worst = max(range(len(parts)), key=lambda i: (parts[i][2], i))
        if parts[worst][2] == 0:
            break
        del parts[worst]
    text = Text(end="", no_wrap=True, overflow="ellipsis")
    for i, (words, style, _rank) in enumerate(parts):
        if i:
            text.append(GAP)
        text.append(words, style=style or None)
    if width:  # cut here: the title's row would move a long word without spaces (Chinese) to a row not shown
        text.truncate(width, overflow="ellipsis")
    return text
