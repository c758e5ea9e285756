"""The poll interval adapts to load (issue 12): a slow poll stretches the wait after it, the stretch
is reported with the snapshot (the console's header says it), and quick polls bring the configured
interval back. Real sandboxes: one that answers slowly (``--chaos slow``), one that does not."""

from __future__ import annotations

import asyncio
import math

from activejob_tui.ips.client import ClientSettings, IpsClient
from activejob_tui.poller import BREATHE, SLOW_POLL, Pace, Poller, PollStarted, SnapshotApplied, paced_wait


async def open_client(sandbox) -> IpsClient:
    return await IpsClient.open(ClientSettings(wsdl=sandbox.wsdl_url_2016, user="demo@example.com",
                                               password="demo-password", company_name="Demo Company",
                                               timeout=30.0))


def test_a_quick_poll_keeps_the_interval_and_a_slow_one_stretches_it_to_whole_seconds():
    assert paced_wait(2.0, 0.3) == 2.0
    assert paced_wait(0.05, SLOW_POLL / 2) == 0.05  # a short interval is not stretched by a quick poll
    assert paced_wait(2.0, 1.2) == 2.0  # 1.8 s of breathing fits in the interval
    assert paced_wait(2.0, 4.1) == 7.0  # ceil(4.1 × 1.5)
    assert paced_wait(10.0, 4.1) == 10.0
    assert BREATHE > 1


async def test_a_slow_server_stretches_the_interval_and_a_quick_one_brings_it_back(sandbox_factory):
    slow = sandbox_factory(chaos=["slow=1.0:1.2"])  # every SOAP answer waits 1.2 s
    quick = sandbox_factory()
    posted: list = []
    client = await open_client(slow)
    await client.connect()
    poller = Poller(client, posted.append, interval=1.0)
    try:
        wait = await poller.poll_once()
        applied = posted[-1]
        assert isinstance(applied, SnapshotApplied) and applied.pace is poller.pace
        assert applied.pace.took >= 1.2 and applied.pace.stretched
        assert wait == applied.pace.wait >= 2.0 and applied.pace.interval == 1.0
        await client.close()
        client = await open_client(quick)
        await client.connect()
        poller.source = client
        wait = await poller.poll_once()
        assert wait == 1.0 and not posted[-1].pace.stretched and posted[-1].pace.took < SLOW_POLL
    finally:
        await client.close()


class Counting:
    """A source with no jobs that counts its polls (only ``active_jobs`` is asked)."""

    def __init__(self) -> None:
        self.calls = 0

    async def active_jobs(self) -> list:
        self.calls += 1
        return []


async def test_no_poll_starts_before_the_last_snapshot_is_applied():
    posted: list = []
    source = Counting()
    poller = Poller(source, posted.append, interval=0.01, acknowledged=True)  # type: ignore[arg-type]
    task = asyncio.create_task(poller.run())
    try:
        async with asyncio.timeout(5):
            while source.calls < 1 or not any(isinstance(r, SnapshotApplied) for r in posted):
                await asyncio.sleep(0.01)
        await asyncio.sleep(0.3)  # thirty intervals: still waiting for the acknowledgement
        assert source.calls == 1 and sum(isinstance(r, PollStarted) for r in posted) == 1
        poller.applied()
        async with asyncio.timeout(5):
            while source.calls < 2:
                await asyncio.sleep(0.01)
    finally:
        poller.stop()
        poller.applied()
        await asyncio.wait_for(task, 5)


async def test_a_poller_nobody_acknowledges_does_not_wait():
    posted: list = []
    source = Counting()
    poller = Poller(source, posted.append, interval=0.01)  # type: ignore[arg-type]
    task = asyncio.create_task(poller.run())
    try:
        async with asyncio.timeout(5):
            while source.calls < 5:
                await asyncio.sleep(0.01)
    finally:
        poller.stop()
        await asyncio.wait_for(task, 5)


def test_the_bounds_of_a_slow_poll_are_as_documented():
    """A poll of exactly SLOW_POLL is slow ("at least"); a stretch only when BREATHE × took is *longer* than
    the interval (equal keeps the interval, not rounded up)."""
    assert paced_wait(0.2, SLOW_POLL) == math.ceil(SLOW_POLL * BREATHE)  # 0.75 s, rounded up: 1 s
    assert paced_wait(1.5, 1.5 / BREATHE) == 1.5  # breathe == interval: the interval as configured


def test_before_its_first_poll_a_poller_paces_at_its_interval():
    poller = Poller(Counting(), [].append, interval=2.5)  # type: ignore[arg-type]
    assert poller.pace == Pace(interval=2.5, wait=2.5, took=0.0) and not poller.pace.stretched


async def test_the_pace_says_how_long_the_poll_took_to_a_tenth_of_a_second():
    """What the header shows: the fetch and decode's time by the poller's clock (here one the test moves)."""
    ticks = iter([1000.0, 1000.123])
    poller = Poller(Counting(), [].append, interval=2.0, clock=lambda: next(ticks))  # type: ignore[arg-type]
    await poller.poll_once()
    assert poller.pace == Pace(interval=2.0, wait=2.0, took=0.1)
