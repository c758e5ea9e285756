"""Textual's ANSI cache per style, bounded by the heap policy (issue 9): the log pane's repaints fill it
with styles it never hits again (``tui/render_cache.py``)."""

from __future__ import annotations

from rich.color import ColorSystem
from rich.style import Style
from textual.strip import Strip

from activejob_tui.tui import heap, render_cache
from activejob_tui.tui.heap import QuietCollector


def render_offset_styles(count: int, first: int) -> None:
    """Render ``count`` segments as ``Log`` draws its lines: each style combined with a new offset style."""
    base = Style(color="red", bgcolor="black")
    for x in range(first, first + count):
        Strip.render_style(base + Style.from_meta({"offset": (x, 0)}), "text", ColorSystem.TRUECOLOR)


OFFSETS = iter(range(10**6, 10**7))
"""Offsets no other test draws: each call below makes style values new to the process."""


def test_each_new_offset_is_a_new_entry_of_the_cache():
    """Why the bound is needed: a log that grows draws lines at new offsets, each a new style value."""
    Strip.render_ansi.cache_clear()
    first = next(OFFSETS) * 100
    render_offset_styles(50, first)
    render_offset_styles(50, first)  # the same offsets again: the same values, no new entries
    assert render_cache.size() == 50
    render_offset_styles(50, first + 50)
    assert render_cache.size() == 100


def test_a_cache_over_the_bound_is_emptied_and_one_under_it_is_kept():
    Strip.render_ansi.cache_clear()
    first = next(OFFSETS) * 100
    render_offset_styles(30, first)
    assert render_cache.bound(kept=30) is False and render_cache.size() == 30
    render_offset_styles(1, first + 30)
    assert render_cache.bound(kept=30) is True and render_cache.size() == 0
    render_offset_styles(5, first + 31)  # rendering goes on: the styles are cached again
    assert render_cache.size() == 5


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_heap_policy_tidies_on_the_first_poll_and_once_an_interval_passed(monkeypatch):
    monkeypatch.setattr(render_cache, "KEPT", 10)
    trims: list[bool] = []
    monkeypatch.setattr(heap.trim, "trim_now", lambda: trims.append(True) or True)
    clock = Clock()
    collector = QuietCollector(clock=clock, tidy_every=60.0, pause_budget=None, large=10**9)
    Strip.render_ansi.cache_clear()
    render_offset_styles(20, next(OFFSETS) * 100)
    collector.after_poll(jobs=17)  # the first poll: the connection's garbage goes at once
    assert collector.tidies == 1 and render_cache.size() == 0 and trims == [True]
    render_offset_styles(20, next(OFFSETS) * 100)
    clock.now += 59.0
    collector.after_poll(jobs=17)
    assert collector.tidies == 1 and render_cache.size() == 20 and trims == [True]
    clock.now += 1.0
    collector.after_poll(jobs=17)
    assert collector.tidies == 2 and render_cache.size() == 0 and trims == [True, True]
    render_offset_styles(20, next(OFFSETS) * 100)
    clock.now += 30.0
    collector.after_poll(jobs=17)  # half an interval later: nothing
    assert collector.tidies == 2 and render_cache.size() == 20
    clock.now += 30.0
    collector.after_poll(jobs=17)
    assert collector.tidies == 3 and render_cache.size() == 0 and trims == [True, True, True]
