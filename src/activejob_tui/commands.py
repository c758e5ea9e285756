"""The headless commands: ``jobs``, ``logs`` and the job controls (stop, pause, resume, execute, delete)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import UTC, datetime
from typing import Any

from . import output
from .config import Resolved
from .ips.errors import ConfigError, IpsError
from .ips.source import JobSource
from .model.enums import Severity
from .model.jobs import ActiveJob, JobLog, JobLogDetail, ScheduledJob
from .model.query import QueryError, parse
from .model.sorting import SortError, sort_jobs
from .model.text import printable
from .session import open_source

VIEWS: dict[str, type] = {"active": ActiveJob, "scheduled": ScheduledJob, "logs": JobLog}
SEVERITY_RANK = {Severity.INFO: 0, Severity.SUCCESS: 0, Severity.UNKNOWN: 0, Severity.WARNING: 1, Severity.ERROR: 2}
CONTROL_VERBS = {
    "stop": ("stop_job", "Stop", "stop requested"),
    "pause": ("pause_job", "Pause", "paused"),
    "resume": ("resume_job", "Resume", "resumed"),
    "execute": ("execute_job", "Run now", "started"),
    "delete": ("delete_job", "Delete", "deleted"),
}


def _say(line: str) -> None:
    print(line, file=sys.stderr)


async def run_command(args: argparse.Namespace, resolved: Resolved) -> int:
    if args.command in CONTROL_VERBS and resolved.readonly:
        raise ConfigError(f"Read-only mode: {args.command} is disabled (--readonly or readonly = true in the config).")
    source = await open_source(resolved, announce=_say)
    try:
        if args.command == "jobs":
            return await _jobs(source, args)
        if args.command == "logs":
            return await _logs(source, args)
        return await _control(source, args)
    finally:
        await source.close()


async def _fetch(source: JobSource, view: str) -> list[Any]:
    if view == "active":
        return await source.active_jobs()
    if view == "scheduled":
        return await source.scheduled_jobs()
    return await source.job_logs()


async def _jobs(source: JobSource, args: argparse.Namespace) -> int:
    cls = VIEWS[args.view]
    try:
        query = parse(args.filter)
    except QueryError as err:
        raise ConfigError(f"Bad filter: {err}") from None
    now = datetime.now(UTC)
    rows = [job for job in await _fetch(source, args.view) if query.matches(job, now)]
    if args.sort:
        try:
            rows = sort_jobs(rows, cls, args.sort)
        except SortError as err:
            raise ConfigError(f"Bad --sort: {err}") from None
    if args.limit is not None:
        rows = rows[: max(args.limit, 0)]
    print(output.render(rows, output.COLUMNS_BY_KIND[cls], args.format, now))
    return 0


async def all_details(source: JobSource, job_handle: str) -> list[JobLogDetail]:
    """Every detail line of a job's log, page after page."""
    details: list[JobLogDetail] = []
    page = 1
    while True:
        result = await source.job_log_details(job_handle, page=page)
        details.extend(result.details)
        if not result.has_more or not result.details:
            return details
        page += 1


async def _logs(source: JobSource, args: argparse.Namespace) -> int:
    details = await all_details(source, args.job_handle)
    if args.severity:
        floor = SEVERITY_RANK[Severity(args.severity)]
        details = [d for d in details if SEVERITY_RANK.get(d.severity, 0) >= floor]
    now = datetime.now(UTC)
    print(output.render(details, output.DETAIL_COLUMNS, args.format, now))
    return 0


def _describe(job: ActiveJob | ScheduledJob | None, handle: str) -> str:
    if job is None:
        return f"  {printable(handle)}  (not in the list now)"
    state = job.state if isinstance(job, ActiveJob) else job.trigger_state
    return f"  {printable(job.name or '—')}  [{printable(handle)}]  {printable(job.type or '—')}  {printable(state or '—')}"


async def _snapshot(source: JobSource, command: str) -> dict[str, ActiveJob | ScheduledJob]:
    jobs: list[Any] = await (source.active_jobs() if command == "stop" else source.scheduled_jobs())
    return {job.job_handle: job for job in jobs}


def _confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        raise ConfigError("Refusing to act without confirmation on a non-interactive terminal; add --yes.")
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:  # Ctrl-D (or a closed terminal) is not a yes
        print()
        return False
    return answer.strip().lower() in ("y", "yes")


async def _control(source: JobSource, args: argparse.Namespace) -> int:
    method, title, done = CONTROL_VERBS[args.command]
    before = await _snapshot(source, args.command)
    print(f"{title} {len(args.handles)} job(s):")
    for handle in args.handles:
        print(_describe(before.get(handle), handle))
    if not args.yes and not _confirm(f"{title} these {len(args.handles)} job(s)?"):
        print("Nothing done.")
        return 1
    failures: list[IpsError] = []
    for handle in args.handles:
        try:
            await getattr(source, method)(handle)
            print(f"{printable(handle)}: {done} (the server accepted it)")
        except IpsError as err:
            failures.append(err)
            print(f"{printable(handle)}: refused: {printable(err.message)}")
    if args.command != "delete":
        await asyncio.sleep(1.0)
        after = await _snapshot(source, args.command)
        for handle in args.handles:
            job = after.get(handle)
            seen = "gone from the list" if job is None else (job.state if isinstance(job, ActiveJob) else job.trigger_state)
            print(f"{printable(handle)}: now {printable(seen or '—')}")
    if failures:
        return max(err.exit_code for err in failures)
    return 0
