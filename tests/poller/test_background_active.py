"""While the Scheduled or Finished view is shown, the console's poller polls the active jobs too, at most
every ``BACKGROUND_EVERY`` seconds, so jobs that end then are announced (a new user parked on Finished
heard nothing of a job that failed). Against a real sandbox."""

from __future__ import annotations

from activejob_tui.ips.client import ClientSettings, IpsClient
from activejob_tui.ips.errors import IpsConnectionError
from activejob_tui.poller import BACKGROUND_EVERY, Poller, PollFailed, SnapshotApplied, View


async def open_client(sandbox) -> IpsClient:
    client = await IpsClient.open(ClientSettings(wsdl=sandbox.wsdl_url_2016, user="demo@example.com",
                                                 password="demo-password", company_name="Demo Company", timeout=30.0))
    await client.connect()
    return client


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Failing:
    """The client, but ``active_jobs`` fails while ``fail`` is set (the sandbox cannot fail one operation only)."""

    def __init__(self, client: IpsClient) -> None:
        self.client, self.fail = client, False

    async def active_jobs(self, *args, **kwargs):
        if self.fail:
            raise IpsConnectionError("The server refused the connection.")
        return await self.client.active_jobs(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.client, name)


def views(posted: list) -> list[tuple[View, bool]]:
    return [(r.view, r.first) for r in posted if isinstance(r, SnapshotApplied)]


async def test_the_active_jobs_are_polled_behind_another_view_at_most_every_background_every(sandbox):
    client = await open_client(sandbox)
    source = Failing(client)
    clock = Clock()
    posted: list = []
    poller = Poller(source, posted.append, interval=1.0, clock=clock, background_active=True)  # type: ignore[arg-type]
    try:
        await poller.poll_once()
        active = dict(poller.snapshot(View.ACTIVE))
        assert views(posted) == [(View.ACTIVE, True)] and active
        poller.set_view(View.SCHEDULED)
        posted.clear()
        clock.now += BACKGROUND_EVERY / 2
        await poller.poll_once()
        assert views(posted) == [(View.SCHEDULED, True)]  # too soon: the shown view only

        posted.clear()
        clock.now += BACKGROUND_EVERY / 2
        await poller.poll_once()
        assert views(posted) == [(View.SCHEDULED, False), (View.ACTIVE, False)]
        behind = posted[-1]
        assert set(behind.diff.current) == set(poller.snapshot(View.ACTIVE))
        assert {j.job_handle for j in behind.diff.gone} == set(active) - set(behind.diff.current)

        posted.clear()
        clock.now += BACKGROUND_EVERY
        source.fail = True
        await poller.poll_once()  # a failed poll behind the view is not the view's failure
        assert views(posted) == [(View.SCHEDULED, False)]
        assert not any(isinstance(r, PollFailed) for r in posted) and poller.failures == 0

        plain = Poller(client, (seen := []).append, interval=1.0, clock=clock)
        await plain.poll_once()
        plain.set_view(View.FINISHED)
        clock.now += 10 * BACKGROUND_EVERY
        await plain.poll_once()
        assert views(seen) == [(View.ACTIVE, True), (View.FINISHED, True)]  # the CLI's pollers: one view
    finally:
        await client.close()


async def test_a_console_started_on_another_view_takes_the_active_baseline_after_that_views_first_poll(sandbox):
    """A new user whose console opened on Scheduled heard of no ended job until the Active view had been
    shown once: there was nothing to compare with. The baseline (``first``: nothing ended yet) comes right
    after the shown view's first poll, and the next behind it BACKGROUND_EVERY seconds on is compared."""
    client = await open_client(sandbox)
    clock = Clock()
    posted: list = []
    poller = Poller(client, posted.append, interval=1.0, clock=clock, background_active=True)
    try:
        poller.set_view(View.SCHEDULED)
        await poller.poll_once()
        assert views(posted) == [(View.SCHEDULED, True), (View.ACTIVE, True)]
        assert set(posted[-1].diff.current) == set(poller.snapshot(View.ACTIVE)) and not posted[-1].diff.gone

        posted.clear()
        clock.now += BACKGROUND_EVERY / 2
        await poller.poll_once()
        assert views(posted) == [(View.SCHEDULED, False)]
        posted.clear()
        clock.now += BACKGROUND_EVERY / 2
        await poller.poll_once()
        assert views(posted) == [(View.SCHEDULED, False), (View.ACTIVE, False)]
    finally:
        await client.close()
