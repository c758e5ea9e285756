"""A first page (the first jobs of a big first answer, posted while the rest decodes) belongs to the poll that
fetched it: once the operator has switched views, or the poller has stopped, it is dropped — the console
never shows a page of a view it has left (issue 16: a survivor of the mutation run over ``poller.py``).
An in-memory source that hands over its page when the test says so."""

from __future__ import annotations

import asyncio
from datetime import UTC

from activejob_tui.poller import Poller, SnapshotApplied, View
from tui.fakes import make_active


class Paging:
    """Answers the active view in two steps: a first page of 2 jobs once ``go`` is set, then all 6."""

    shows_first_page = True

    def __init__(self) -> None:
        self.go = asyncio.Event()
        self.asked = asyncio.Event()
        self.jobs = make_active(6)

    async def active_jobs(self, first_page=None) -> list:  # type: ignore[no-untyped-def]
        self.asked.set()
        await self.go.wait()
        if first_page is not None:
            first_page(self.jobs[:2])
        return list(self.jobs)

    async def scheduled_jobs(self) -> list:
        return []


async def poll_while(poller: Poller, source: Paging, meanwhile) -> None:  # type: ignore[no-untyped-def]
    poll = asyncio.create_task(poller.poll_once())
    await asyncio.wait_for(source.asked.wait(), 5)
    meanwhile()
    source.go.set()
    await asyncio.wait_for(poll, 5)


async def test_the_first_page_of_a_view_the_operator_left_is_not_shown() -> None:
    source, posted = Paging(), []
    poller = Poller(source, posted.append, interval=60.0)  # type: ignore[arg-type]
    await poll_while(poller, source, lambda: poller.set_view(View.SCHEDULED))
    assert [p for p in posted if isinstance(p, SnapshotApplied)] == []


async def test_the_first_page_after_a_stop_is_not_shown() -> None:
    source, posted = Paging(), []
    poller = Poller(source, posted.append, interval=60.0)  # type: ignore[arg-type]
    await poll_while(poller, source, poller.stop)
    assert 2 not in [len(p.diff.current) for p in posted if isinstance(p, SnapshotApplied)]  # no page


async def test_the_first_page_of_the_view_still_shown_comes_first() -> None:
    source, posted = Paging(), []
    poller = Poller(source, posted.append, interval=60.0)  # type: ignore[arg-type]
    await poll_while(poller, source, lambda: None)
    assert [len(p.diff.current) for p in posted if isinstance(p, SnapshotApplied)] == [2, 6]


async def test_a_page_says_when_it_was_polled_and_only_a_first_load_has_one() -> None:
    """The page carries the poll's time like any snapshot; a later poll of the same view (its jobs already
    shown) comes whole, diffed against the last snapshot, with no page."""
    from datetime import datetime

    at = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    source, posted = Paging(), []
    poller = Poller(source, posted.append, interval=60.0, now=lambda: at)  # type: ignore[arg-type]
    await poll_while(poller, source, lambda: None)
    page = next(p for p in posted if isinstance(p, SnapshotApplied))
    assert len(page.diff.current) == 2 and page.at == at and page.first
    posted.clear()
    await asyncio.wait_for(poller.poll_once(), 5)  # the view's second poll
    assert [len(p.diff.current) for p in posted if isinstance(p, SnapshotApplied)] == [6]
