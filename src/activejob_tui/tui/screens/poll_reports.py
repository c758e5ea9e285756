"""The poller's reports on the console screen: a poll's jobs into the state, then the rows, the
header and what the operator is told; a failed poll marks the list stale (docs/ARCHITECTURE.md,
"How a poll becomes a row")."""

from __future__ import annotations

from ...i18n import _
from ...poller import PollFailed, PollReport, SnapshotApplied, View
from ..columns import view_title
from ..log_details import PROGRESS_SOURCE
from .list_view import update_counts
from .parts import ConsoleParts


def take_report(parts: ConsoleParts, report: PollReport) -> None:
    """One report of the current connection: :class:`SnapshotApplied` or :class:`PollFailed`
    (the first failure in a row is also a toast)."""
    if isinstance(report, SnapshotApplied):
        apply_snapshot(parts, report)
    elif isinstance(report, PollFailed):
        state = parts.state
        if state.went_stale(report.stale_since):
            table = parts.table
            table.add_class("-stale")  # the title in the warning colour (styles/app.tcss)
            table.border_title = _("{view} jobs — stale").format(view=view_title(parts.view))
            table.stale_as_of = state.row_clock()  # rows dimmed, "as of HH:MM:SS", no ETA
        parts.status.poll_failed(report.stale_since, report.error, report.retry_in)
        if report.failures == 1:
            parts.screen.notify(_("Poll failed: {error}").format(error=report.error), severity="warning", markup=False)


def apply_snapshot(parts: ConsoleParts, report: SnapshotApplied) -> None:
    """Take in one poll: the state first (``ConsoleState.apply``), then the rows (in one batch),
    then the header and what the operator is told. The cursor stays on its jobHandle."""
    parts.host.heap.after_poll(jobs=len(report.diff.current))
    table, state, view = parts.table, parts.state, parts.view
    selected = table.selected_key
    was_stale = state.row_clock.stale
    outcome = state.apply(report, selected)
    if was_stale:
        table.remove_class("-stale")
        table.border_title = _("{view} jobs").format(view=view_title(view))
        table.stale_as_of = None
    details = parts.details
    if (selected is not None and selected in outcome.notes and view is View.ACTIVE
            and details.source == PROGRESS_SOURCE):
        parts.log_pane.append(selected, details.entries(outcome.notes[selected]))
    parts.announcer.tell(outcome)
    parts.status.polled(report.at, report.pace)
    if outcome.view is not view:
        return
    refilled = table.view is not outcome.view or report.first
    if refilled:  # the view's first answer since it was shown: the cursor stays on its job if listed
        table.configure(outcome.view, outcome.current, selected if table.view is outcome.view else None)
    else:
        table.apply(outcome.current, outcome.added, outcome.changed, outcome.gone, redraw=outcome.settled)
    update_counts(parts)
    key = table.selected_key
    if view is View.ACTIVE and outcome.ended and selected in outcome.gone and parts.log_pane.job_key == selected:
        parts.selection.hold(selected)  # the job watched to its end: the panes stay on it
    elif refilled or key != selected or key in outcome.changed or key in outcome.added:
        parts.selection.polled()  # after a refill too: an empty first answer replaces "Waiting for data…"
