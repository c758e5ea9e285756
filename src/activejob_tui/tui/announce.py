"""What the operator is told after a poll: jobs that ended, stops that never showed, failed outcomes.

After active jobs end, and when ``watch_failures`` is on, their job logs are looked up in a
worker (getJobLogs over the last day, IPS_JOBS_API.md §6). A log that ended with errors or a fatal
outcome is announced as an error.
"""

from __future__ import annotations

from datetime import timedelta

from textual.dom import DOMNode

from ..console_state import STOP_PATIENCE, ConsoleState, PollOutcome, job_name
from ..ips.errors import IpsError
from .host import ConsoleHost
from .text import safe_str

ANNOUNCED_ONE_BY_ONE = 3
"""Up to this many ended jobs are named; more are counted."""


class Announcer:
    """Turns a :class:`PollOutcome` into notifications."""

    def __init__(self, node: DOMNode, host: ConsoleHost, state: ConsoleState) -> None:
        self.node = node
        self.host = host
        self.state = state

    def tell(self, outcome: PollOutcome) -> None:
        notify = self.node.notify
        for job in outcome.overdue:
            notify(f"{safe_str(job_name(job))} is still {job.state} {STOP_PATIENCE.seconds} s after stop.",
                   severity="warning", markup=False)
        ended = outcome.ended
        if len(ended) > ANNOUNCED_ONE_BY_ONE:
            notify(f"{len(ended)} jobs ended.", title="Finished", markup=False)
        else:
            for job in ended:
                notify(f"Job ended: {safe_str(job_name(job) or job.job_handle)}", title="Finished", markup=False)
        if ended and self.host.watch_failures and self.host.source is not None:
            self.node.app.run_worker(self._check_outcomes([j.job_handle for j in ended if j.job_handle]),
                                     name="check the outcome of ended jobs", group="outcomes", exit_on_error=False)

    async def _check_outcomes(self, handles: list[str]) -> None:
        source = self.host.source
        if source is None or not handles:
            return
        try:
            logs = await source.job_logs(start=self.state.clock() - timedelta(days=1), limit=500)
        except IpsError:
            return
        for log in self.state.failed_outcomes(logs, handles):
            self.node.notify(f"{safe_str(log.job_name or log.job_handle)} ended with {log.outcome}: "
                             f"{log.file_error_count or 0} errors.", title="Job failed", severity="error",
                             markup=False, timeout=15)
