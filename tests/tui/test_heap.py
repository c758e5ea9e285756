"""The console's collector policy: left alone on small heaps, quiet (freeze after polls) once a full
collection stalls the loop, never a full collection on close."""

from __future__ import annotations

import gc
import weakref
from dataclasses import replace

from activejob_tui.tui.heap import FULL_PAUSES, QuietCollector, tracked_objects

from .fakes import FakeSource, make_active
from .helpers import make_app, settle


class Cycle:
    def __init__(self) -> None:
        self.me = self


def quiet_heap(**kwargs) -> QuietCollector:
    """A collector for which every heap is large (``large=0``): quiet from the first poll.

    The tests that expect a heap left alone set ``pause_budget=None``: pytest's own heap is big
    enough that its full collections may pass the budget."""
    return QuietCollector(large=0, **kwargs)


def test_a_small_heap_freezes_nothing_and_cycles_are_collected():
    heap = QuietCollector(large=tracked_objects() * 10, pause_budget=None)
    garbage = Cycle()
    alive = weakref.ref(garbage)
    heap.after_poll()
    assert not heap.quiet and gc.get_freeze_count() == 0
    del garbage
    gc.collect()
    assert alive() is None


def test_a_large_heap_is_frozen_after_a_poll_and_close_unfreezes():
    heap = quiet_heap()
    try:
        heap.after_poll()
        assert heap.quiet and gc.get_freeze_count() > 0
    finally:
        heap.close()
    assert gc.get_freeze_count() == 0


def test_quiet_mode_collects_what_the_poll_dropped_before_freezing():
    heap = quiet_heap()
    try:
        garbage = Cycle()
        alive = weakref.ref(garbage)
        del garbage  # a cycle dropped before the poll ended: it must not be frozen
        heap.after_poll()
        assert alive() is None
    finally:
        heap.close()


def test_frozen_cycles_wait_for_the_scheduled_full_collection():
    now = [0.0]
    heap = quiet_heap(full_every=600, clock=lambda: now[0])
    try:
        garbage = Cycle()
        alive = weakref.ref(garbage)
        heap.after_poll()
        assert gc.get_freeze_count() > 0
        del garbage
        gc.collect()  # what an automatic collection would do: frozen objects are not scanned
        assert alive() is not None
        now[0] = 599
        heap.after_poll()
        assert heap.full_collections == 0 and alive() is not None
        now[0] = 600
        heap.after_poll()
        assert heap.full_collections == 1 and heap.last_full == 600
        assert alive() is None  # the scheduled full collection reclaimed the cycle
    finally:
        heap.close()
    assert gc.get_freeze_count() == 0


def test_after_turning_quiet_a_poll_freezes_again_only_past_the_batch():
    """Issue 9: freezing after every poll froze what was on screen then (Textual's row strips, cycles
    redrawn every second), so each freeze made garbage that stayed until the scheduled full collection.
    A poll that left fewer than ``freeze_batch`` objects outside the frozen part freezes nothing: a
    cycle made and dropped between polls goes with an ordinary collection."""
    heap = quiet_heap(full_every=3600, freeze_batch=50_000)
    try:
        heap.after_poll()  # turns quiet: the heap is frozen
        frozen = gc.get_freeze_count()
        assert heap.quiet and frozen > 0
        garbage = Cycle()
        alive = weakref.ref(garbage)
        heap.after_poll()  # a few objects new since: nothing frozen
        assert gc.get_freeze_count() == frozen
        del garbage
        gc.collect()  # an automatic collection: the cycle was never frozen
        assert alive() is None
        grown = [Cycle() for _ in range(60_000)]  # a poll that brought many objects (thousands of jobs)
        heap.after_poll()
        assert gc.get_freeze_count() >= frozen + 60_000
        del grown
    finally:
        heap.close()


def test_a_heap_that_shrank_is_released_and_left_alone():
    heap = quiet_heap()
    try:
        garbage = Cycle()
        alive = weakref.ref(garbage)
        heap.after_poll()
        del garbage  # frozen, then dropped
        heap.large = tracked_objects() * 10  # the operator switched to a view with few jobs
        heap.pause_budget = None  # (the test process's own heap is slow to collect)
        heap.after_poll()
        assert not heap.quiet and gc.get_freeze_count() == 0 and alive() is None
    finally:
        heap.close()


