"""What the console screen's collaborators read and call of it, as a protocol (so none imports it).

``ConsoleScreen`` (``screens/console.py``) provides :class:`ConsoleParts`; its collaborators
(``poll_reports``, ``list_view``, ``selection``, ``colon_dispatch``, ``command_keys``,
``job_export``, ``pane_keys``) take one and
carry out one job each on its widgets: the data is in ``state``, the App behind ``host``.
"""

from __future__ import annotations

from typing import Any, Protocol

from textual.screen import Screen

from ...console_state import ConsoleState
from ...poller import View
from ..announce import Announcer
from ..host import ConsoleHost
from ..log_details import LogDetails
from ..widgets.detail_pane import DetailPane
from ..widgets.filter_bar import FilterBar
from ..widgets.job_table import JobTable
from ..widgets.log_pane import LogPane
from ..widgets.status_line import StatusLine


class PaneFollower(Protocol):
    """The panes following the cursor (``screens/selection.SelectionFollower``), as a poll sees them."""

    def polled(self) -> None:
        """After a poll: show the selected job, unless the panes are held on an ended job."""
        ...

    def hold(self, key: str) -> None:
        """The watched active job ``key`` ended and left the list: the panes stay on it until the
        operator moves the cursor."""
        ...


class ConsoleParts(Protocol):
    """The console screen as its collaborators see it."""

    @property
    def screen(self) -> Screen[Any]:
        """The screen itself, for Textual's API (``notify``, ``maximize``, ``refresh_bindings``…)."""
        ...

    @property
    def state(self) -> ConsoleState:
        """Snapshots per view, marks, stops, filter (``console_state.py``)."""
        ...

    @property
    def host(self) -> ConsoleHost:
        """The App's side: source, read-only mode, poller hooks (``tui/host.py``)."""
        ...

    @property
    def details(self) -> LogDetails:
        """What the log pane shows for the selected job."""
        ...

    @property
    def announcer(self) -> Announcer:
        """Ended jobs, overdue stops, failures: what the operator is told after a poll."""
        ...

    @property
    def view(self) -> View:
        """The view shown (Active, Scheduled, Finished)."""
        ...

    @property
    def table(self) -> JobTable:
        """The job list."""
        ...

    @property
    def status(self) -> StatusLine:
        """The header: connection, view, counts, poll times."""
        ...

    @property
    def detail(self) -> DetailPane:
        """The detail pane of the selected job."""
        ...

    @property
    def log_pane(self) -> LogPane:
        """The log pane of the selected job."""
        ...

    @property
    def filter_bar(self) -> FilterBar:
        """The ``/`` filter line."""
        ...

    def show_selected(self) -> None:
        """The detail and log panes show the selected job now (no debounce)."""
        ...

    @property
    def selection(self) -> PaneFollower:
        """What the detail and log panes show (``screens/selection.py``)."""
        ...
