"""The console's collector policy: freeze after each poll, a full collection at most every N seconds."""

from __future__ import annotations

import gc
import weakref

from activejob_tui.tui.heap import QuietCollector

from .helpers import make_app


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_frozen_cycles_wait_for_the_scheduled_full_collection():
    now = [0.0]
    heap = QuietCollector(full_every=600, clock=lambda: now[0])
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
        QuietCollector.release()
    assert gc.get_freeze_count() == 0


async def test_the_console_freezes_after_polls_and_releases_when_it_closes():
    app, _ = make_app()
    async with app.run_test() as pilot:
        while app.poller is None or app.poller.polls < 1:
            await pilot.pause(0.02)
        await pilot.pause(0.05)
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


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
