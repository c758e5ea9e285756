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


@dataclass(frozen=True, slots=True)
class Notice:
    """One ended job as announced: ``outcome`` is the JobLog's outcome word, or ``ended`` when it was
    not looked up; ``failed`` when it ended with errors or a fatal outcome."""

    at: datetime
    job: str
    handle: str
    outcome: str
    failed: bool
    errors: int = 0

    def describe(self) -> str:
        word = outcome_word(self.outcome)
        if not self.failed:
            return word
        return ngettext("{outcome}: {count} error", "{outcome}: {count} errors", self.errors).format(
            outcome=word, count=self.errors)


def summary(notices: list[Notice], policy: str) -> tuple[str, str] | None:
    """The one message (text, severity) for jobs that ended together under ``policy``; None for
    nothing to say."""
    failed = [n for n in notices if n.failed]
    if policy == "off" or not notices or (policy == "failures" and not failed):
        return None
    names = _(", ").join(n.job for n in (failed or notices)[:NAMED]) + ("…" if len(failed or notices) > NAMED else "")
    if len(notices) == 1:
        n = notices[0]
        if n.failed:
            return _("{job} ended with {outcome}.").format(job=n.job, outcome=n.describe()), "error"
        return _("Job finished: {job}").format(job=n.job), "information"
    if policy == "failures":
        return _("{failed} of {count} finished jobs had errors: {names}").format(
            failed=len(failed), count=len(notices), names=names), "error"
    if failed:
        return _("{count} jobs finished, {failed} with errors: {names}").format(
            failed=len(failed), count=len(notices), names=names), "error"
    return _("{count} jobs finished: {names}").format(count=len(notices), names=names), "information"


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
                found = await source.job_logs(start=self.state.clock() - timedelta(days=1), limit=500)
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
                                  (log.file_error_count or 0) if log is not None else 0))
        self.history.extend(notices)
        if self.bell and any(n.failed for n in notices):
            self.node.app.bell()
        said = summary(notices, self.policy)
        if said is not None:
            text, severity = said
            self.node.app.notify(text, title=_("Job failed") if severity == "error" else _("Finished"),  # type: ignore[call-arg]
                                 severity=severity, markup=False,  # type: ignore[arg-type]
                                 timeout=15 if severity == "error" else None, desktop=True)
