"""The first jobs of a big first answer reach the console before the rest is decoded (issue 12:
50,000 jobs took seconds to decode before a single row showed). A real sandbox and the real client;
the page is made small so the default demo (17 jobs) is a "big" answer."""

from __future__ import annotations

from activejob_tui.ips import lazy
from activejob_tui.ips.client import ClientSettings, IpsClient
from activejob_tui.poller import Poller, PollStarted, SnapshotApplied


async def open_client(sandbox) -> IpsClient:
    return await IpsClient.open(ClientSettings(wsdl=sandbox.wsdl_url_2016, user="demo@example.com",
                                               password="demo-password", company_name="Demo Company",
                                               timeout=30.0))


async def test_a_first_page_then_the_whole_answer_with_only_the_rest_added(sandbox_factory, monkeypatch):
    monkeypatch.setattr(lazy, "FIRST_PAGE", 5)
    sandbox = sandbox_factory()
    posted: list = []
    client = await open_client(sandbox)
    poller = Poller(client, posted.append, interval=60.0)
    try:
        await poller.poll_once()
        snapshots = [p for p in posted if isinstance(p, SnapshotApplied)]
        assert isinstance(posted[0], PollStarted) and len(snapshots) == 2
        page, whole = snapshots
        assert page.first and whole.first
        assert len(page.diff.current) == 5 and not page.diff.changed
        everything = list(whole.diff.current)
        assert len(everything) > 5 and list(page.diff.current) == everything[:5]  # the server's order
        assert [j.job_handle for j in whole.diff.added] == everything[5:]  # the page's jobs are not new again
        assert whole.diff.unchanged_count == 5 and not whole.diff.changed
        assert poller.snapshot(page.view) == whole.diff.current

        posted.clear()
        await poller.poll_once()  # a steady poll: no page, one snapshot
        assert len([p for p in posted if isinstance(p, SnapshotApplied)]) == 1
    finally:
        await client.close()


async def test_an_answer_no_bigger_than_a_page_comes_whole(sandbox_factory, monkeypatch):
    monkeypatch.setattr(lazy, "FIRST_PAGE", 10_000)
    sandbox = sandbox_factory()
    posted: list = []
    client = await open_client(sandbox)
    try:
        await Poller(client, posted.append, interval=60.0).poll_once()
        assert len([p for p in posted if isinstance(p, SnapshotApplied)]) == 1
    finally:
        await client.close()
