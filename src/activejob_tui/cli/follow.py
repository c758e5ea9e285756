"""The commands that keep polling: ``jobs --watch``, ``logs -f`` and ``wait``.

All three ride out a server outage the way the console does: the failed poll is retried with a
growing pause (0.5 s doubling to 10 s), the outage is one line when it starts and one when it ends,
and polling resumes where it was.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from .. import output, output_json
from ..config_error import ConfigError
from ..i18n import N_, _
from ..ips.errors import ApiFault, MalformedResponse
from ..ips.errors import IpsConnectionError as Unreachable
from ..ips.source import DetailPage, JobSource
from ..model import humanize
from ..model.diff import diff_snapshots
from ..model.jobs import ActiveJob, JobLog, JobLogDetail
from ..model.query import Query
from ..model.serialize import to_ips_dict
from ..model.text import cell_width, printable
from ..model.words import word_or_value
from . import exitcodes
from .listing import VIEWS, by_severity, ended, fetch, render, say, select_rows

T = TypeVar("T")
BACKOFF_START = 0.5
BACKOFF_MAX = 10.0
DETAIL_PAGE = 1000
RELATIVE = {"startDate", "lastProgressUpdate", "nextFireTime"}
"""Table columns shown as "3 min ago": they change every second, so they are not a change."""


class Outage:
    """Retries a poll through an outage (unreachable server, or an answer that is not SOAP, as a
    gateway gives while the server restarts): one line when it starts, one when it ends."""

    def __init__(self) -> None:
        self.since: float | None = None
        self.delay = BACKOFF_START

    async def call(self, poll: Callable[[], Awaitable[T]]) -> T:
        while True:
            try:
                result = await poll()
            except (Unreachable, MalformedResponse) as err:
                task = asyncio.current_task()
                if task is not None and task.cancelling():  # Ctrl-C cut the poll short: not an outage
                    raise asyncio.CancelledError from err
                if self.since is None:
                    self.since = time.monotonic()
                    self.delay = BACKOFF_START
                    say("activejob-tui: " + _("connection lost: {error} Retrying (every {seconds:g} s at most)…").format(
                        error=printable(err.message), seconds=BACKOFF_MAX))
                await asyncio.sleep(self.delay)
                self.delay = min(self.delay * 2, BACKOFF_MAX)
                continue
            if self.since is not None:
                say("activejob-tui: " + _("reconnected after {duration}.").format(
                    duration=humanize.duration(time.monotonic() - self.since)))
                self.since = None
            return result


_EVENTS = {"added": N_("ADDED"), "changed": N_("CHANGED"), "gone": N_("GONE")}
"""The event words of ``--watch`` lines for eyes (msgids; the machine formats write the English event)."""
_VIEW_NAMES = {"active": N_("active jobs"), "scheduled": N_("scheduled jobs"), "logs": N_("logs jobs")}


def _pad(text: str, cells: int) -> str:
    """``text`` padded with spaces to ``cells`` terminal cells (a CJK character takes two)."""
    return text + " " * max(0, cells - cell_width(text))


def _stamp() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


# --- jobs --watch -----------------------------------------------------------------------------


def redraws(args: argparse.Namespace) -> bool:
    """Whether the command is ``jobs --watch`` redrawing a whole screen: stdout is a terminal and the
    format is one for eyes (``table``, ``wide``). A person watches it, so it takes Ctrl-C whatever its
    launcher left (``interrupt.take_ctrl_c``)."""
    return (args.command == "jobs" and bool(getattr(args, "watch", False))
            and args.format in ("table", "wide") and sys.stdout.isatty())


async def watch_jobs(source: JobSource, args: argparse.Namespace, interval: float, query: Query, sort: str | None) -> int:
    """Poll the view every ``interval`` s until Ctrl-C: a full redraw on a terminal (table formats),
    else the first listing and then one line (or JSON object, or CSV row) per change."""
    kind = VIEWS[args.view]
    redraw = redraws(args)
    outage = Outage()
    previous: dict[str, Any] | None = None
    columns = output.select(kind, args.columns, wide=args.format == "wide")
    while True:
        now = datetime.now(UTC)
        rows = select_rows(await outage.call(lambda: fetch(source, args.view)), args, query, sort, now)
        if redraw:
            title = _("Every {seconds:g} s: {view}, {count} shown").format(
                seconds=interval, view=_(_VIEW_NAMES[args.view]), count=len(rows)) + f"   {_stamp()}"
            print("\x1b[H\x1b[2J" + title + "\n\n" + render(rows, kind, args, now), flush=True)
        elif previous is None:
            _first(rows, kind, args, now)
        diff = diff_snapshots(previous or {}, rows)
        if previous is not None and not redraw:
            for job in diff.added:
                _event("added", job, None, kind, args, columns, now)
            for old, new in diff.changed:
                _event("changed", new, old, kind, args, columns, now)
            for job in diff.gone:
                _event("gone", job, None, kind, args, columns, now)
        previous = diff.current
        await asyncio.sleep(interval)


def _first(rows: list[Any], kind: type, args: argparse.Namespace, now: datetime) -> None:
    if args.format in ("csv", "tsv"):
        text = _delimited("listed", rows, kind, args, headers=not args.no_headers)
    elif args.format in ("json", "jsonl"):
        text = "\n".join(output_json.json_line({"event": "listed", "job": to_ips_dict(row)}) for row in rows)
    else:
        text = render(rows, kind, args, now)
    if text:
        print(text, flush=True)


def _delimited(event: str, rows: list[Any], kind: type, args: argparse.Namespace, headers: bool) -> str:
    names = output.raw_columns(kind, args.columns)
    return output.as_delimited(rows, names, delimiter="," if args.format == "csv" else "\t", headers=headers, event=event)



def _event(event: str, job: Any, old: Any, kind: type, args: argparse.Namespace,
           columns: list[output.OutputColumn], now: datetime) -> None:
    """One change: a line for eyes, a JSON object, or a CSV/TSV row with the event first."""
    if args.format in ("json", "jsonl"):
        print(output_json.json_line({"event": event, "job": to_ips_dict(job)}), flush=True)
        return
    if args.format in ("csv", "tsv"):
        print(_delimited(event, [job], kind, args, headers=False), flush=True)
        return
    name = getattr(job, "name", None) or getattr(job, "job_name", None)
    what = ""
    if old is not None:
        changes = [f"{c.heading.lower()} {c.value(old, now)} → {c.value(job, now)}" for c in columns
                   if c.field not in RELATIVE and c.value(old, now) != c.value(job, now)]
        if not changes:
            return
        what = "  " + ", ".join(changes)
    elif event == "added":
        what = "  " + ", ".join(f"{c.heading.lower()} {c.value(job, now)}" for c in columns
                                if c.field in ("state", "triggerState", "progress", "outcome"))
    print(f"{_stamp()}  {_pad(_(_EVENTS[event]), 7)}  {printable(job.job_handle or '—')}  {printable(name or '—')}{what}",
          flush=True)


# --- logs -f ----------------------------------------------------------------------------------


async def follow_log(source: JobSource, args: argparse.Namespace, interval: float) -> int:
    """Print a job's detail lines as they come, until its log has an end date; then its outcome.
    Returns the outcome's exit code (see ``exitcodes.OUTCOME_CODES``)."""
    outage = Outage()
    seen = 0
    headers = not args.no_headers  # CSV/TSV: the header line once, before the first row
    while True:
        number = seen // DETAIL_PAGE + 1
        page: DetailPage = await outage.call(
            functools.partial(source.job_log_details, args.job_handle, page=number, per_page=DETAIL_PAGE)
        )
        skip = seen if page.total_rows is None else seen - (number - 1) * DETAIL_PAGE
        new = list(page.details[skip:])
        seen += len(new)
        shown = by_severity(new, args.severity)
        if shown:
            _print_details(shown, args, headers=headers)
            headers = False
        if page.has_more:
            continue
        log = page.log
        if log is not None and log.end_date is not None:
            line = f"{printable(args.job_handle)}: {ended(log)}"
            print(line, file=sys.stdout if args.format in ("table", "wide") else sys.stderr, flush=True)
            return exitcodes.OUTCOME_CODES.get(log.outcome.value, exitcodes.JOB_UNKNOWN_OUTCOME)
        await asyncio.sleep(interval)