async def test_a_small_console_freezes_nothing_so_its_dropped_cycles_are_collected():
    """The 17-job demo grew 80 → 300 MiB in 20 minutes when every poll froze Textual's dropped render
    caches (rings of lists). With a small list nothing is ever frozen, so a cycle dropped while the
    console polls is reclaimed by an ordinary collection."""
    source = FakeSource(make_active(17))
    app, _ = make_app(source)
    # the pytest process holds far more than the console: the threshold counts from what it holds
    app.heap.large = tracked_objects() + 300_000
    app.heap.pause_budget = None  # and its full collections are slow for the same reason
    async with app.run_test(size=(160, 48)) as pilot:
        garbage = Cycle()
        alive = weakref.ref(garbage)
        for poll in range(20):
            key = list(source.active)[poll % 17]
            source.active[key] = replace(source.active[key], progress=(poll * 7) % 100)
            await settle(pilot, app)
            assert gc.get_freeze_count() == 0 and not app.heap.quiet
            if poll == 5:
                del garbage
        gc.collect()
        assert alive() is None


def test_the_collector_is_paused_inside_and_restored_after():
    heap = QuietCollector()
    assert gc.isenabled()
    with heap.paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with heap.paused():
            pass
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()


async def test_the_poller_fetches_with_the_collector_paused():
    from .fakes import FakeSource

    seen: list[bool] = []

    class Probe(FakeSource):
        async def active_jobs(self):
            seen.append(gc.isenabled())
            return await super().active_jobs()

    app, source = make_app(Probe())
    async with app.run_test(size=(120, 30)) as pilot:
        while not seen:
            await pilot.pause(0.02)
    assert seen[0] is False and gc.isenabled()


def test_the_heap_is_counted_again_only_when_the_jobs_moved_or_time_passed():
    """Counting a million objects costs as much as applying a poll: a steady job count is not recounted."""
    now = [0.0]
    heap = QuietCollector(large=tracked_objects() * 10, clock=lambda: now[0], recount_every=60, pause_budget=None)
    try:
        heap.after_poll(jobs=10_000)
        assert heap.counts == 1
        for step in range(1, 6):
            now[0] = step
            heap.after_poll(jobs=10_000 + 50 * step)  # 5 % churn: the same heap
        assert heap.counts == 1
        heap.after_poll(jobs=12_500)  # a quarter more jobs: the heap may have crossed ``large``
        assert heap.counts == 2
        now[0] = 70.0
        heap.after_poll(jobs=12_500)  # a minute later: counted again whatever the jobs did
        assert heap.counts == 3
        heap.after_poll()  # the job count unknown: always counted
        assert heap.counts == 4
    finally:
        heap.close()


def test_a_heap_that_grew_with_the_jobs_turns_quiet_at_the_next_count():
    # garbage left by earlier tests of this worker is collected first: counted in the baseline and then
    # freed by an automatic collection while the 250,000 objects are made, it hid their growth (CI: False)
    gc.collect()
    heap = QuietCollector(large=tracked_objects() + 200_000, pause_budget=None)
    try:
        heap.after_poll(jobs=17)
        assert not heap.quiet
        grown = [Cycle() for _ in range(250_000)]  # what ~20,000 more jobs would hold
        heap.after_poll(jobs=17)  # the same job count: the verdict stands, nothing is counted
        assert not heap.quiet and heap.counts == 1
        heap.after_poll(jobs=20_017)
        assert heap.quiet and heap.counts == 2 and gc.get_freeze_count() > 0
        del grown
    finally:
        heap.close()


def test_a_slow_full_collection_makes_a_heap_below_large_quiet():
    """On a slow or busy machine a full collection stalls the loop long before ``large`` objects: a
    whole-heap full collection measured over the budget is enough."""
    heap = QuietCollector(large=tracked_objects() * 10, pause_budget=1e-9)
    try:
        gc.collect()  # nothing frozen: a whole-heap collection, timed by the module's callback
        assert FULL_PAUSES.last > 0
        heap.after_poll(jobs=17)
        assert heap.quiet and gc.get_freeze_count() > 0
        heap.pause_budget = 3600.0  # the scheduled full collection measures again: quick → normal
        heap.release()
        heap.after_poll(jobs=17)
        assert not heap.quiet and gc.get_freeze_count() == 0
    finally:
        heap.close()


def test_collections_that_skip_frozen_objects_are_not_timed():
    heap = QuietCollector(large=0)
    try:
        heap.after_poll()
        assert gc.get_freeze_count() > 0
        FULL_PAUSES.last = 0.0
        gc.collect()  # scans only what is not frozen: says nothing about a full collection's pause
        assert FULL_PAUSES.last == 0.0
    finally:
        heap.close()
