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
        return self.total_rows is not None and self.page * self.per_page < self.total_rows


class JobSource(Protocol):
    """Reads and commands IPS jobs. Every method raises only ``IpsError`` subclasses."""

    info: ConnectionInfo | None

    async def connect(self) -> ConnectionInfo: ...

    async def active_jobs(self) -> list[ActiveJob]: ...

    async def scheduled_jobs(self) -> list[ScheduledJob]: ...

    async def job_logs(
        self,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        limit: int | None = None,
        sort_by: str | None = None,
        descending: bool = True,
    ) -> list[JobLog]: ...

    async def job_log_details(
        self, job_handle: str, *, page: int = 1, per_page: int = 1000, log_types: list[str] | None = None
    ) -> DetailPage: ...

    async def stop_job(self, job_handle: str) -> None: ...

    async def pause_job(self, job_handle: str) -> None: ...

    async def resume_job(self, job_handle: str) -> None: ...

    async def execute_job(self, job_handle: str) -> None: ...

    async def delete_job(self, job_handle: str) -> None: ...

    async def close(self) -> None: ...
