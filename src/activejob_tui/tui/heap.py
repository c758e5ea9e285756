"""Keep CPython's full garbage collections off the poll path, without keeping garbage.

With 10,000 jobs on screen the heap holds about a million objects, and a full (generation 2)
collection stalls the event loop for 200–400 ms (benchmarks/ui.py: every slow poll-apply sample was
one). Freezing the survivors after each poll (``gc.freeze``) takes them out of every later
collection. But freezing has a price: a reference cycle that becomes garbage after it was frozen
stays until the next full collection — and the console makes such cycles all the time (Textual's
LRU render caches are rings of lists, dropped whole on every table update). Frozen after every poll
of the 17-job demo, they grew the console from 80 to 300 MiB in 20 minutes, and the full collection
on close then took seconds with a blank screen.

So the policy depends on the size of the heap, and this module is its one owner:

- **normal**, below ``large`` tracked objects (the demo's heap is ~120,000) and while a full
  collection of the whole heap takes less than ``pause_budget``: the collector is left alone. A full
  collection takes a few tens of milliseconds and CPython's schedule keeps memory flat.
- **quiet**, from ``large`` objects on (~3,000 jobs), or once a full collection of the whole heap
  (nothing frozen) was measured to take ``pause_budget`` or more — on a slow or busy machine that
  happens well below ``large`` (10,000 generated jobs, 180,000 objects: 130–155 ms a full
  collection at load ~3 on 2 cores, the p95 of a poll's apply): after each poll, a collection of
  what is not frozen (cheap: only what the last poll made) and then a freeze; every ``full_every``
  seconds everything is handed back and collected, which bounds what frozen cycles can hold (and
  measures the pause again, so a heap that became small goes back to normal).

  Only a poll that left ``freeze_batch`` or more objects outside the frozen part freezes again
  (issue 9): the rest is left to the collector, whose automatic collections then scan only what is
  not frozen (at most ``freeze_batch`` objects, a few milliseconds). Freezing after every poll froze
  what was on screen at that moment — Textual's strips of the job rows, which are cycles (a strip
  caches itself) and are redrawn every second because relative times age — so each freeze turned
  them into garbage kept until the next full collection: the 17-job demo, quiet on a busy machine,
  held ~36,000 such objects a minute (+5 MiB at two minutes). With 10,000 jobs a poll leaves more
  than the batch (its changed jobs), so it freezes after each poll as before.

Counting the heap is not free either (walking a million tracked objects takes ~65 ms, as long as
the rest of a poll's apply), so it is counted only when it may have crossed ``large``: on the first
poll, when the number of jobs moved by more than a fifth (or ``recount_jobs``) since the last count,
and at least every ``recount_every`` seconds. Between counts the heap is taken to be the size it was
last counted at, which it is while the job count holds (the console's heap grows with its jobs).

After the first poll and then once a minute it also tidies (issue 9): Textual's ANSI cache per style is bounded
(``tui/render_cache.py``: the log pane's line styles filled it for hours) and glibc's ``malloc_trim``
gives the C heap's free pages back (``ips/trim.py``; a few milliseconds).

Closing never collects: :meth:`close` unfreezes (O(1)) and leaves the rest to the collector, so ``q``
is not held up by a full collection.

It is also where the poller pauses the collector: :meth:`QuietCollector.paused` around each fetch
(the decode of a big answer builds hundreds of thousands of objects that all survive, so collecting
while it runs is wasted work), and the screen calls :meth:`QuietCollector.after_poll` once the poll is
on screen.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from ..ips import trim
from . import render_cache

LARGE_HEAP = 400_000
"""Tracked objects from which a full collection stalls the loop visibly (~130 ms on this project's
reference machine: 0.3 µs an object)."""


PAUSE_BUDGET = 0.030
"""Seconds: a full collection of the whole heap longer than this is a visible stall (two frames and
more); once one was measured, the policy is quiet whatever the count."""


class _FullPauses:
    """Times every full (generation 2) collection that scanned the whole heap (nothing frozen), in
    whichever thread it ran: the module's one ``gc.callbacks`` entry, installed at import.

    Whether anything is frozen is the flag :class:`QuietCollector` keeps (``frozen``), not
    ``gc.get_freeze_count()``, which walks the frozen objects (58 ms at 10,000 jobs)."""

    def __init__(self) -> None:
        self.last = 0.0
        """Seconds the last whole-heap full collection took (0 before the first)."""
        self.frozen = False
        """Whether this module froze objects that are not handed back yet."""
        self._started: float | None = None

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if info.get("generation") != 2:
            return
        if phase == "start":
            self._started = None if self.frozen else time.perf_counter()
        elif self._started is not None:
            self.last = time.perf_counter() - self._started
            self._started = None


FULL_PAUSES = _FullPauses()
gc.callbacks.append(FULL_PAUSES)


FREEZE_BATCH = 40_000
"""Objects outside the frozen part from which a quiet poll freezes them: a collection of this many takes
~13 ms at this project's 0.33 µs an object, under half of :data:`PAUSE_BUDGET`."""


TIDY_EVERY = 60.0
"""Seconds between two tidy-ups after a poll: Textual's ANSI cache bounded (``tui/render_cache.py``),
then the C heap trimmed (glibc's ``malloc_trim``, ``ips/trim.py``)."""


