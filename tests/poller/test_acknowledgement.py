"""The console acknowledges each snapshot it has put on screen (``Poller.applied``) and the next poll waits
for that — but never for ever, and never for a snapshot that was not posted (issue 16: survivors of the
mutation run over ``poller.py``). In-memory sources; the poller's loop is the real one."""

from __future__ import annotations

import asyncio

from activejob_tui import poller as poller_module
from activejob_tui.poller import Poller, PollStarted, SnapshotApplied, View


class Counting:
    """A source that answers at once with no jobs, counting the calls per view."""

    def __init__(self) -> None:
        self.calls = {View.ACTIVE: 0, View.SCHEDULED: 0}
        self.release = asyncio.Event()
        self.release.set()

    async def active_jobs(self) -> list:
        self.calls[View.ACTIVE] += 1
        await self.release.wait()
        return []

    async def scheduled_jobs(self) -> list:
        self.calls[View.SCHEDULED] += 1
        return []


async def until(condition, seconds: float = 10) -> None:
    async with asyncio.timeout(seconds):
        while not condition():
            await asyncio.sleep(0.01)


async def test_an_acknowledgement_that_never_comes_holds_the_next_poll_only_so_long(monkeypatch) -> None:
    """A console that never acknowledges (busy, or a bug) still gets its polls: each after APPLY_TIMEOUT."""
    monkeypatch.setattr(poller_module, "APPLY_TIMEOUT", 0.2)
    source = Counting()
    posted: list = []
    poller = Poller(source, posted.append, interval=0.01, acknowledged=True)  # type: ignore[arg-type]
    task = asyncio.create_task(poller.run())
    try:
        await until(lambda: source.calls[View.ACTIVE] >= 3 or task.done())
        assert not task.done(), task.exception() if task.done() else None
    finally:
        poller.stop()
        poller.applied()
        await asyncio.wait_for(task, 5)


async def test_a_view_switched_during_a_poll_is_polled_at_once_without_an_acknowledgement(monkeypatch) -> None:
    """The poll that was out when the view changed posts no snapshot, so there is nothing to acknowledge:
    the new view is polled at once, not after the acknowledgement's timeout."""
    monkeypatch.setattr(poller_module, "APPLY_TIMEOUT", 3600.0)
    source = Counting()
    source.release.clear()  # the first poll of the active view stays out
    posted: list = []
    poller = Poller(source, posted.append, interval=0.01, acknowledged=True)  # type: ignore[arg-type]
    task = asyncio.create_task(poller.run())
    try:
        await until(lambda: source.calls[View.ACTIVE] == 1)
        poller.set_view(View.SCHEDULED)
        source.release.set()
        await until(lambda: source.calls[View.SCHEDULED] == 1)
        assert PollStarted(View.SCHEDULED) in posted
    finally:
        poller.stop()
        poller.applied()
        await asyncio.wait_for(task, 5)


async def test_the_time_the_console_took_to_apply_counts_against_the_interval() -> None:
    """The interval runs from the poll, not from the acknowledgement: a console that took the whole interval
    to put the snapshot on screen gets the next poll at once, and ``apply_took`` says how long it took (by
    the poller's own clock, here one the test moves)."""
    now = [1000.0]
    source = Counting()
    posted: list = []
    poller = Poller(source, posted.append, interval=60.0, acknowledged=True,  # type: ignore[arg-type]
                    clock=lambda: now[0])
    task = asyncio.create_task(poller.run())
    try:
        await until(lambda: any(isinstance(r, SnapshotApplied) for r in posted))
        now[0] += 60.0  # the console took the whole interval to apply it
        poller.applied()
        await until(lambda: source.calls[View.ACTIVE] == 2)  # at once: not another 60 s (nor 120)
        assert poller.apply_took == 60.0
    finally:
        poller.stop()
        poller.applied()
        await asyncio.wait_for(task, 5)


async def test_a_poller_nobody_acknowledges_says_applying_took_nothing() -> None:
    source = Counting()
    poller = Poller(source, [].append, interval=0.01)  # type: ignore[arg-type]
    task = asyncio.create_task(poller.run())
    try:
        await until(lambda: source.calls[View.ACTIVE] >= 2)
        assert poller.apply_took == 0.0
    finally:
        poller.stop()
        await asyncio.wait_for(task, 5)


async def test_after_an_apply_longer_than_the_interval_the_next_poll_does_not_wait_a_second_more() -> None:
    """A console that took longer than the interval to apply a snapshot is already late: the next poll starts
    on the acknowledgement, with no further wait (not a one-second floor). The interval and the apply time are
    on the poller's clock, which the test moves; the gap is measured on the event loop's."""
    now = [1000.0]
    loop = asyncio.get_running_loop()
    started: list[float] = []
    source = Counting()
    original = source.active_jobs

    async def timed() -> list:
        started.append(loop.time())
        return await original()

    source.active_jobs = timed  # type: ignore[method-assign]
    poller = Poller(source, [].append, interval=60.0, acknowledged=True,  # type: ignore[arg-type]
                    clock=lambda: now[0])
    task = asyncio.create_task(poller.run())
    try:
        await until(lambda: poller.polls == 1)
        await asyncio.sleep(0.05)  # the poller now waits for the acknowledgement
        now[0] += 90.0  # the console took one and a half intervals
        acknowledged = loop.time()
        poller.applied()
        await until(lambda: len(started) == 2)
        assert started[1] - acknowledged < 0.9, started[1] - acknowledged
    finally:
        poller.stop()
        poller.applied()
        await asyncio.wait_for(task, 5)
