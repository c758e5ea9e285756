"""The headless commands: ``jobs``, ``logs``, ``wait`` and the job controls (stop, pause, resume,
execute, delete). ``--watch``, ``logs -f`` and ``wait`` poll through ``cli.follow``."""

from __future__ import annotations

import argparse
import asyncio
import select
import signal
import sys
from datetime import UTC, datetime
from typing import Any

from .. import output
from ..config import Resolved
from ..config_error import ConfigError
from ..i18n import _, ngettext
from ..ips.errors import ApiFault, IpsError, MalformedResponse
from ..ips.errors import IpsConnectionError as Unreachable
from ..ips.source import JobSource
from ..model.controls import CONTROLS, needless
from ..model.jobs import ActiveJob, JobLogDetail, ScheduledJob
from ..model.query import Query, QueryError, parse
from ..model.text import printable
from ..model.words import word_or_value
from ..session import open_source
from . import completion, exitcodes
from .follow import follow_log, wait_for, watch_jobs
from .listing import VIEWS, all_details, by_severity, ended, fetch, finished_log, say, select_rows, terminal_width


def _sentences(verb: str, count: int) -> tuple[str, str]:
    """The heading over the ``count`` jobs ``verb`` is about to change, and the question after them:
    whole sentences (msgids with their plurals), so a translator can order the words; the verb's own
    words are ``model.controls``."""
    if verb == "stop":
        return (ngettext("Stop {count} job:", "Stop {count} jobs:", count),
                ngettext("Stop this job?", "Stop these {count} jobs?", count))
    if verb == "pause":
        return (ngettext("Pause {count} job:", "Pause {count} jobs:", count),
                ngettext("Pause this job?", "Pause these {count} jobs?", count))
    if verb == "resume":
        return (ngettext("Resume {count} job:", "Resume {count} jobs:", count),
                ngettext("Resume this job?", "Resume these {count} jobs?", count))
    if verb == "execute":
        return (ngettext("Run {count} job now:", "Run {count} jobs now:", count),
                ngettext("Run this job now?", "Run these {count} jobs now?", count))
    return (ngettext("Delete {count} job:", "Delete {count} jobs:", count),
            ngettext("Delete this job?", "Delete these {count} jobs?", count))


YES_WORDS = ("y", "yes")
"""Answers that confirm, in every language; the catalog may add its own word (``_("yes")``, e.g. 是)."""


async def run_subcommand(args: argparse.Namespace, resolved: Resolved) -> int:
    """Run the parsed command against the resolved IPS; returns the exit code. Raises ``IpsError``."""
    if args.command in CONTROLS and resolved.readonly:
        raise ConfigError(_("Read-only mode: {command} is disabled (--readonly or readonly = true in the config).").format(
            command=args.command))
    prepared = _prepare(args)  # usage errors before any connection
    # Only what polls keeps the steady-poll index: jobs --watch and wait; a one-shot jobs does not.
    polls = bool(getattr(args, "watch", False)) or args.command == "wait"
    # JSON and CSV write every job whole: decode nested parts at once rather than on first read.
    whole = getattr(args, "format", None) in ("json", "jsonl", "csv", "tsv")
    source = await open_source(resolved, announce=say, polls=polls, reads_whole_jobs=whole)
    try:
        if args.command == "jobs":
            if args.watch:
                return await watch_jobs(source, args, resolved.poll_interval, *prepared)
            return await _jobs(source, args, *prepared)
        if args.command == "logs":
            if args.follow:
                return await follow_log(source, args, resolved.poll_interval)
            return await _logs(source, args)
        if args.command == "wait":
            return await wait_for(source, args.handles, args.wait_timeout, resolved.poll_interval)
        return await _control(source, args)
    finally:
        await source.close()


