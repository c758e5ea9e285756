"""The polling loop: fetch the current view, diff it against the last snapshot, report.

One :class:`Poller` per connection. Its :meth:`Poller.run` coroutine polls, waits, polls again —
it re-arms only after a poll has finished, so polls never overlap. A failure keeps the last good
snapshot, backs off exponentially with jitter (capped), and the loop recovers by itself.

The poller owns the timing, and it adapts to load (:class:`Pace`): the next poll never starts before
the last one is applied (when the console acknowledges it, :meth:`Poller.applied`), and the wait
after a slow poll is :data:`BREATHE` times what its fetch and decode took, so a slow server or a huge answer stretches the interval instead of leaving the operator a
console that is always busy polling. The stretch is reported with every snapshot and ends as soon as
polls are quick again.

The poller knows nothing of widgets or Textual: it reports through a ``post`` callable with plain
value objects (:class:`PollStarted`, :class:`PollFailed`, :class:`SnapshotApplied`). The console
wraps each in one Textual message (``tui/messages.py``); a test collects them in a list.
"""

from __future__ import annotations

import asyncio
import logging
import math
import random
import time
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, nullcontext, suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from .i18n import _
from .ips.errors import IpsError
from .ips.source import JobSource
from .model.dates import utcnow
from .model.diff import SnapshotDiff, diff_snapshots
from .model.jobs import ActiveJob, JobLog, ScheduledJob

log = logging.getLogger(__name__)

MAX_BACKOFF = 60.0
"""Seconds: the longest wait between two failed polls."""

BREATHE = 1.5
"""The wait after a poll is at least this many times the poll's own duration: at most 40 % of the
time goes to polling, the rest to the operator."""

SLOW_POLL = 0.5
"""Seconds: a poll quicker than this never stretches the interval (however short the interval)."""

APPLY_TIMEOUT = 30.0
"""Seconds the poller waits for the acknowledgement of an applied snapshot before it goes on anyway."""

FINISHED_WINDOW = timedelta(days=7)
"""How far back the Finished view asks for job logs."""
FINISHED_LIMIT = 2000
"""At most this many job logs in the Finished view."""


class View(StrEnum):
    """Which list is polled: getActiveJobs, getScheduledJobs or getJobLogs (IPS_JOBS_API.md §4–§6).

    The words the console shows for each live in ``tui/columns.py`` (``VIEW_TITLES``).
    """

    ACTIVE = "active"
    SCHEDULED = "scheduled"
    FINISHED = "finished"


BACKGROUND_EVERY = 10.0
"""Seconds at least between two polls of the active jobs while the Scheduled or Finished view is shown
(``Poller.background_active``): a new user parked on Finished heard nothing of a job that failed."""


MODELS: dict[View, type] = {View.ACTIVE: ActiveJob, View.SCHEDULED: ScheduledJob, View.FINISHED: JobLog}
"""The model class of each view's rows (what its filter's fields are read from)."""


@dataclass(frozen=True, slots=True)
class Pace:
    """How often the poller polls: ``interval`` (seconds, configured), ``wait`` (seconds until the
    next poll, stretched when polls are slow) and ``took`` (seconds the last poll's fetch and decode
    took; its apply is waited for apart, see :meth:`Poller.applied`)."""

    interval: float
    wait: float
    took: float

    @property
    def stretched(self) -> bool:
        """Whether polls are slow enough that the interval was stretched."""
        return self.wait > self.interval


def paced_wait(interval: float, took: float) -> float:
    """Seconds to wait after a poll that took ``took``: ``interval``, or for a slow poll (at least
    :data:`SLOW_POLL`) whose ``BREATHE × took`` is longer, that rounded up to a whole second (so the
    header does not change on every poll)."""
    breathe = took * BREATHE
    return interval if took < SLOW_POLL or breathe <= interval else float(math.ceil(breathe))


@dataclass(frozen=True, slots=True)
class SnapshotApplied:
    """A poll of ``view`` succeeded; ``diff`` is against the previous snapshot of that view."""

    view: View
    diff: SnapshotDiff
    at: datetime
    first: bool
    """True when this is the first snapshot of the view since it was (re)selected."""
    pace: Pace | None = None
    """The poller's timing after this poll (None from code that does not pace, e.g. a benchmark)."""


@dataclass(frozen=True, slots=True)
class PollFailed:
    """A poll failed; the last good data stays, marked stale since ``stale_since``; the next try
    is in ``retry_in`` seconds — ``math.inf`` when the error is not retried by itself
    (``IpsError.retried``: refused credentials) and only :meth:`Poller.poll_now` tries again;
    ``failures`` counts the failures in a row (1 for the first)."""

    view: View
    error: IpsError
    stale_since: datetime
    retry_in: float
    failures: int


