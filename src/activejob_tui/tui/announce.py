"""What the operator is told after a poll: jobs that ended (coalesced), stops that never showed,
failed outcomes — under a policy, with a bell on failure, and kept in a history.

After active jobs end, and when ``watch_failures`` is on, their job logs are looked up in a
worker (getJobLogs over the last day, IPS_JOBS_API.md §6) *before* anything is announced, so one
message says it all: "3 jobs finished, 1 with errors". Policy (``notify`` in the config, ``a``
cycles it): ``all`` announces every end, ``failures`` only ends with errors or a fatal outcome,
``off`` none. Either way each ended job goes into :attr:`Announcer.history` (the last
:data:`HISTORY` events, ``H`` shows them), and the terminal bell rings on a failure when ``bell``
is on. Toasts are held while a dialog is open (the App releases them when it closes); what is
announced also goes to the desktop through the terminal when ``desktop_notify`` is set
(``tui/desktop.py``), at the moment the toast shows.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from textual.widget import Widget

from ..console_state import STOP_PATIENCE, ConsoleState, PollOutcome, job_name
from ..i18n import _, ngettext
from ..ips.errors import IpsError
from ..model.enums import Outcome
from .host import ConsoleHost
from .states import active_state, outcome_word
from .text import safe_str

NAMED = 3
"""Up to this many jobs are named in one message; more are counted."""
HISTORY = 200
"""Events kept for the notification history."""
POLICIES = ("all", "failures", "off")


OUTCOME_ROWS = 500
"""At most this many job logs are asked for to find the outcome of the jobs that ended in one poll."""
OUTCOME_MARGIN = timedelta(minutes=5)
"""How much earlier than the earliest ended job's ``startDate`` the job-log window opens (its log's
``startDate`` may be a little earlier than the active job's)."""


def outcome_window(ended: Iterable[Any], now: datetime) -> datetime:
    """Where the getJobLogs window (``startDate``, IPS_JOBS_API.md §4.3) opens to find the logs of
    ``ended`` active jobs: :data:`OUTCOME_MARGIN` before the earliest of their ``startDate``s, so the answer
    holds the jobs started since then — not the whole last day, an answer that grew with the server's
    history (the demo sandbox's: two more logs a minute, every one decoded after each ended job). A job
    without a ``startDate`` opens it a day back, as before."""
    starts = [job.start_date for job in ended]
    if not starts or any(start is None for start in starts):
        return now - timedelta(days=1)
    return min(starts) - OUTCOME_MARGIN


@dataclass(frozen=True, slots=True)
class Notice:
    """One ended job as announced: ``outcome`` is the JobLog's outcome word (``success``,
    ``warnings``, ``errors``, ``fatal``, ``cancelled``, ``unknown``: model.enums.Outcome), or
    ``ended`` when it was not looked up; ``failed`` when it ended with errors or a fatal outcome;
    ``errors``/``warnings`` the log's fileErrorCount/fileWarningCount (IPS_JOBS_API.md §5.5)."""

    at: datetime
    job: str
    handle: str
    outcome: str
    failed: bool
    errors: int = 0
    warnings: int = 0

    def describe(self) -> str:
        """The outcome for the history's Outcome column: ``3 errors``, ``2 warnings``, ``fatal: 1 error``,
        else the outcome word."""
        if self.outcome == Outcome.ERRORS and self.errors:
            return _count_errors(self.errors)
        if self.outcome == Outcome.WARNINGS and self.warnings:
            return ngettext("{count} warning", "{count} warnings", self.warnings).format(count=self.warnings)
        word = outcome_word(self.outcome)
        if self.failed and self.errors:
            return _("{outcome}: {errors}").format(outcome=word, errors=_count_errors(self.errors))
        return word


def _count_errors(count: int) -> str:
    return ngettext("{count} error", "{count} errors", count).format(count=count)


def told(n: Notice) -> tuple[str, str, str]:
    """What one ended job's toast says: (text, severity, title), naming the outcome its job log shows
    (a stopped job's log is a ``…Cancel`` one: cancelled, IPS_JOBS_API.md §6)."""
    if n.outcome == Outcome.CANCELLED:
        return _("Job cancelled: {job}").format(job=n.job), "information", _("Cancelled")
    if n.outcome == Outcome.SUCCESS:
        return _("Job succeeded: {job}").format(job=n.job), "information", _("Succeeded")
    if n.outcome == Outcome.WARNINGS:
        return ngettext("{job} finished with {count} warning.", "{job} finished with {count} warnings.",
                        n.warnings).format(job=n.job, count=n.warnings), "warning", _("Finished with warnings")
    if n.outcome == Outcome.FATAL:
        return _("{job} ended with a fatal error.").format(job=n.job), "error", _("Job failed")
    if n.failed:
        return ngettext("{job} ended with {count} error.", "{job} ended with {count} errors.",
                        n.errors).format(job=n.job, count=n.errors), "error", _("Job failed")
    return _("Job finished: {job}").format(job=n.job), "information", _("Finished")