def _prepare(args: argparse.Namespace) -> tuple[Query, str | None]:
    """Check what can be checked offline: the filter, --sort and --columns."""
    kind = VIEWS.get(getattr(args, "view", ""), JobLogDetail) if args.command in ("jobs", "logs") else None
    query, sort = parse(""), None
    if args.command == "jobs":
        try:
            query = parse(args.filter)
        except QueryError as err:
            raise ConfigError(_("Bad filter: {error}").format(error=err)) from None
        assert kind is not None
        missing = query.missing_fields(kind)
        if missing:  # it would match nothing (negated: everything) and say nothing
            raise ConfigError(ngettext("Bad filter: {kind} have no field {names}.", "Bad filter: {kind} have no fields {names}.",
                                       len(missing)).format(kind=_(output.KIND_NAMES[kind]), names=", ".join(missing)))
        if args.sort:
            assert kind is not None  # jobs always has one: VIEWS.get with a default
            sort = _check_sort(kind, args.sort)
    if kind is not None:
        try:
            output.render([], kind, args.format, datetime.now(UTC), columns=args.columns)
        except output.ColumnError as err:
            raise ConfigError(_("Bad --columns: {error}").format(error=err)) from None
    return query, sort


def _check_sort(cls: type, spec: str) -> str:
    name, _sep, direction = spec.partition(":")
    fields = output.sortable_fields(cls)
    wanted = name.strip().casefold()
    if not any(wanted in (f.casefold(), _snake(f)) for f in fields):
        raise ConfigError(_("Bad --sort: cannot sort {kind} by {name!r}; sortable fields: {fields}.").format(
            kind=_(output.KIND_NAMES[cls]), name=name, fields=", ".join(fields)))
    if direction.casefold() not in ("", "asc", "desc"):
        raise ConfigError(_("Bad --sort: the direction is asc or desc, not {direction!r} (e.g. startDate:desc).").format(
            direction=direction))
    return spec


def _snake(ips: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in ips).casefold()


async def _jobs(source: JobSource, args: argparse.Namespace, query: Query, sort: str | None) -> int:
    now = datetime.now(UTC)
    rows = select_rows(await fetch(source, args.view), args, query, sort, now)
    completion.remember(job.job_handle for job in rows)
    output.write(rows, VIEWS[args.view], args.format, now, sys.stdout, columns=args.columns,
                 headers=not args.no_headers, truncated=sys.stdout.isatty(), fit_width=terminal_width())
    return 0


async def _logs(source: JobSource, args: argparse.Namespace) -> int:
    details, _last_page = await all_details(source, args.job_handle)
    output.write(by_severity(details, args.severity), JobLogDetail, args.format, datetime.now(UTC), sys.stdout,
                 columns=args.columns, headers=not args.no_headers, truncated=sys.stdout.isatty(),
                 fit_width=terminal_width())
    return 0


# --- stop, pause, resume, execute, delete ------------------------------------------------------


def _state(job: ActiveJob | ScheduledJob) -> str:
    state = job.state if isinstance(job, ActiveJob) else job.trigger_state
    return printable(word_or_value(state) if state is not None else "—")


def _describe(job: ActiveJob | ScheduledJob | None, handle: str, command: str) -> str:
    if job is None:
        if command == "stop":
            return "  " + _("{handle}  (not among the active jobs now)").format(handle=printable(handle))
        return "  " + _("{handle}  (not among the scheduled jobs now)").format(handle=printable(handle))
    return f"  {printable(job.name or '—')}  [{printable(handle)}]  {printable(job.type or '—')}  {_state(job)}"


async def _snapshot(source: JobSource, command: str) -> dict[str, ActiveJob | ScheduledJob]:
    jobs: list[Any] = await (source.active_jobs() if "active" in CONTROLS[command].views else source.scheduled_jobs())
    return {job.job_handle: job for job in jobs}