@dataclass(frozen=True, slots=True)
class PollStarted:
    """A poll of ``view`` went out."""

    view: View


PollReport = SnapshotApplied | PollFailed | PollStarted
"""Everything a :class:`Poller` posts."""


def backoff_delay(interval: float, failures: int, rng: Callable[[], float] = random.random, cap: float = MAX_BACKOFF) -> float:
    """Wait before retry number ``failures`` (1, 2, …): interval·2^(n-1), capped, with ±25 % jitter."""
    base = min(cap, max(interval, 0.5) * (2 ** max(failures - 1, 0)))
    jitter = 0.75 + 0.5 * rng()
    return min(cap, base * jitter)


def retry_delay(error: BaseException, interval: float, failures: int, rng: Callable[[], float] = random.random,
                cap: float = MAX_BACKOFF) -> float:
    """Seconds before trying again after ``error``: :func:`backoff_delay`, or ``math.inf`` for an error
    that is not retried by itself (``IpsError.retried``: refused credentials) — only the operator
    tries again. A bug (not an ``IpsError``) is retried."""
    if isinstance(error, IpsError) and not error.retried:
        return math.inf
    return backoff_delay(interval, failures, rng, cap)


def wait_timeout(delay: float) -> float | None:
    """``delay`` as an ``asyncio.wait_for`` timeout: ``None`` (wait until woken) for ``math.inf``."""
    return None if math.isinf(delay) else delay


