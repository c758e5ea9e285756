"""The detail and log panes follow the job list's cursor, once it rests (:data:`SELECTION_DEBOUNCE`)."""

from __future__ import annotations

from typing import Any

from .parts import ConsoleParts

SELECTION_DEBOUNCE = 0.15
"""Seconds the detail and log panes wait after a cursor move (a held key or quick taps redraw them
once the cursor rests): a detail update re-lays the screen out (~30 ms at 10,000 jobs), which a key
landing just after it waits for (benchmarks/ui.py, issue 12)."""


class SelectionFollower:
    """Shows the selected job in the detail pane and its log in the log pane: :meth:`moved` after
    :data:`SELECTION_DEBOUNCE` seconds of rest, :meth:`show_now` at once (a poll, a view, a filter)."""

    def __init__(self, parts: ConsoleParts) -> None:
        self.parts = parts
        self._timer: Any = None

    def moved(self) -> None:
        """The cursor moved: show its job once it has rested (a newer move restarts the wait)."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.parts.screen.set_timer(SELECTION_DEBOUNCE, self.show_now)

    def show_now(self) -> None:
        """Show the selected job (or none) now; a pending debounced show is dropped."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        table = self.parts.table
        self.parts.detail.show(table.selected_job)
        self.parts.details.follow(table.selected_key)
