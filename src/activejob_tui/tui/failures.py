"""The one handler for a worker that died of a bug (an exception that is not a reported fault).

Every worker of the console runs with ``exit_on_error=False`` so a bug cannot take the console
down; Textual then posts ``Worker.StateChanged`` with ``WorkerState.ERROR`` and keeps the
exception in ``worker.error``. That message does not bubble, so every console worker is started
on the App (``app.run_worker``), and the App routes the message here: the operator reads what was
being done and that details are in the log file, and the log file gets the traceback. A failure
in a command worker says that the command may already have reached the server — after a stop was
sent, a bug is never silent.
"""

from __future__ import annotations

import logging
from typing import Any

from textual.app import App
from textual.worker import Worker, WorkerState

from ..i18n import _

log = logging.getLogger("activejob_tui.tui")


def describe(worker: Worker[object]) -> str:
    """The operator's sentence for a failed ``worker``."""
    error = worker.error
    what = worker.name or _("a background task")
    reason = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    sentence = _("Internal error while doing “{task}”: {reason}.").format(task=what, reason=reason)
    if worker.group == "commands":
        sentence += _(" The command may have reached the server; the next poll shows the jobs as they are.")
    return sentence + _(" The traceback is in the log file.")


def report_worker_failure(app: App[Any], event: Worker.StateChanged) -> bool:
    """Show and log ``event``'s worker if it failed; True when it did."""
    worker = event.worker
    if event.state is not WorkerState.ERROR or worker.error is None:
        return False
    error = worker.error
    log.error("worker %r (group %r) failed", worker.name, worker.group,
              exc_info=(type(error), error, error.__traceback__))
    app.notify(describe(worker), title=_("Internal error"), severity="error", markup=False, timeout=30)
    return True
