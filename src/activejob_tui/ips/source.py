"""The protocol the console and the CLI use to read and command jobs.

``IpsClient`` is the one implementation; the poller and the UI only know this protocol.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from ..model.jobs import ActiveJob, JobLog, JobLogDetail, ScheduledJob


@dataclass(frozen=True, slots=True)
class ConnectionInfo:
    """Where we are connected, for the header line."""

    endpoint: str
    label: str
    """"sandbox" for the embedded sandbox, else the endpoint's host."""
    user: str
    company_name: str | None
    company_handle: str
    api_version: str
    """"legacy" for the unversioned namespace, else the version string (``2016-01-14-beta``)."""
    namespace: str


@dataclass(frozen=True, slots=True)
class DetailPage:
    """One page of getJobLogDetails."""

    log: JobLog | None
    details: tuple[JobLogDetail, ...]
    total_rows: int | None
    """``detailTotalRows``; ``None`` when the API version has no paging (legacy)."""
    page: int
    per_page: int

    @property
    def has_more(self) -> bool:
        """True when pages after this one hold more detail lines (``page × per_page <
        detailTotalRows``, IPS_JOBS_API.md §4.4); always False without paging (legacy)."""
        return self.total_rows is not None and self.page * self.per_page < self.total_rows


class JobSource(Protocol):
    """Reads and commands IPS jobs of one company.

    Every method raises only :class:`~activejob_tui.ips.errors.IpsError` subclasses:
    ``AuthenticationError`` / ``AuthorizationError`` (faults 10000–10002 / 20000–20009,
    IPS_JOBS_API.md §3), ``ApiFault`` (30000–30003: a bad handle, a refused command), ``IpsConnectionError``
    (and its ``Timeout``: no answer) and ``MalformedResponse`` (an answer that is not the SOAP expected).
    Datetimes in and out are aware (the wire's zone-less times are read as UTC). Handles are the
    strings IPS gives (``jobHandle``, ``companyHandle``), passed back unchanged.
    """

    info: ConnectionInfo | None
    """The connection described by :meth:`connect`; None before it."""

    async def connect(self) -> ConnectionInfo:
        """Resolve the company (its handle from the configured name if needed: getCompanyMembership /
        getCompanyInfo, IPS_JOBS_API.md §4.7), set :attr:`info` and return it. Must come first."""
        ...

    async def active_jobs(self) -> list[ActiveJob]:
        """getActiveJobs of the company (IPS_JOBS_API.md §4.1): every running or queued job, in the
        server's order; an empty list when there are none. Nested parts (tasks, sub-job) may be
        decoded on first read. A source whose ``shows_first_page`` is true also takes
        ``first_page``: a callable given the first jobs of a big answer, on the event loop, while
        the rest decodes."""
        ...

    async def scheduled_jobs(self) -> list[ScheduledJob]:
        """getScheduledJobs of the company (IPS_JOBS_API.md §4.2), in the server's order."""
        ...

    async def job_logs(
        self,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        limit: int | None = None,
        sort_by: str | None = None,
        descending: bool = True,
    ) -> list[JobLog]:
        """getJobLogs of the company (IPS_JOBS_API.md §4.3): summary rows without detail lines.

        ``start``/``end`` (aware datetimes) bound ``startDate``; ``limit`` is ``numRows`` (None: the
        server's default, its maximum is undocumented); ``sort_by`` one of the Job Log Sort Fields
        (``StartDate``, ``JobName``, ``LogType``, ``FileErrorCount``…, §6.5; None: the server's order),
        ``descending`` its direction."""
        ...

    async def job_log_details(
        self, job_handle: str, *, page: int = 1, per_page: int = 1000, log_types: list[str] | None = None
    ) -> DetailPage:
        """getJobLogDetails of one job, running or finished (IPS_JOBS_API.md §4.4): its JobLog and
        page ``page`` (1-based) of ``per_page`` detail lines, clamped to 1–1000 (``recordsPerPage``'s
        maximum and default); ``log_types`` keeps only those log types (None: all). Without paging
        (legacy) the one page holds every line and ``total_rows`` is None. ``ApiFault`` for an
        unknown handle."""
        ...

    async def stop_job(self, job_handle: str) -> None:
        """stopJob of a running job (IPS_JOBS_API.md §4.5): returns None once the server accepted it
        (an empty answer); the job then probably passes through Stopping and leaves getActiveJobs. ``ApiFault`` when refused (finished,
        scheduled, unknown). No answer (``IpsConnectionError``/``MalformedResponse``) means it may or may
        not have been done."""
        ...

    async def pause_job(self, job_handle: str) -> None:
        """pauseJob of a scheduled job (IPS_JOBS_API.md §4.5): its triggerState becomes Paused.
        ``ApiFault`` for a running, finished or unknown job."""
        ...

    async def resume_job(self, job_handle: str) -> None:
        """resumeJob of a paused scheduled job (IPS_JOBS_API.md §4.5): its trigger fires again
        (Normal). ``ApiFault`` for a running, finished or unknown job."""
        ...

    async def execute_job(self, job_handle: str) -> None:
        """executeJob of a scheduled job (IPS_JOBS_API.md §4.5): run it now, once; it then appears
        in getActiveJobs. ``ApiFault`` for a running, finished or unknown job."""
        ...

    async def delete_job(self, job_handle: str) -> None:
        """deleteJob of a scheduled (or current) job (IPS_JOBS_API.md §4.5); cannot be undone.
        ``ApiFault`` for a finished or unknown job."""
        ...

    async def close(self) -> None:
        """Close the HTTP connections (and stop an embedded sandbox). Call once; nothing after it."""
        ...