def _print_details(details: list[JobLogDetail], args: argparse.Namespace, headers: bool) -> None:
    if args.format in ("table", "wide"):
        for d in details:
            date = d.date_created.astimezone().isoformat(timespec="seconds") if d.date_created else "—"
            asset = f"  [{printable(d.asset_name)}]" if d.asset_name else ""
            print(f"{date}  {_pad(word_or_value(d.severity), 7)}  {printable(d.log_type or '—')}: {printable(d.log_message or '')}{asset}")
    elif args.format in ("json", "jsonl"):
        text = output_json.as_jsonl(details)
        if text:
            print(text)
    else:
        names = output.raw_columns(JobLogDetail, args.columns)
        text = output.as_delimited(details, names, delimiter="," if args.format == "csv" else "\t",
                                   headers=headers)
        if text:
            print(text)
    sys.stdout.flush()


# --- wait -------------------------------------------------------------------------------------


async def wait_for(source: JobSource, handles: list[str], timeout: float | None, interval: float) -> int:
    """Block until every job of ``handles`` has ended (or ``timeout`` seconds passed); one line per
    job on stdout. Returns the worst exit code (``exitcodes.worst``). Raises ``ApiFault`` for a handle
    IPS does not know and ``ConfigError`` for a scheduled job's handle."""
    outage = Outage()
    pending = list(dict.fromkeys(handles))
    codes: list[int] = []
    last: dict[str, ActiveJob] = {}
    try:
        async with asyncio.timeout(timeout):
            while pending:
                active = {j.job_handle: j for j in await outage.call(source.active_jobs)}
                last.update((h, active[h]) for h in pending if h in active)
                for handle in [h for h in pending if h not in active]:
                    log = await _log_of(source, outage, handle, known=handle in last)
                    if log is None:
                        continue  # between the lists: look again on the next poll
                    pending.remove(handle)
                    code = exitcodes.OUTCOME_CODES.get(log.outcome.value, exitcodes.JOB_UNKNOWN_OUTCOME)
                    codes.append(code)
                    print(f"{printable(handle)}: {ended(log)}", flush=True)
                if pending:
                    await asyncio.sleep(interval)
    except TimeoutError:
        for handle in pending:
            job = last.get(handle)
            now = f" ({printable(word_or_value(job.state) if job and job.state else '—')}, {humanize.percent(job.progress)})" if job else ""
            print(_("{handle}: still running after {duration}{state}").format(
                handle=printable(handle), duration=humanize.duration(timeout), state=now), flush=True)
        codes.append(exitcodes.WAIT_TIMEOUT)
    return exitcodes.worst(codes)


async def _log_of(source: JobSource, outage: Outage, handle: str, known: bool) -> JobLog | None:
    """The finished log of a job no longer active; None while it is not there yet."""
    try:
        page = await outage.call(lambda: source.job_log_details(handle, page=1, per_page=1))
    except ApiFault as err:
        raise ApiFault(_("No such job {handle}: {error}").format(handle=handle, error=err.message), err.code,
                       err.reason) from None
    if page.log is not None and page.log.end_date is not None:
        return page.log
    if page.log is None and not known:
        scheduled = {j.job_handle for j in await outage.call(source.scheduled_jobs)}
        if handle in scheduled:
            raise ConfigError(_("{handle} is a scheduled job: run it with execute, then wait for the running job.").format(
                handle=handle))
    return None
