"""The start-up step of the collector policy (``QuietCollector.after_start``): once, on the first poll
on screen, what start-up left behind is collected and its pages given back; never again after."""

from __future__ import annotations

import gc
import weakref

import pytest

from activejob_tui.ips import trim
from activejob_tui.tui.heap import QuietCollector, tracked_objects


class Cycle:
    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def collector_off():
    """The automatic collector off, so that only the policy collects."""
    was = gc.isenabled()
    gc.disable()
    yield
    if was:
        gc.enable()


def test_the_first_poll_collects_what_start_up_left_and_only_the_first(collector_off):
    heap = QuietCollector(large=tracked_objects() * 10)  # a small heap: the normal policy
    left = Cycle()
    start_up_garbage = weakref.ref(left)
    del left
    heap.after_poll()
    assert heap.started and start_up_garbage() is None
    left = Cycle()
    later_garbage = weakref.ref(left)
    del left
    heap.after_poll()
    assert later_garbage() is not None  # the normal policy leaves the collector alone
    assert not heap.quiet and gc.get_freeze_count() == 0  # and nothing was frozen at start-up
    gc.collect()
    assert later_garbage() is None


@pytest.mark.skipif(not trim.available(), reason="needs glibc's malloc_trim")
def test_the_first_poll_gives_the_freed_pages_back_and_later_ones_do_not(collector_off):
    heap = QuietCollector(large=tracked_objects() * 10)
    trim.last_seconds = 0.0
    heap.after_poll()
    assert trim.last_seconds > 0
    trim.last_seconds = 0.0
    heap.after_poll()
    assert trim.last_seconds == 0.0
