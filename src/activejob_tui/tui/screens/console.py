"""The main screen: notices, header, job list, detail and log panes, filter bar, footer — composed, not
owned. Data in ``console_state.ConsoleState`` (``self.state``); commands through ``CommandRunner``
(``self.runner``, built by ``command_keys``); log lines through ``LogDetails``; post-poll notifications
through ``Announcer``; the App through the ``ConsoleHost`` protocol. Each key and message is routed to a
collaborator that does one job on the screen's parts (``screens/parts.py``): poll reports
(``poll_reports``), view, filter and context (``list_view``), the panes following the cursor
(``selection``), ``:`` commands (``colon_dispatch``), raw views and copy (``job_export``), enter/escape
(``pane_keys``), notifications (``notify_keys``) — see docs/ARCHITECTURE.md."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget

from ...colon_commands import parse_colon
from ...console_state import ConsoleState
from ...i18n import CHINESE_TRADITIONAL, N_, _, language
from ...poller import View
from ..announce import Announcer
from ..columns import RowContext, view_title
from ..host import ConsoleHost
from ..localized import LocalizedScreen
from ..log_details import LogDetails
from ..log_save import LogSaver
from ..messages import PollReported
from ..widgets.command_line import CommandLine
from ..widgets.console_footer import ConsoleFooter
from ..widgets.detail_pane import DetailPane
from ..widgets.filter_bar import FilterBar
from ..widgets.job_table import JobTable
from ..widgets.log_pane import LogPane
from ..widgets.notice_rack import NoticeRack
from ..widgets.status_line import StatusLine
from .colon_dispatch import run_colon
from .command_keys import allowed, command_runner, refuse
from .confirm import ConfirmScreen
from .job_export import copy_handle, show_raw
from .list_view import apply_filter, enter_context, switch_view, update_counts
from .notify_keys import cycle_policy, show_history
from .pane_keys import escape, toggle_maximized
from .poll_reports import take_report
from .selection import SelectionFollower


class ConsoleScreen(LocalizedScreen, Screen[None]):
    # Textual declares these `ClassVar[...] | None`, which mypy reads as instance variables
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (120, "-wide")]  # type: ignore[misc]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (32, "-tall")]  # type: ignore[misc]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "view('active')", N_("Active"), id="view.active"),
        Binding("2", "view('scheduled')", N_("Scheduled"), id="view.scheduled"),
        Binding("3", "view('finished')", N_("Finished"), id="view.finished"),
        # priority: the App runs them as it takes each key off its queue, before it hands the next key to
        # the focused widget — see tui/widgets/command_line.py (keys typed in one burst after ':' or '/')
        Binding("slash", "filter", N_("Filter"), id="filter.open", priority=True),
        Binding("colon", "command_line", N_("Command"), id="cmdline.open", priority=True),
        Binding("s", "command('stop')", N_("Stop"), id="job.stop"),
        Binding("p", "command('pause')", N_("Pause"), id="job.pause"),
        Binding("r", "command('resume')", N_("Resume"), id="job.resume"),
        Binding("e", "command('execute')", N_("Run now"), id="job.execute"),
        Binding("D", "command('delete')", N_("Delete"), id="job.delete"),
        Binding("f", "follow", N_("Follow log"), id="log.follow"),
        Binding("enter", "maximize_pane", N_("Maximise"), id="pane.maximize"),
        Binding("u", "clear_marks", N_("Unmark all"), show=False, id="table.unmark"),
        Binding("a", "cycle_notify", N_("Notifications"), show=False, id="notify.policy"),
        Binding("H", "notice_history", N_("Notification history"), show=False, id="notify.history"),
        Binding("y", "raw('json')", N_("JSON"), show=False, id="job.json"),
        Binding("x", "raw('xml')", N_("XML"), show=False, id="job.xml"),
        Binding("c", "copy_handle", N_("Copy handle"), show=False, id="job.copy"),
        Binding("escape", "escape", N_("Back"), show=False, id="screen.escape"),
    ]

    def __init__(self, host: ConsoleHost, clock: Any, columns: Sequence[str] | None = None,
                 wide_columns: bool = False) -> None:
        super().__init__()
        self.column_config = (tuple(columns) if columns is not None else None, wide_columns)
        """The config file's ``columns = [...]`` and ``wide_columns`` (the job list's show/hide)."""
        self.host = host
        self.clock = clock
        self.state = state = ConsoleState(clock)
        self.ctx = RowContext(clock=state.row_clock, histories=state.histories, stopping=state.stopping, marks=state.marks)
        self.runner = command_runner(self, ConfirmScreen)
        self.details = LogDetails(self, host, state)
        self.saver = LogSaver(self, host, state, self.details)
        self.announcer = Announcer(self, host, state)
        self.selection = SelectionFollower(self)
        self.notices = NoticeRack(id="notices")
        self.context_number = 0
        """The connection whose poll reports this screen takes (see :meth:`new_context`)."""

    @property
    def view(self) -> View:
        return self.state.view

    def compose(self) -> ComposeResult:
        yield self.notices
        yield StatusLine(self.clock, id="status")
        with Vertical(id="panes"):
            table = JobTable(self.ctx, self.state, id="jobs")
            table.border_title = _("{view} jobs").format(view=view_title(self.view))
            yield table
            with Horizontal(id="lower"):
                detail = DetailPane(id="detail")
                detail.border_title = _("Detail")
                yield detail
                yield LogPane(id="log-pane")
        yield FilterBar(id="filter")
        yield CommandLine(id="cmdline")
        yield ConsoleFooter()

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

    @property
    def filter_bar(self) -> FilterBar:
        return self.query_one(FilterBar)

    def binding_sections(self) -> list[tuple[str, Widget]]:
        """The nodes whose bindings the help screen and the palette list, with a section title."""
        return [(_("Console"), self), (_("Job list"), self.table), (_("Detail pane"), self.detail),
                (_("Log pane"), self.log_pane), (_("Log text"), self.log_pane.log_widget)]

    def on_mount(self) -> None:
        self.set_class(language() == CHINESE_TRADITIONAL, "-wide-glyphs")  # styles/app.tcss says why
        self.filter_bar.display = False
        self.query_one(CommandLine).display = False
        self.table.configure(self.view, {})
        try:
            self.table.show_columns(*self.column_config)
        except ValueError as error:
            self.notify(_("In the config file: {error}").format(error=error), severity="error", markup=False)
        self.status.set(readonly=self.host.readonly, insecure=self.host.insecure, interval=self.host.poll_interval)
        self.table.focus()

    def on_poll_reported(self, message: PollReported) -> None:
        message.stop()
        if message.context == self.context_number:  # not a report of the connection the console just left
            take_report(self, message.report)
            self.runner.polled()  # an open confirmation learns which of its jobs have ended

    @on(JobTable.RowHighlighted, "#jobs")
    def _row_highlighted(self, event: JobTable.RowHighlighted) -> None:
        self.selection.moved(restored=event.restored)

    def show_selected(self) -> None:
        """The detail and log panes show the selected job now."""
        self.selection.show_now()

    @on(LogPane.LoadMore)
    def _load_more(self, event: LogPane.LoadMore) -> None:
        if self.view is View.FINISHED:
            self.details.more(event.job_key)

    @on(LogPane.SwitchSource)
    def _switch_source(self, event: LogPane.SwitchSource) -> None:
        self.details.switch()

    @on(LogPane.SaveRequested)
    def _save_log(self, event: LogPane.SaveRequested) -> None:
        self.saver.save(event.job_key)

    def action_view(self, name: str) -> None:
        switch_view(self, View(name))

    def action_command_line(self) -> None:
        self.query_one(CommandLine).open(self.host.context_choices())

    def new_context(self, number: int, info: Any, profile: str | None, old_company: str | None) -> None:
        """Another profile or company is connected: take poll reports of ``number`` (``list_view.enter_context``)."""
        self.context_number = number
        enter_context(self, info, profile, old_company)

    @on(CommandLine.Run)
    def _run_command_line(self, event: CommandLine.Run) -> None:
        run_colon(self, parse_colon(event.command, event.argument))

    def action_filter(self) -> None:
        self.filter_bar.open()

    @on(FilterBar.Changed)
    def _filter_changed(self, event: FilterBar.Changed) -> None:
        apply_filter(self, event.query, event.text)

    @on(FilterBar.Done)
    def _filter_done(self, event: FilterBar.Done) -> None:
        self.table.focus()

    @on(JobTable.MarksChanged)
    def _marks_changed(self, event: JobTable.MarksChanged) -> None:
        update_counts(self)

    def on_screen_resume(self) -> None:
        self.host.release_notices()  # held while a dialog was open

    def action_cycle_notify(self) -> None:
        cycle_policy(self)

    def action_notice_history(self) -> None:
        show_history(self)

    def action_raw(self, kind: str) -> None:
        show_raw(self, kind)

    def action_copy_handle(self) -> None:
        copy_handle(self)

    def action_clear_marks(self) -> None:
        self.table.clear_marks()

    def action_follow(self) -> None:
        self.log_pane.action_toggle_follow()

    def action_escape(self) -> None:
        escape(self)

    def action_maximize_pane(self) -> None:
        toggle_maximized(self)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Greyed (None) in read-only mode, hidden (False) in a view where the command does not apply."""
        return allowed(self, action, parameters)

    def on_key(self, event: events.Key) -> None:
        """A command key that ``check_action`` refused never reaches its action: say why instead."""
        refuse(self, event, self.BINDINGS, getattr(self.app, "keymap_config", {}) or {})

    def action_command(self, verb: str) -> None:
        """stop, pause, resume, execute (run now) or delete the marked jobs, else the selected one."""
        self.runner.request(verb)