RECOUNT_EVERY = 60.0
"""Seconds: the heap is counted at least this often while the job count holds."""

RECOUNT_JOBS = 1_000
"""A change of this many jobs (or a fifth of them, whichever is more) since the last count recounts."""


def tracked_objects() -> int:
    """Objects the collector tracks, frozen ones included (a C-speed walk: ~3 ms per 100,000)."""
    return len(gc.get_objects()) + gc.get_freeze_count()


def unfrozen_objects() -> int:
    """Tracked objects outside the frozen part (a walk of those only: cheap while they are few)."""
    return sum(len(gc.get_objects(generation)) for generation in range(3))


class QuietCollector:
    """The console's garbage-collection policy (see the module docstring).

    ``large``: tracked objects from which the policy is quiet. ``pause_budget``: seconds a full
    collection of the whole heap may take before the policy is quiet anyway (``None``: count only).
    ``full_every``: seconds between full collections while quiet. ``freeze_batch``: objects outside the
    frozen part from which a quiet poll freezes them. ``recount_every``: seconds between two counts of the heap while the job
    count holds. ``clock``: monotonic seconds, for tests.
    """

    def __init__(self, full_every: float = 120.0, large: int = LARGE_HEAP,
                 clock: Callable[[], float] = time.monotonic, recount_every: float = RECOUNT_EVERY,
                 pause_budget: float | None = PAUSE_BUDGET, freeze_batch: int = FREEZE_BATCH,
                 tidy_every: float = TIDY_EVERY) -> None:
        self.full_every = full_every
        self.tidy_every = tidy_every
        self.last_tidy: float | None = None
        """When the last tidy-up ran (``None``: not yet; the first poll tidies, after the connection's
        WSDL parse left its garbage in the C heap)."""
        self.tidies = 0
        """How many tidy-ups ran after a poll, for tests and benchmarks."""
        self.freeze_batch = freeze_batch
        self.large = large
        self.pause_budget = pause_budget
        self.clock = clock
        self.recount_every = recount_every
        self.quiet = False
        self.last_full = clock()
        self.full_collections = 0
        self.counts = 0
        """How many times the heap was counted (tracked objects), for tests and benchmarks."""
        self.last_count: int | None = None
        self._counted_at = 0.0
        self._counted_jobs: int | None = None

    def _heap_is_large(self, jobs: int | None) -> bool:
        """Whether the heap is ``large``: counted when it may have changed side, else the last verdict."""
        now = self.clock()
        last = self._counted_jobs
        if (jobs is None or last is None or self.last_count is None
                or abs(jobs - last) > max(RECOUNT_JOBS, last // 5)
                or now - self._counted_at >= self.recount_every):
            self.last_count = tracked_objects()
            self.counts += 1
            self._counted_at = now
            self._counted_jobs = jobs
        return self.last_count >= self.large or self.full_collections_stall()

    def full_collections_stall(self) -> bool:
        """Whether the last full collection of the whole heap took ``pause_budget`` or more."""
        return self.pause_budget is not None and FULL_PAUSES.last >= self.pause_budget

    def after_poll(self, jobs: int | None = None) -> None:
        """Called once a poll is on screen (see :meth:`collect`); then, on the first poll and at most once
        per ``tidy_every`` seconds, Textual's ANSI cache is bounded and the C heap trimmed."""
        self.collect(jobs)
        now = self.clock()
        if self.last_tidy is None or now - self.last_tidy >= self.tidy_every:
            self.last_tidy = now
            self.tidies += 1
            render_cache.bound()
            trim.trim_now()

    def collect(self, jobs: int | None = None) -> None:
        """The collection part of :meth:`after_poll`; ``jobs``: how many jobs the console now holds (``None``:
        unknown, the heap is counted every time). Quiet: freeze the heap on turning quiet; then, at
        most once per ``full_every`` seconds, release and collect everything and freeze again; between
        those, collect what is new and freeze it only once ``freeze_batch`` objects are outside the
        frozen part. Normal: nothing (a heap that shrank below ``large`` is released once)."""
        was_quiet, self.quiet = self.quiet, self._heap_is_large(jobs)
        if not self.quiet:
            if was_quiet:
                self.release()
            return
        now = self.clock()
        if now - self.last_full >= self.full_every:
            self.release()
            self.last_full = now
            self.full_collections += 1
        elif not was_quiet or unfrozen_objects() >= self.freeze_batch:
            gc.collect(1)  # the young generations: what the last poll made (frozen objects are never scanned)
        else:
            return
        gc.freeze()
        FULL_PAUSES.frozen = True

    @contextmanager
    def paused(self) -> Iterator[None]:
        """No automatic collection inside the block (restored afterwards if it was on)."""
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            yield
        finally:
            if was_enabled:
                gc.enable()

    @staticmethod
    def release() -> None:
        """Hand every frozen object back to the collector and collect."""
        gc.unfreeze()
        FULL_PAUSES.frozen = False
        gc.collect()

    @staticmethod
    def close() -> None:
        """Unfreeze without collecting (O(1)): quitting is not held up by a full collection."""
        gc.unfreeze()
        FULL_PAUSES.frozen = False