def summary(notices: list[Notice], policy: str) -> tuple[str, str, str] | None:
    """The one message (text, severity, title) for jobs that ended together under ``policy``; None
    for nothing to say."""
    failed = [n for n in notices if n.failed]
    if policy == "off" or not notices or (policy == "failures" and not failed):
        return None
    if len(notices) == 1:
        return told(notices[0])
    names = _(", ").join(n.job for n in (failed or notices)[:NAMED]) + ("…" if len(failed or notices) > NAMED else "")
    if policy == "failures":
        return _("{failed} of {count} finished jobs had errors: {names}").format(
            failed=len(failed), count=len(notices), names=names), "error", _("Job failed")
    if failed:
        return _("{count} jobs finished, {failed} with errors: {names}").format(
            failed=len(failed), count=len(notices), names=names), "error", _("Job failed")
    cancelled = sum(1 for n in notices if n.outcome == Outcome.CANCELLED)
    if cancelled:
        return _("{count} jobs ended, {cancelled} cancelled: {names}").format(
            count=len(notices), cancelled=cancelled, names=names), "information", _("Ended")
    return _("{count} jobs finished: {names}").format(count=len(notices), names=names), "information", _("Finished")


class Announcer:
    """Turns a :class:`PollOutcome` into notifications and history."""

    def __init__(self, node: Widget, host: ConsoleHost, state: ConsoleState) -> None:
        self.node = node
        self.host = host
        self.state = state
        self.policy = host.notify_policy if host.notify_policy in POLICIES else "all"
        self.bell = host.bell_on_failure
        self.history: deque[Notice] = deque(maxlen=HISTORY)

    def cycle_policy(self) -> str:
        self.policy = POLICIES[(POLICIES.index(self.policy) + 1) % len(POLICIES)]
        return self.policy

    def tell(self, outcome: PollOutcome) -> None:
        for job in outcome.overdue:  # feedback on the operator's own command: always shown
            self.node.notify(_("{job} is still {state} {seconds} s after stop.").format(
                job=safe_str(job_name(job)), state=active_state(job.state).plain.lstrip("▶○◷■✓? "),
                seconds=STOP_PATIENCE.seconds),
                             severity="warning", markup=False)
        ended = list(outcome.ended)
        if not ended:
            return
        if self.host.watch_failures and self.host.source is not None:
            self.node.app.run_worker(self._check_outcomes(ended), name=_("check the outcome of ended jobs"),
                                     group="outcomes", exit_on_error=False)
        else:
            self.announce(ended, {})

    async def _check_outcomes(self, ended: list[Any]) -> None:
        source = self.host.source
        handles = [j.job_handle for j in ended if j.job_handle]
        logs: dict[str, Any] = {}
        if source is not None and handles:
            try:
                found = await source.job_logs(start=outcome_window(ended, self.state.clock()), limit=OUTCOME_ROWS,
                                              sort_by="StartDate", descending=True)
            except IpsError:
                found = []
            logs = {log.job_handle: log for log in found if log.job_handle is not None and log.job_handle in set(handles)}
        self.announce(ended, logs)

    def announce(self, ended: Iterable[Any], logs: dict[str, Any]) -> None:
        """Record ``ended`` jobs (with their job logs by handle, if looked up) and say it once."""
        now = self.state.clock()
        notices = []
        for job in ended:
            handle = job.job_handle or ""
            log = logs.get(handle)
            outcome = log.outcome if log is not None else None
            failed = outcome in (Outcome.ERRORS, Outcome.FATAL)
            notices.append(Notice(now, safe_str(job_name(job) or handle or "—"), safe_str(handle),
                                  str(outcome) if outcome is not None else "ended", failed,
                                  (log.file_error_count or 0) if log is not None else 0,
                                  (log.file_warning_count or 0) if log is not None else 0))
        self.history.extend(notices)
        if self.bell and any(n.failed for n in notices):
            self.node.app.bell()
        said = summary(notices, self.policy)
        if said is not None:
            text, severity, title = said
            self.node.app.notify(text, title=title,  # type: ignore[call-arg]
                                 severity=severity, markup=False,  # type: ignore[arg-type]
                                 timeout=15 if severity == "error" else None, desktop=True)
