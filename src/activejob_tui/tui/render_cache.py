"""Textual's cache of ANSI codes per style, kept from growing with the log pane's repaints (issue 9).

Textual renders each style of a frame to ANSI codes through ``Strip.render_ansi``, a class-wide
``lru_cache`` of 16,384 styles, keyed by the style's value. A screen of tables and panels uses a few
hundred values, so the cache stays small. The log pane does not: Textual's ``Log`` gives every segment
of a line it draws a style that carries the segment's offset (``Strip.apply_offsets``:
``Style.from_meta({"offset": (x, y)})``, ``y`` the line's index in the log), so each new line of a log
that grows brings new style values — the selected job's progress lines, every poll. None of them is
needed again once the line scrolled away or the job was left, yet the cache keeps them, each with its
meta, its codes and the true-colour style it was made from. On the 17-job demo: ~120 new styles a
minute for the first 15 minutes (2,105 at 20 minutes, still rising); along this path tracemalloc counted
+0.6 MiB of live Python objects between minutes 5 and 10.

:func:`bound` empties the cache once it holds more than :data:`KEPT` styles; the styles on screen are
rendered again on the next frame (a few microseconds each). The heap policy calls it once a minute
(``tui/heap.py``). Only the cache's public ``functools`` interface is used.
"""

from __future__ import annotations

from textual.strip import Strip

KEPT = 512
"""Styles the cache may hold before it is emptied: the demo console's screens use under 100, so the cache
is emptied every few minutes there (~120 new log-line styles a minute); a screen of more distinct styles
than this has them rendered again once a minute, a millisecond or two."""


def size() -> int:
    """Styles in Textual's ANSI cache now."""
    return Strip.render_ansi.cache_info().currsize


def bound(kept: int | None = None) -> bool:
    """Empty Textual's ANSI cache if it holds more than ``kept`` styles (default :data:`KEPT`); True when
    it was emptied."""
    if size() <= (KEPT if kept is None else kept):
        return False
    Strip.render_ansi.cache_clear()
    return True
