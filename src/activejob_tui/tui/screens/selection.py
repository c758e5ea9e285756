"""The detail and log panes follow the job list's cursor, once it rests (:data:`SELECTION_DEBOUNCE`);
they stay on a watched job that ended until the operator moves the cursor (:meth:`SelectionFollower.hold`)."""

from __future__ import annotations

from typing import Any

from ...i18n import _
from .parts import ConsoleParts

SELECTION_DEBOUNCE = 0.15
"""Seconds the detail and log panes wait after a cursor move (a held key or quick taps redraw them
once the cursor rests): a detail update re-lays the screen out (~30 ms at 10,000 jobs), which a key
landing just after it waits for (benchmarks/ui.py, issue 12)."""


class SelectionFollower:
    """Shows the selected job in the detail pane and its log in the log pane: :meth:`moved` after
    :data:`SELECTION_DEBOUNCE` seconds of rest, :meth:`show_now` at once (a view, a filter), :meth:`polled`
    after a poll unless the panes are held on an ended job (:attr:`held`)."""

    def __init__(self, parts: ConsoleParts) -> None:
        self.parts = parts
        self._timer: Any = None
        self.held: str | None = None
        """The jobHandle of the ended job the panes stay on, or None: they follow the cursor."""

    def moved(self, *, restored: bool = False) -> None:
        """The cursor moved: show its job once it has rested (a newer move restarts the wait).
        ``restored``: the list's data moved it (its job left); the panes then stay if they are held."""
        if restored and self.held is not None:
            return
        self._cancel()
        self._timer = self.parts.screen.set_timer(SELECTION_DEBOUNCE, self.show_now)

    def _cancel(self) -> None:
        """Drop a pending debounced show."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def hold(self, key: str) -> None:
        """The active job ``key`` the panes show ended and left the list: they stay on it — its last
        detail lines are fetched, the panes say it ended — while the cursor rests on its neighbour;
        the operator's next cursor move (or another view, filter or sort) follows the list again.
        An operator watching a job's log to its end no longer sees it swapped for another job's."""
        self._cancel()
        self.held = key
        self.parts.detail.border_subtitle = _("ended")
        self.parts.details.ended(key, _("ended: now in Finished (3); move the cursor to follow the list"))

    def polled(self) -> None:
        """After a poll: show the selected job now, unless the panes are held on an ended job."""
        if self.held is None:
            self.show_now()

    def show_now(self) -> None:
        """Show the selected job (or none) now; a pending debounced show is dropped, a hold ends."""
        self._cancel()
        if self.held is not None:
            self.held = None
            self.parts.detail.border_subtitle = ""
        table = self.parts.table
        self.parts.detail.show(table.selected_job)
        self.parts.details.follow(table.selected_key)
