"""The poller on its own: no app, messages collected in a list."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from activejob_tui.ips.errors import IpsConnectionError, IpsError
from activejob_tui.poller import (
    MAX_BACKOFF,
    Poller,
    PollFailed,
    PollStarted,
    SnapshotApplied,
    View,
    backoff_delay,
)

from .fakes import NOW, FakeSource, fixed_clock, make_active


def collect(source, **kwargs):
    messages: list = []
    poller = Poller(source, messages.append, now=fixed_clock(), rng=lambda: 0.5, **kwargs)
    return poller, messages


def of(messages, kind):
    return [m for m in messages if isinstance(m, kind)]


async def eventually(predicate, timeout: float = 5.0) -> None:
    """Yield to the loop until ``predicate()`` holds; fail after ``timeout`` seconds."""
    async def wait() -> None:
        while not predicate():
            await asyncio.sleep(0.01)

    try:
        await asyncio.wait_for(wait(), timeout)
    except TimeoutError:
        raise AssertionError(f"not true within {timeout} s: {predicate.__doc__ or predicate}") from None


async def test_first_poll_adds_everything_then_only_changes():
    source = FakeSource(make_active(5))
    poller, messages = collect(source)
    await poller.poll_once()
    first = of(messages, SnapshotApplied)[-1]
    assert first.first and len(first.diff.added) == 5 and first.at == NOW
    key = "j|00001"
    source.active[key] = replace(source.active[key], progress=77)
    del source.active["j|00002"]
    await poller.poll_once()
    second = of(messages, SnapshotApplied)[-1]
    assert not second.first
    assert [new.job_handle for _, new in second.diff.changed] == [key]
    assert [g.job_handle for g in second.diff.gone] == ["j|00002"]
    assert not second.diff.added


async def test_failure_keeps_snapshot_backs_off_and_recovers():
    source = FakeSource(make_active(3))
    poller, messages = collect(source, interval=2.0)
    await poller.poll_once()
    source.fail = IpsConnectionError("The server refused the connection.")
    delays = [await poller.poll_once() for _ in range(8)]
    failures = of(messages, PollFailed)
    assert [f.failures for f in failures] == list(range(1, 9))
    assert all(f.stale_since == NOW for f in failures)
    assert delays[:4] == [2.0, 4.0, 8.0, 16.0]  # jitter 0.5 → factor 1.0
    assert max(delays) <= MAX_BACKOFF and delays[-1] == MAX_BACKOFF
    assert str(failures[0].error) == "The server refused the connection."
    assert len(poller.snapshot(View.ACTIVE)) == 3  # the last good data is kept
    source.fail = None
    assert await poller.poll_once() == 2.0
    assert poller.failures == 0 and poller.stale_since is None
    assert of(messages, SnapshotApplied)[-1].diff.is_empty


def test_backoff_jitter_bounds():
    for failures in range(1, 12):
        low = backoff_delay(2.0, failures, rng=lambda: 0.0)
        high = backoff_delay(2.0, failures, rng=lambda: 0.999)
        assert 0 < low <= high <= MAX_BACKOFF


async def test_unexpected_exception_is_reported_as_an_ips_error():
    source = FakeSource(make_active(1))
    source.fail = RuntimeError("bug")  # type: ignore[assignment]
    poller, messages = collect(source)
    await poller.poll_once()
    failed = of(messages, PollFailed)[0]
    assert isinstance(failed.error, IpsError) and "unexpected error" in str(failed.error)


async def test_polls_never_overlap_and_poll_now_wakes_the_loop():
    source = FakeSource(make_active(2), delay=0.05)
    in_flight = 0
    overlaps = 0
    original = source.active_jobs

    async def counted():
        nonlocal in_flight, overlaps
        in_flight += 1
        overlaps += in_flight > 1
        try:
            return await original()
        finally:
            in_flight -= 1

    source.active_jobs = counted  # type: ignore[method-assign]
    poller, messages = collect(source, interval=10.0)
    task = asyncio.create_task(poller.run())
    await eventually(lambda: of(messages, SnapshotApplied))
    assert poller.polls == 1  # then it waits its 10 s interval
    for _ in range(5):
        poller.poll_now()  # a burst of ctrl+r: at most one poll at a time
    await eventually(lambda: len(of(messages, SnapshotApplied)) >= 2)
    assert poller.polls >= 2 and overlaps == 0
    poller.stop()
    await asyncio.wait_for(task, 1)
    assert of(messages, PollStarted)


async def test_switching_view_discards_the_poll_in_flight():
    source = FakeSource(make_active(2), delay=0.1)
    poller, messages = collect(source, interval=10.0)
    task = asyncio.create_task(poller.run())
    await eventually(lambda: of(messages, PollStarted))
    poller.set_view(View.SCHEDULED)  # while the active poll is out (it takes 0.1 s)
    await eventually(lambda: of(messages, SnapshotApplied))
    assert poller.polls == 2  # polls never overlap: the discarded active poll came back before this one went out
    applied = of(messages, SnapshotApplied)
    assert [m.view for m in applied] == [View.SCHEDULED]
    assert applied[0].first and len(applied[0].diff.added) == len(source.scheduled)
    poller.set_view(View.FINISHED)
    await eventually(lambda: of(messages, SnapshotApplied)[-1].view is View.FINISHED)
    poller.stop()
    await asyncio.wait_for(task, 1)
