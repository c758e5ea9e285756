"""Keep CPython's full garbage collections off the poll path.

With 10,000 jobs on screen the heap holds about a million objects, and a full (generation 2)
collection stalls the event loop for 200–400 ms; one fell inside every few polls (benchmarks/ui.py:
poll apply p95 253 ms, every slow sample a full collection). So after each applied poll the
survivors move to the permanent generation (``gc.freeze``, O(1)) and automatic collections scan only
what is new. Memory is still freed by reference counting as jobs are replaced; only reference
cycles among frozen objects (a dismissed dialog, say) wait for the full collection taken every
``full_every`` seconds, and for :meth:`release` when the console closes.

This is the one place the console's garbage-collector policy lives: the poller enters
:meth:`QuietCollector.paused` around each fetch (the decode of a big answer builds hundreds of
thousands of objects that all survive, so collecting while it runs is wasted work), and the screen
calls :meth:`QuietCollector.after_poll` once the poll is on screen.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class QuietCollector:
    def __init__(self, full_every: float = 600.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.full_every = full_every
        self.clock = clock
        self.last_full = clock()
        self.full_collections = 0

    def after_poll(self) -> None:
        """Freeze what survived this poll; at most once per ``full_every``, collect everything first."""
        now = self.clock()
        if now - self.last_full >= self.full_every:
            self.release()
            self.last_full = now
            self.full_collections += 1
        gc.freeze()

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
        gc.collect()
