"""The main screen: header, job list, detail and log panes, filter bar, footer — composed, not owned.

Data in ``console_state.ConsoleState`` (``self.state``); commands through ``CommandRunner``
(``self.runner``); log lines through ``LogDetails``; post-poll notifications through ``Announcer``;
the App through the ``ConsoleHost`` protocol. This screen only routes the poller's reports and the
widgets' messages between them (docs/ARCHITECTURE.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Footer

from ...console_state import ConsoleState, Target
from ...poller import PollFailed, SnapshotApplied, View
from ..announce import Announcer
from ..columns import VIEW_TITLES, RowContext
from ..command_runner import CommandRunner
from ..host import ConsoleHost
from ..log_details import LogDetails
from ..messages import PollReported
from ..widgets.detail_pane import DetailPane
from ..widgets.filter_bar import FilterBar
from ..widgets.job_table import JobTable
from ..widgets.log_pane import LogPane
from ..widgets.status_line import StatusLine
from .confirm import ConfirmScreen

SELECTION_DEBOUNCE = 0.06
"""Seconds the detail and log panes wait after a cursor move (a held key redraws them once)."""


class ConsoleScreen(Screen[None]):
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (32, "-tall")]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "view('active')", "Active", id="view.active"),
        Binding("2", "view('scheduled')", "Scheduled", id="view.scheduled"),
        Binding("3", "view('finished')", "Finished", id="view.finished"),
        Binding("slash", "filter", "Filter", id="filter.open"),
        Binding("s", "command('stop')", "Stop", id="job.stop"),
        Binding("p", "command('pause')", "Pause", id="job.pause"),
        Binding("r", "command('resume')", "Resume", id="job.resume"),
        Binding("e", "command('execute')", "Run now", id="job.execute"),
        Binding("D", "command('delete')", "Delete", id="job.delete"),
        Binding("f", "follow", "Follow log", id="log.follow"),
        Binding("enter", "maximize_pane", "Maximise", id="pane.maximize"),
        Binding("u", "clear_marks", "Unmark all", show=False, id="table.unmark"),
        Binding("escape", "escape", "Back", show=False, id="screen.escape"),
    ]

    def __init__(self, host: ConsoleHost, clock: Any, columns: Sequence[str] | None = None,
                 wide_columns: bool = False) -> None:
        super().__init__()
        self.column_config = (tuple(columns) if columns is not None else None, wide_columns)
        """The config file's ``columns = [...]`` and ``wide_columns`` (the job list's show/hide)."""
        self.host = host
        self.clock = clock
        self.state = ConsoleState(clock)
        state = self.state
        self.ctx = RowContext(clock=clock, histories=state.histories, stopping=state.stopping, marks=state.marks)
        self.runner = CommandRunner(self, state, host, self._pick, self._after_command, dialog=ConfirmScreen)
        self.details = LogDetails(self, host, state)
        self.announcer = Announcer(self, host, state)
        self._selection_timer: Any = None

    @property
    def view(self) -> View:
        return self.state.view

    def compose(self) -> ComposeResult:
        yield StatusLine(self.clock, id="status")
        with Vertical(id="panes"):
            table = JobTable(self.ctx, self.state, id="jobs")
            table.border_title = "Jobs"
            yield table
            with Horizontal(id="lower"):
                detail = DetailPane(id="detail")
                detail.border_title = "Detail"
                yield detail
                yield LogPane(id="log-pane")
        yield FilterBar(id="filter")
        yield Footer()

    @property
    def table(self) -> JobTable:
        return self.query_one(JobTable)

    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)

    @property
    def detail(self) -> DetailPane:
        return self.query_one(DetailPane)

    @property
    def log_pane(self) -> LogPane:
        return self.query_one(LogPane)

    def binding_sections(self) -> list[tuple[str, DOMNode]]:
        """The nodes whose bindings the help screen and the palette list, with a section title."""
        return [("Console", self), ("Job list", self.table), ("Detail pane", self.detail),
                ("Log pane", self.log_pane), ("Log text", self.log_pane.log_widget)]

    def on_mount(self) -> None:
        self.query_one(FilterBar).display = False
        self.table.configure(self.view, {})
        try:
            self.table.show_columns(*self.column_config)
        except ValueError as error:
            self.notify(f"In the config file: {error}", severity="error", markup=False)
        self.status.set(readonly=self.host.readonly, insecure=self.host.insecure, interval=self.host.poll_interval)
        self.table.focus()

    # -- poll reports --------------------------------------------------------------------

    def on_poll_reported(self, message: PollReported) -> None:
        message.stop()
        report = message.report
        if isinstance(report, SnapshotApplied):
            self.apply_snapshot(report)
        elif isinstance(report, PollFailed):
            self.status.poll_failed(report.stale_since, report.error, report.retry_in)
            if report.failures == 1:
                self.notify(f"Poll failed: {report.error}", severity="warning", markup=False)

    def apply_snapshot(self, report: SnapshotApplied) -> None:
        """Take in one poll: the state first, then the rows, then what the operator is told."""
        self.host.heap.after_poll()
        table = self.table
        selected = table.selected_key
        outcome = self.state.apply(report, selected)
        if selected is not None and selected in outcome.notes and self.view is View.ACTIVE:
            self.log_pane.append(selected, self.details.entries(outcome.notes[selected]))
        self.announcer.tell(outcome)
        self.status.polled(report.at)
        if outcome.view is not self.view:
            return
        refilled = table.view is not outcome.view or report.first
        if refilled:
            table.configure(outcome.view, outcome.current)
        else:
            table.apply(outcome.current, outcome.added, outcome.changed, outcome.gone, redraw=outcome.settled)
        self._update_counts()
        key = table.selected_key
        if refilled or key != selected or key in outcome.changed or key in outcome.added:
            self._show_selected()  # after a refill too: an empty first answer replaces "Waiting for data…"

    def _update_counts(self) -> None:
        table, state = self.table, self.state
        hidden = sum(1 for k in state.marks if not table.is_shown(k))
        self.status.set(view_title=VIEW_TITLES[self.view], count=len(state.current), shown=table.row_count,
                        marked=len(state.marks), hidden_marked=hidden, filter_text=state.filter_text)

    @on(JobTable.RowHighlighted, "#jobs")
    def _row_highlighted(self, event: JobTable.RowHighlighted) -> None:
        if self._selection_timer is not None:
            self._selection_timer.stop()
        self._selection_timer = self.set_timer(SELECTION_DEBOUNCE, self._show_selected)

    def _show_selected(self) -> None:
        if self._selection_timer is not None:
            self._selection_timer.stop()
            self._selection_timer = None
        self.detail.show(self.table.selected_job)
        self.details.follow(self.table.selected_key)

    @on(LogPane.LoadMore)
    def _load_more(self, event: LogPane.LoadMore) -> None:
        if self.view is View.FINISHED:
            self.details.more(event.job_key)

    def action_view(self, name: str) -> None:
        view = View(name)
        if not self.state.set_view(view):
            return
        table = self.table
        table.configure(view, self.state.current)
        if self.state.filter_query is not None:
            table.set_filter(self.state.predicate())
        table.border_title = f"{VIEW_TITLES[view]} jobs"
        self._update_counts()
        if view not in self.state.loaded:
            self.status.set(last_poll=None)
        self.log_pane.show(None, [])
        self._show_selected()
        self.host.view_changed(view)
        self.refresh_bindings()

    def action_filter(self) -> None:
        self.query_one(FilterBar).open()

    @on(FilterBar.Changed)
    def _filter_changed(self, event: FilterBar.Changed) -> None:
        self.state.set_filter(event.query, event.text)
        self.table.set_filter(self.state.predicate())
        self._update_counts()
        self._show_selected()

    @on(FilterBar.Done)
    def _filter_done(self, event: FilterBar.Done) -> None:
        self.table.focus()

    @on(JobTable.MarksChanged)
    def _marks_changed(self, event: JobTable.MarksChanged) -> None:
        self._update_counts()

    def action_clear_marks(self) -> None:
        self.table.clear_marks()

    def action_follow(self) -> None:
        self.log_pane.action_toggle_follow()

    def action_escape(self) -> None:
        if self.maximized is not None:
            self.minimize()
        elif self.state.filter_query is not None:
            self.query_one(FilterBar).action_clear()
        elif self.state.marks:
            self.table.clear_marks()

    def action_maximize_pane(self) -> None:
        if self.maximized is not None:
            self.minimize()
            return
        chain = self.focused.ancestors_with_self if self.focused is not None else []
        pane = next((p for p in (self.table, self.detail, self.log_pane) if p in chain), None)
        if pane is not None:
            self.maximize(pane, container=False)

    # -- commands ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Greyed (None) in read-only mode, hidden (False) in a view where the command does not apply."""
        verb = str(parameters[0]) if action == "command" and parameters else action
        return self.state.allows(verb, self.host.readonly)

    def action_command(self, verb: str) -> None:
        """stop, pause, resume, execute (run now) or delete the marked jobs, else the selected one."""
        self.runner.request(verb)

    def _pick(self) -> tuple[tuple[Target, ...], int]:
        return self.state.targets(self.table.selected_key, self.table.is_shown)

    def _after_command(self, verb: str, handles: list[str]) -> None:
        self.table.refresh_rows(handles)
        self._update_counts()