class Poller:
    """Polls one :class:`JobSource` for the selected view and posts what changed."""

    def __init__(
        self,
        source: JobSource,
        post: Callable[[PollReport], Any],
        *,
        interval: float = 2.0,
        view: View = View.ACTIVE,
        now: Callable[[], datetime] = utcnow,
        rng: Callable[[], float] = random.random,
        max_backoff: float = MAX_BACKOFF,
        fetch_guard: Callable[[], AbstractContextManager[object]] = nullcontext,
        acknowledged: bool = False,
        clock: Callable[[], float] = time.monotonic,
        background_active: bool = False,
    ) -> None:
        self.source = source
        self.post = post
        self.interval = interval
        self.view = view
        self.now = now
        self.rng = rng
        self.max_backoff = max_backoff
        self.fetch_guard = fetch_guard
        """Entered around each fetch (the console's GC owner pauses the collector there)."""
        self.acknowledged = acknowledged
        """True: whoever receives the reports calls :meth:`applied` once a snapshot is on screen,
        and the next poll waits for it (at most :data:`APPLY_TIMEOUT`)."""
        self.clock = clock
        """Monotonic seconds, to time the polls."""
        self.background_active = background_active
        """True: while another view is shown, the active jobs are polled too, at most every
        :data:`BACKGROUND_EVERY` seconds (the console announces the jobs that end)."""
        self._active_at = -math.inf
        self.pace = Pace(interval, interval, 0.0)
        """The timing after the last poll (:class:`Pace`)."""
        self.apply_took = 0.0
        """Seconds from the last snapshot posted to its acknowledgement (0 when not acknowledged)."""
        self._applied = asyncio.Event()
        self.failures = 0
        self.stale_since: datetime | None = None
        self.last_success: datetime | None = None
        self.polls = 0
        self._snapshots: dict[View, Mapping[str, Any]] = {}
        self._fresh: set[View] = set()
        self._wake = asyncio.Event()
        self._generation = 0
        self._stopped = False

    # -- control -------------------------------------------------------------------------

    def poll_now(self) -> None:
        """Poll as soon as the current poll (if any) has finished."""
        self._wake.set()

    def set_view(self, view: View) -> None:
        """Poll ``view`` from now on; a poll of the old view still in flight is discarded."""
        if view != self.view:
            self.view = view
            self._generation += 1
            self._fresh.discard(view)
        self.poll_now()

    def applied(self) -> None:
        """The last snapshot posted is applied (and on screen): the poller may go on."""
        self._applied.set()

    def stop(self) -> None:
        self._stopped = True
        self._wake.set()

    def snapshot(self, view: View) -> Mapping[str, Any]:
        """The last good snapshot of ``view`` (key → job)."""
        return self._snapshots.get(view, {})

    # -- the loop ------------------------------------------------------------------------

    async def run(self) -> None:
        """Poll until :meth:`stop`; never raises (a bug in a poll is reported like a fault)."""
        while not self._stopped:
            self._wake.clear()
            self._applied.clear()
            delay = await self.poll_once()
            if self._stopped:
                break
            if self.acknowledged and self.failures == 0 and delay > 0:
                posted = self.clock()
                with suppress(TimeoutError):  # never poll again before the last snapshot is applied
                    await asyncio.wait_for(self._applied.wait(), timeout=APPLY_TIMEOUT)
                self.apply_took = self.clock() - posted
                delay = max(0.0, delay - self.apply_took)
            with suppress(TimeoutError):  # an infinite delay waits for poll_now() (ctrl+r)
                await asyncio.wait_for(self._wake.wait(), timeout=wait_timeout(delay))

    async def poll_once(self) -> float:
        """One poll of the current view; returns the seconds to wait before the next one."""
        view = self.view
        generation = self._generation
        self.post(PollStarted(view))
        started = self.clock()
        shown: list[Mapping[str, Any]] = []

        def first_page(jobs: list[Any]) -> None:
            """The first jobs of a big first answer, posted while the rest decodes (issue 12)."""
            if generation == self._generation and not self._stopped and not shown:
                diff = diff_snapshots({}, jobs)
                shown.append(diff.current)
                self.post(SnapshotApplied(view, diff, self.now(), True))

        try:
            with self.fetch_guard():
                # a first page only on the view's very first load: after a switch back, the whole
                # answer is diffed against the last snapshot (the jobs that ended meanwhile)
                jobs = await self._fetch(view, None if self._snapshots.get(view) else first_page)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # anything else is a bug: reported, never fatal
            error = exc if isinstance(exc, IpsError) else IpsError(_("unexpected error while polling: {error}").format(error=repr(exc)))
            if not isinstance(exc, IpsError):
                log.exception("poll of %s failed unexpectedly", view)
            self.failures += 1
            if self.stale_since is None:
                self.stale_since = self.last_success or self.now()
            retry_in = retry_delay(error, self.interval, self.failures, self.rng, self.max_backoff)
            self.post(PollFailed(view, error, self.stale_since, retry_in, self.failures))
            return retry_in
        at = self.now()
        took = self.clock() - started
        self.pace = Pace(self.interval, paced_wait(self.interval, took), round(took, 1))
        self.polls += 1
        self.failures = 0
        self.stale_since = None
        self.last_success = at
        if generation != self._generation:
            return 0.0  # the view changed while this poll was out: poll the new one at once
        first = view not in self._fresh
        previous = shown[0] if shown else self._snapshots.get(view, {})  # after a first page: only the rest is new
        diff = diff_snapshots(previous, jobs)
        self._snapshots[view] = diff.current
        self._fresh.add(view)
        if shown:
            self._applied.clear()  # the first page's acknowledgement is not this snapshot's
        self.post(SnapshotApplied(view, diff, at, first, self.pace))
        if view is View.ACTIVE:
            self._active_at = started
        elif self.background_active and (View.ACTIVE not in self._snapshots  # the baseline: at once
                                         or started - self._active_at >= max(BACKGROUND_EVERY, self.interval)):
            self._active_at = started
            await self._poll_active_behind(generation)
        return self.pace.wait

    async def _poll_active_behind(self, generation: int) -> None:
        """The active jobs while another view is shown, diffed against their last snapshot and posted: a
        job that ended meanwhile is announced. A console started on another view takes its first one (the
        baseline, posted as ``first``: nothing ended yet) right after that view's first poll. A failure is
        only logged: the shown view's polls say whether the server answers; the next try is
        :data:`BACKGROUND_EVERY` seconds on."""
        try:
            with self.fetch_guard():
                jobs = await self._fetch(View.ACTIVE)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - never fatal, as a poll of the shown view
            log.info("background poll of the active jobs failed: %r", exc)
            return
        if generation != self._generation or self._stopped:
            return  # the view changed meanwhile: the new view's own poll comes at once
        first = View.ACTIVE not in self._snapshots  # a console started on another view: its baseline
        diff = diff_snapshots(self._snapshots.get(View.ACTIVE, {}), jobs)
        self._snapshots[View.ACTIVE] = diff.current
        self._applied.clear()  # the next poll waits for this snapshot's acknowledgement
        self.post(SnapshotApplied(View.ACTIVE, diff, self.now(), first, self.pace))

    async def _fetch(self, view: View, first_page: Callable[[list[Any]], None] | None = None) -> list[Any]:
        if view is View.ACTIVE:
            if first_page is not None and getattr(self.source, "shows_first_page", False):
                return await self.source.active_jobs(first_page=first_page)  # type: ignore[call-arg]
            return await self.source.active_jobs()
        if view is View.SCHEDULED:
            return await self.source.scheduled_jobs()
        return await self.source.job_logs(start=self.now() - FINISHED_WINDOW, limit=FINISHED_LIMIT)