async def _why_refused(source: JobSource, handle: str, command: str, err: IpsError) -> str:
    """What a refusal means, in one phrase: no such job, already finished, the wrong kind, or IPS's
    words. The look-ups that tell them apart are best effort: if one fails, IPS's words are shown."""
    refused = _("refused: {reason}").format(reason=printable(err.message))
    if not isinstance(err, ApiFault):
        return refused
    try:
        other = await _snapshot(source, "pause" if command == "stop" else "stop")
        if handle in other:
            if command == "stop":
                return _("refused: it is a scheduled job, not a running one (use pause or delete)")
            return _("refused: it is running, not scheduled (use stop)")
        log = await finished_log(source, handle)
        if log is not None:
            return _("already finished ({ended}); nothing to {command}").format(ended=ended(log), command=command)
        if (await _snapshot(source, command)).get(handle) is None:
            return _("no such job (IPS knows no job with this handle)")
    except IpsError:
        pass
    return refused


def _confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        raise ConfigError(_("Refusing to act without confirmation on a non-interactive terminal; add --yes."))
    # The prompt blocks the event loop, so asyncio's own Ctrl-C handler (cancel the task when the loop
    # runs next) would wait for Enter; and the signal may land on another thread, leaving a blocking
    # read asleep. So: Python's KeyboardInterrupt while asking, and a read that wakes up now and then.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        # TRANSLATORS: the answer letters stay y/N in every language; "yes" below may add a word of its own
        print(_("{question} [y/N] ").format(question=question), end="", flush=True)
        while not select.select([sys.stdin], [], [], 0.2)[0]:
            pass
        answer = sys.stdin.readline()
    finally:
        signal.signal(signal.SIGINT, previous)
    if not answer:  # Ctrl-D (or a closed terminal) is not a yes
        print()
        return False
    return answer.strip().lower() in (*YES_WORDS, _("yes"))


def _failed(line: str) -> None:
    """One job's failure: an error line on stderr like every other (``activejob-tui: …``), so that
    stdout holds only what was done and a script's ``2>/dev/null`` or ``2>errors.log`` splits them."""
    sys.stdout.flush()  # the lines before it come first, also when both go to one file (2>&1)
    print(f"activejob-tui: {line}", file=sys.stderr, flush=True)


async def _control(source: JobSource, args: argparse.Namespace) -> int:
    control = CONTROLS[args.command]
    method, done = control.method, control.done
    heading, question = _sentences(args.command, len(args.handles))
    before = await _snapshot(source, args.command)
    print(heading.format(count=len(args.handles)))
    for handle in args.handles:
        print(_describe(before.get(handle), handle, args.command))
    if not args.yes and not _confirm(question.format(count=len(args.handles))):
        print(_("Nothing done."))
        return exitcodes.DECLINED  # not 0 (nothing was done), not 1 (nothing failed): docs/DECISIONS.md
    failures: list[IpsError] = []
    accepted: list[str] = []
    for handle in args.handles:
        already = needless(args.command, before.get(handle))
        if already:
            print(_("{handle}: {why}; nothing to do").format(handle=printable(handle), why=printable(already)))
            continue
        try:
            await getattr(source, method)(handle)
            accepted.append(handle)
            print(_("{handle}: {done} (the server accepted it)").format(handle=printable(handle), done=_(done)))
        except (Unreachable, MalformedResponse) as err:  # no answer: it may or may not have been done
            failures.append(err)
            accepted.append(handle)
            _failed(_("{handle}: failed, it may or may not have been done: {error}").format(
                handle=printable(handle), error=printable(err.message)))
        except IpsError as err:
            failures.append(err)
            _failed(f"{printable(handle)}: {await _why_refused(source, handle, args.command, err)}")
    if accepted and args.command != "delete":
        await asyncio.sleep(1.0)
        after = await _snapshot(source, args.command)
        for handle in accepted:
            job = after.get(handle)
            if job is not None:
                print(_("{handle}: now {state}").format(handle=printable(handle), state=_state(job)))
                continue
            log = await finished_log(source, handle)
            print(_("{handle}: now {state}").format(handle=printable(handle),
                                                    state=ended(log) if log else _("gone from the list")))
    if failures:
        return max(err.exit_code for err in failures)
    return 0
