"""The poller's backoff, staleness and reports by value (issue 16: what mutation testing found unpinned).

A FakeSource (``tests/tui/fakes.py``) and a clock the test moves; no sandbox, no app."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta

import pytest

from activejob_tui.ips.errors import IpsConnectionError, IpsError
from activejob_tui.poller import (
    FINISHED_LIMIT,
    FINISHED_WINDOW,
    MAX_BACKOFF,
    Poller,
    PollFailed,
    PollStarted,
    SnapshotApplied,
    View,
    backoff_delay,
)
from tui.fakes import NOW, FakeSource, make_active


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self):
        return self.now

    def tick(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def poller_of(source, **kwargs):
    reports: list = []
    clock = kwargs.pop("now", Clock())
    return Poller(source, reports.append, now=clock, rng=kwargs.pop("rng", lambda: 0.5), **kwargs), reports, clock


def of(reports, kind):
    return [r for r in reports if isinstance(r, kind)]


def test_backoff_by_value():
    assert MAX_BACKOFF == 60.0
    # interval·2^(n-1), then ±25 % jitter: rng 0 → ×0.75, 0.5 → ×1, 1 → ×1.25
    assert [backoff_delay(2.0, n, rng=lambda: 0.5) for n in (1, 2, 3, 4, 5)] == [2.0, 4.0, 8.0, 16.0, 32.0]
    assert backoff_delay(2.0, 1, rng=lambda: 0.0) == 1.5
    assert backoff_delay(2.0, 1, rng=lambda: 1.0) == 2.5
    assert backoff_delay(2.0, 3, rng=lambda: 0.0) == 6.0
    assert backoff_delay(2.0, 0, rng=lambda: 0.5) == 2.0  # no failure yet: the interval
    assert backoff_delay(0.1, 1, rng=lambda: 0.5) == 0.5  # never faster than every half second
    assert backoff_delay(0.1, 2, rng=lambda: 0.5) == 1.0
    assert backoff_delay(0.5, 2, rng=lambda: 0.5) == 1.0
    # capped before the jitter (so the jitter still spreads clients at the cap) and after it
    assert backoff_delay(2.0, 10, rng=lambda: 0.0) == 45.0
    assert backoff_delay(2.0, 10, rng=lambda: 1.0) == 60.0
    assert backoff_delay(2.0, 3, rng=lambda: 0.0, cap=5.0) == 3.75
    assert backoff_delay(2.0, 3, rng=lambda: 1.0, cap=5.0) == 5.0
    assert all(1.5 <= backoff_delay(2.0, 1) <= 2.5 for _ in range(50))  # the default jitter is random


async def test_stale_since_is_the_last_good_poll_and_kept_while_failures_go_on():
    source = FakeSource(make_active(2))
    poller, reports, clock = poller_of(source, interval=3.0)
    assert poller.snapshot(View.ACTIVE) == {} and poller.stale_since is None
    assert await poller.poll_once() == 3.0
    good = clock.now
    assert poller.last_success == good and poller.polls == 1
    error = IpsConnectionError("The server refused the connection.")
    source.fail = error
    for n in (1, 2, 3):
        clock.tick(10)
        retry = await poller.poll_once()
        failed = of(reports, PollFailed)[-1]
        assert failed == PollFailed(View.ACTIVE, error, good, retry, n)
        assert retry == backoff_delay(3.0, n, rng=lambda: 0.5)
        assert poller.failures == n and poller.stale_since == good and poller.polls == 1
    source.fail = None
    clock.tick(1)
    assert await poller.poll_once() == 3.0
    assert poller.failures == 0 and poller.stale_since is None and poller.last_success == clock.now
    assert poller.polls == 2
    source.fail = error
    clock.tick(5)
    await poller.poll_once()
    assert of(reports, PollFailed)[-1].stale_since == clock.now - timedelta(seconds=5)  # the new last good poll
    assert of(reports, PollFailed)[-1].failures == 1  # counted afresh


async def test_without_a_good_poll_stale_since_is_the_first_failure():
    source = FakeSource(make_active(1))
    source.fail = IpsConnectionError("refused")
    poller, reports, clock = poller_of(source, max_backoff=7.0)
    first = clock.now
    await poller.poll_once()
    clock.tick(30)
    assert await poller.poll_once() == 4.0
    clock.tick(30)
    assert await poller.poll_once() == 7.0  # max_backoff caps it
    assert [f.stale_since for f in of(reports, PollFailed)] == [first, first, first]
    assert poller.last_success is None


async def test_an_unexpected_error_is_told_as_such_and_logged(caplog):
    source = FakeSource(make_active(1))
    source.fail = RuntimeError("bug")  # type: ignore[assignment]
    poller, reports, _ = poller_of(source)
    with caplog.at_level(logging.ERROR, logger="activejob_tui.poller"):
        await poller.poll_once()
    failed = of(reports, PollFailed)[0]
    assert type(failed.error) is IpsError and str(failed.error) == "unexpected error while polling: RuntimeError('bug')"
    assert [r.getMessage() for r in caplog.records] == ["poll of active failed unexpectedly"]
    caplog.clear()
    source.fail = IpsConnectionError("refused")
    with caplog.at_level(logging.ERROR, logger="activejob_tui.poller"):
        await poller.poll_once()
    assert caplog.records == []  # a fault of the server is not a bug: reported, not logged as one
    assert of(reports, PollFailed)[-1].error is source.fail


async def test_a_cancelled_poll_is_cancelled_not_reported():
    source = FakeSource(make_active(1))
    source.fail = asyncio.CancelledError()  # type: ignore[assignment]
    poller, reports, _ = poller_of(source)
    with pytest.raises(asyncio.CancelledError):
        await poller.poll_once()
    assert of(reports, PollFailed) == [] and poller.failures == 0


async def test_reports_in_order_and_first_per_view():
    source = FakeSource(make_active(2))
    poller, reports, clock = poller_of(source)
    await poller.poll_once()
    assert reports[0] == PollStarted(View.ACTIVE)
    applied = reports[1]
    assert type(applied) is SnapshotApplied and applied.first is True and applied.at == clock.now
    assert applied.view is View.ACTIVE and set(applied.diff.current) == set(source.active)
    assert dict(poller.snapshot(View.ACTIVE)) == dict(applied.diff.current)
    await poller.poll_once()
    assert of(reports, SnapshotApplied)[-1].first is False
    poller.set_view(View.ACTIVE)  # the same view again: nothing starts over
    await poller.poll_once()
    assert of(reports, SnapshotApplied)[-1].first is False
    poller.set_view(View.SCHEDULED)
    await poller.poll_once()
    poller.set_view(View.ACTIVE)  # back: the active view is shown afresh
    await poller.poll_once()
    last = of(reports, SnapshotApplied)[-1]
    assert last.view is View.ACTIVE and last.first is True


async def test_a_poll_of_a_view_left_meanwhile_is_not_applied():
    source = FakeSource(make_active(2))
    poller, reports, _ = poller_of(source, interval=5.0)
    original = source.active_jobs

    async def switching():
        poller.set_view(View.SCHEDULED)  # the operator switches while this poll is out
        return await original()

    source.active_jobs = switching  # type: ignore[method-assign]
    assert await poller.poll_once() == 0.0  # poll the new view at once
    assert of(reports, SnapshotApplied) == [] and poller.snapshot(View.ACTIVE) == {}
    assert poller.polls == 1 and poller.failures == 0  # the server answered: not a failure
    assert await poller.poll_once() == 5.0
    assert of(reports, SnapshotApplied)[-1].view is View.SCHEDULED


async def test_the_finished_view_asks_for_a_weeks_logs_at_most_the_limit():
    assert timedelta(days=7) == FINISHED_WINDOW and FINISHED_LIMIT == 2000
    source = FakeSource(make_active(1))
    poller, _, clock = poller_of(source, view=View.FINISHED)
    await poller.poll_once()
    assert source.log_requests == [{"start": clock.now - timedelta(days=7), "end": None, "limit": 2000,
                                    "sort_by": None, "descending": True}]


async def test_each_fetch_runs_inside_the_guard():
    events: list[str] = []
    source = FakeSource(make_active(1))
    original = source.active_jobs

    async def fetch():
        events.append("fetch")
        return await original()

    @contextlib.contextmanager
    def guard():
        events.append("enter")
        yield
        events.append("exit")

    source.active_jobs = fetch  # type: ignore[method-assign]
    poller, _, _ = poller_of(source, fetch_guard=guard)
    await poller.poll_once()
    assert events == ["enter", "fetch", "exit"]


async def test_defaults_and_stop():
    source = FakeSource(make_active(1))
    reports: list = []
    poller = Poller(source, reports.append)
    assert poller.interval == 2.0 and poller.view is View.ACTIVE and poller.max_backoff == MAX_BACKOFF
    assert await poller.poll_once() == 2.0
    stopped = Poller(source, reports.append)
    stopped.stop()
    await asyncio.wait_for(stopped.run(), 1)  # stopped before it ran: returns without polling
    assert stopped.polls == 0
    running = Poller(source, reports.append, interval=30.0)
    task = asyncio.create_task(running.run())
    while running.polls == 0:
        await asyncio.sleep(0.01)
    running.stop()  # wakes it from its 30 s wait
    await asyncio.wait_for(task, 1)
    assert running.polls == 1


async def test_the_loop_polls_again_after_its_interval_on_its_own():
    source = FakeSource(make_active(1))
    poller, _reports, _ = poller_of(source, interval=0.05)
    task = asyncio.create_task(poller.run())
    try:
        await asyncio.wait_for(_polls(poller, 3), 5)  # no poll_now: the interval alone brings the next poll
    finally:
        poller.stop()
        await asyncio.wait_for(task, 1)


async def _polls(poller: Poller, n: int) -> None:
    while poller.polls < n:
        await asyncio.sleep(0.01)


async def test_a_second_switch_while_a_poll_is_out_discards_it_too():
    source = FakeSource(make_active(2))
    poller, reports, _ = poller_of(source, interval=5.0)
    poller.set_view(View.SCHEDULED)
    original = source.scheduled_jobs

    async def switching():
        poller.set_view(View.FINISHED)  # switched again while the scheduled poll is out
        return await original()

    source.scheduled_jobs = switching  # type: ignore[method-assign]
    assert await poller.poll_once() == 0.0
    assert of(reports, SnapshotApplied) == [] and poller.snapshot(View.SCHEDULED) == {}
    assert await poller.poll_once() == 5.0
    assert [r.view for r in of(reports, SnapshotApplied)] == [View.FINISHED]
