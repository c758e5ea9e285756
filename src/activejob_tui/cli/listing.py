"""What every listing command shares: fetching a view, filtering, sorting and limiting it, rendering it,
paging a job's log, and the one line that says how a finished job ended. Used by the one-shot commands
(``subcommands.py``) and by the ones that keep watching (``follow.py``)."""

from __future__ import annotations

import argparse
import shutil
import sys
from datetime import datetime
from typing import Any

from .. import output
from ..config_error import ConfigError
from ..i18n import _
from ..ips.errors import ApiFault
from ..ips.source import JobSource
from ..model.enums import Severity
from ..model.jobs import ActiveJob, JobLog, JobLogDetail, ScheduledJob
from ..model.query import Query
from ..model.sorting import SortError, sort_jobs
from ..model.words import word_or_value

VIEWS: dict[str, type] = {"active": ActiveJob, "scheduled": ScheduledJob, "logs": JobLog}


def say(line: str) -> None:
    """A line for the person, on stderr (stdout stays for data)."""
    print(line, file=sys.stderr, flush=True)


async def fetch(source: JobSource, view: str) -> list[Any]:
    """The jobs of one view: active, scheduled or logs."""
    if view == "active":
        return await source.active_jobs()
    if view == "scheduled":
        return await source.scheduled_jobs()
    return await source.job_logs()


def select_rows(rows: list[Any], args: argparse.Namespace, query: Query, sort: str | None, now: datetime) -> list[Any]:
    """Filter, sort and limit one listing as the flags say."""
    rows = [job for job in rows if query.matches(job, now)] if args.filter else rows
    if sort:
        try:
            rows = sort_jobs(rows, VIEWS[args.view], sort)
        except SortError as err:  # _check_sort let it through: still one sentence
            raise ConfigError(_("Bad --sort: {error}").format(error=err)) from None
    return rows[: args.limit] if args.limit is not None else rows


def terminal_width() -> int | None:
    """The terminal's width in cells when stdout is one (tables fit it: ``output.render``'s
    ``fit_width``), else None: piped or redirected, every line stays whole, as scripts expect."""
    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


def render(rows: list[Any], kind: type, args: argparse.Namespace, now: datetime) -> str:
    """A listing as ``--format`` says, fitted to the terminal if stdout is one (``jobs --watch`` too)."""
    return output.render(
        rows, kind, args.format, now, columns=args.columns, headers=not args.no_headers,
        truncated=sys.stdout.isatty(), fit_width=terminal_width(),
    )


async def all_details(source: JobSource, job_handle: str, first_page: int = 1) -> tuple[list[JobLogDetail], Any]:
    """Every detail line of a job's log from ``first_page`` on, page after page; and the last page."""
    details: list[JobLogDetail] = []
    page = first_page
    while True:
        result = await source.job_log_details(job_handle, page=page)
        details.extend(result.details)
        if not result.has_more or not result.details:
            return details, result
        page += 1


def by_severity(details: list[JobLogDetail], severity: str | None) -> list[JobLogDetail]:
    if not severity:
        return details
    floor = Severity(severity).rank
    return [d for d in details if d.severity.rank >= floor]


async def finished_log(source: JobSource, handle: str) -> JobLog | None:
    """The log of a job that has ended, or None (still running, or IPS does not know the handle)."""
    try:
        page = await source.job_log_details(handle, page=1, per_page=1)
    except ApiFault:
        return None
    log = page.log
    return log if log is not None and log.end_date is not None else None


def ended(log: JobLog) -> str:
    """How a finished job ended: ``ended 2026-11-30T03:12:00+00:00: success`` (the outcome word of the
    current language; the IPS value in English)."""
    if log.end_date is None:
        return _("ended at an unknown time: {outcome}").format(outcome=word_or_value(log.outcome))
    when = log.end_date.astimezone().isoformat(timespec="seconds")
    return _("ended {when}: {outcome}").format(when=when, outcome=word_or_value(log.outcome))
