"""Staleness: "stale since" is the time of the last good data, kept across every failed poll that
follows, and cleared by the next good poll (issue 16). A real sandbox that stops answering; a
moving clock that the poller reads through its ``now`` parameter."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from activejob_tui.ips.client import ClientSettings, IpsClient
from activejob_tui.poller import Poller, PollFailed, SnapshotApplied

T0 = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.at = T0

    def __call__(self) -> datetime:
        return self.at

    def advance(self, seconds: float) -> None:
        self.at += timedelta(seconds=seconds)


async def open_client(sandbox) -> IpsClient:
    return await IpsClient.open(ClientSettings(wsdl=sandbox.wsdl_url_2016, user="demo@example.com",
                                               password="demo-password", company_name="Demo Company",
                                               timeout=5.0))


async def test_stale_since_is_kept_from_the_last_good_poll_across_failures(sandbox_factory) -> None:
    server = sandbox_factory()
    client = await open_client(server)
    clock, posted = Clock(), []
    poller = Poller(client, posted.append, interval=2.0, now=clock, rng=lambda: 0.5)
    try:
        await poller.poll_once()
        assert isinstance(posted[-1], SnapshotApplied) and posted[-1].at == T0
        good = poller.snapshot(posted[-1].view)
        server.stop()  # the IPS stops answering
        failed: list[PollFailed] = []
        for _ in range(4):
            clock.advance(7)
            retry_in = await poller.poll_once()
            failed.append(posted[-1])
            assert isinstance(posted[-1], PollFailed)
            assert retry_in == posted[-1].retry_in
        assert [f.stale_since for f in failed] == [T0] * 4  # not the time of each failure
        assert [f.failures for f in failed] == [1, 2, 3, 4]
        assert [f.retry_in for f in failed] == [2.0, 4.0, 8.0, 16.0]  # backs off (jitter 1.0 at rng 0.5)
        assert poller.stale_since == T0
        assert poller.snapshot(failed[0].view) == good  # the last good data stays
        server.start()  # back: the next good poll clears the staleness and the failure count
        clock.advance(7)
        server_url = server.wsdl_url_2016
        await client.close()
        client = await IpsClient.open(ClientSettings(wsdl=server_url, user="demo@example.com",
                                                     password="demo-password", company_name="Demo Company"))
        poller.source = client
        assert await poller.poll_once() == 2.0
        assert isinstance(posted[-1], SnapshotApplied) and posted[-1].at == clock()
        assert poller.stale_since is None and poller.failures == 0
        # a new outage is stale since the new last good poll, not the old one
        server.stop()
        clock.advance(3)
        await poller.poll_once()
        assert isinstance(posted[-1], PollFailed) and posted[-1].stale_since == T0 + timedelta(seconds=35)
    finally:
        await client.close()


async def test_without_any_good_poll_stale_since_is_the_first_failure(sandbox_factory) -> None:
    server = sandbox_factory()
    client = await open_client(server)
    server.stop()
    clock, posted = Clock(), []
    poller = Poller(client, posted.append, interval=1.0, now=clock, rng=lambda: 0.5)
    try:
        for _ in range(3):
            clock.advance(5)
            await poller.poll_once()
        assert [p.stale_since for p in posted if isinstance(p, PollFailed)] == [T0 + timedelta(seconds=5)] * 3
    finally:
        await client.close()


async def test_refused_credentials_are_not_retried_until_the_operator_asks(sandbox_factory) -> None:
    """A new user's console retried a wrong password every few seconds for ever; on a real IPS each try
    is one more failed login, and accounts lock after repeated failures. After an AuthenticationError
    the poller waits for poll_now() (the console's ctrl+r); other failures still back off by themselves."""
    import asyncio
    import math

    from support.harness import set_password

    server = sandbox_factory()
    client = await open_client(server)
    posted: list = []
    poller = Poller(client, posted.append, interval=0.05, rng=lambda: 0.5)
    task = asyncio.create_task(poller.run())
    try:
        await asyncio.sleep(0.3)
        assert any(isinstance(p, SnapshotApplied) for p in posted)
        await asyncio.to_thread(set_password, server.db_path, "demo@example.com", "rotated-password")
        for _ in range(100):
            if any(isinstance(p, PollFailed) for p in posted):
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(1.0)  # twenty intervals: a backing-off poller would have tried again by now
        failed = [p for p in posted if isinstance(p, PollFailed)]
        assert len(failed) == 1 and math.isinf(failed[0].retry_in), failed
        assert "Authentication failed" in str(failed[0].error)
        poller.poll_now()
        for _ in range(100):
            if len([p for p in posted if isinstance(p, PollFailed)]) == 2:
                break
            await asyncio.sleep(0.05)
        assert len([p for p in posted if isinstance(p, PollFailed)]) == 2
    finally:
        poller.stop()
        await asyncio.wait_for(task, 5)
        await client.close()
