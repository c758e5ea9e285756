"""The main screen: header, job list, detail and log panes, filter bar, footer — composed, not owned.

Data in ``console_state.ConsoleState`` (``self.state``); commands through ``CommandRunner``
(``self.runner``); log lines through ``LogDetails``; post-poll notifications through ``Announcer``;
the App through the ``ConsoleHost`` protocol. This screen only routes the poller's reports and the
widgets' messages between them (docs/ARCHITECTURE.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

from ...console_state import ConsoleState, Target
from ...i18n import CHINESE_TRADITIONAL, N_, _, language
from ...poller import PollFailed, SnapshotApplied, View
from ..announce import Announcer
from ..columns import RowContext, view_title
from ..command_runner import CommandRunner
from ..host import ConsoleHost
from ..localized import LocalizedScreen
from ..log_details import PROGRESS_SOURCE, LogDetails
from ..log_save import LogSaver
from ..messages import PollReported
from ..raw_text import XML_NOTE, job_json, job_xml
from ..refusals import command_keys, refusal
from ..text import safe_str
from ..widgets.command_line import CommandLine
from ..widgets.detail_pane import DetailPane
from ..widgets.filter_bar import FilterBar
from ..widgets.job_table import JobTable
from ..widgets.log_pane import LogPane
from ..widgets.status_line import StatusLine
from .confirm import ConfirmScreen
from .context_reset import reset_for_context
from .notices import NoticeHistoryScreen
from .raw import RawScreen

SELECTION_DEBOUNCE = 0.15
"""Seconds the detail and log panes wait after a cursor move (a held key or quick taps redraw them
once the cursor rests): a detail update re-lays the screen out (~30 ms at 10,000 jobs), which a key
landing just after it waits for (benchmarks/ui.py, issue 12)."""


class ConsoleScreen(LocalizedScreen, Screen[None]):
    # Textual declares these `ClassVar[...] | None`, which mypy reads as instance variables
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (120, "-wide")]  # type: ignore[misc]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (32, "-tall")]  # type: ignore[misc]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "view('active')", N_("Active"), id="view.active"),
        Binding("2", "view('scheduled')", N_("Scheduled"), id="view.scheduled"),
        Binding("3", "view('finished')", N_("Finished"), id="view.finished"),
        Binding("slash", "filter", N_("Filter"), id="filter.open"),
        Binding("colon", "command_line", N_("Command"), id="cmdline.open"),
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
        self.state = ConsoleState(clock)
        state = self.state
        self.ctx = RowContext(clock=state.row_clock, histories=state.histories, stopping=state.stopping, marks=state.marks)
        self.runner = CommandRunner(self, state, host, self._pick, self._after_command, dialog=ConfirmScreen)
        self.details = LogDetails(self, host, state)
        self.saver = LogSaver(self, host, state, self.details)
        self.announcer = Announcer(self, host, state)
        self._selection_timer: Any = None
        self.context_number = 0
        """The connection whose poll reports this screen takes (see :meth:`new_context`)."""

    @property
    def view(self) -> View:
        return self.state.view

    def compose(self) -> ComposeResult:
        yield StatusLine(self.clock, id="status")
        with Vertical(id="panes"):
            table = JobTable(self.ctx, self.state, id="jobs")
            table.border_title = _("Jobs")
            yield table
            with Horizontal(id="lower"):
                detail = DetailPane(id="detail")
                detail.border_title = _("Detail")
                yield detail
                yield LogPane(id="log-pane")
        yield FilterBar(id="filter")
        yield CommandLine(id="cmdline")
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

    def binding_sections(self) -> list[tuple[str, Widget]]:
        """The nodes whose bindings the help screen and the palette list, with a section title."""
        return [(_("Console"), self), (_("Job list"), self.table), (_("Detail pane"), self.detail),
                (_("Log pane"), self.log_pane), (_("Log text"), self.log_pane.log_widget)]

    def on_mount(self) -> None:
        self.set_class(language() == CHINESE_TRADITIONAL, "-wide-glyphs")  # styles/app.tcss says why
        self.query_one(FilterBar).display = False
        self.query_one(CommandLine).display = False
        self.table.configure(self.view, {})
        try:
            self.table.show_columns(*self.column_config)
        except ValueError as error:
            self.notify(_("In the config file: {error}").format(error=error), severity="error", markup=False)
        self.status.set(readonly=self.host.readonly, insecure=self.host.insecure, interval=self.host.poll_interval)
        self.table.focus()

    # -- poll reports --------------------------------------------------------------------

    def on_poll_reported(self, message: PollReported) -> None:
        message.stop()
        if message.context != self.context_number:
            return  # a report of the connection the console just left
        report = message.report
        if isinstance(report, SnapshotApplied):
            self.apply_snapshot(report)
        elif isinstance(report, PollFailed):
            if self.state.went_stale(report.stale_since):
                table = self.table
                table.add_class("-stale")  # the title in the warning colour (styles/app.tcss)
                table.border_title = _("{view} jobs — stale").format(view=view_title(self.view))
                table.stale_as_of = self.state.row_clock()  # rows dimmed, "as of HH:MM:SS", no ETA
            self.status.poll_failed(report.stale_since, report.error, report.retry_in)
            if report.failures == 1:
                self.notify(_("Poll failed: {error}").format(error=report.error), severity="warning", markup=False)

    def apply_snapshot(self, report: SnapshotApplied) -> None:
        """Take in one poll: the state first, then the rows, then what the operator is told."""
        self.host.heap.after_poll(jobs=len(report.diff.current))
        table = self.table
        selected = table.selected_key
        was_stale = self.state.row_clock.stale
        outcome = self.state.apply(report, selected)
        if was_stale:
            self.table.remove_class("-stale")
            self.table.border_title = _("{view} jobs").format(view=view_title(self.view))
            self.table.stale_as_of = None
        if (selected is not None and selected in outcome.notes and self.view is View.ACTIVE
                and self.details.source == PROGRESS_SOURCE):
            self.log_pane.append(selected, self.details.entries(outcome.notes[selected]))
        self.announcer.tell(outcome)
        self.status.polled(report.at, report.pace)
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
        self.status.set(view_title=view_title(self.view), count=len(state.current), shown=table.row_count,
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

    @on(LogPane.SwitchSource)
    def _switch_source(self, event: LogPane.SwitchSource) -> None:
        self.details.switch()

    @on(LogPane.SaveRequested)
    def _save_log(self, event: LogPane.SaveRequested) -> None:
        self.saver.save(event.job_key)

    def action_view(self, name: str) -> None:
        view = View(name)
        if not self.state.set_view(view):
            return
        table = self.table
        table.configure(view, self.state.current)
        if self.state.filter_query is not None:
            table.set_filter(self.state.predicate())
        table.border_title = _("{view} jobs").format(view=view_title(view))
        self._update_counts()
        if view not in self.state.loaded:
            self.status.set(last_poll=None)
        self.details.stop()
        self.log_pane.show(None, [])
        self._show_selected()
        self.host.view_changed(view)
        self.refresh_bindings()

    def action_command_line(self) -> None:
        self.query_one(CommandLine).open(self.host.context_choices())

    def new_context(self, number: int, info: Any, profile: str | None, old_company: str | None) -> None:
        """Another profile or company is connected (poll reports of ``number`` from now on): see
        ``context_reset.reset_for_context``; a toast says what went."""
        self.context_number = number
        told = reset_for_context(self, info, profile, old_company)
        self._update_counts()
        self.notify(told, title=_("Context switched"), markup=False)
        self.refresh_bindings()

    @on(CommandLine.Run)
    def _run_command_line(self, event: CommandLine.Run) -> None:
        """``:active`` ``:scheduled`` ``:finished`` ``:filter WORDS`` (an empty filter clears it)."""
        command, argument = event.command, event.argument
        self.table.focus()
        views = {v.value: v for v in View}
        if not command:
            return
        if command in views:
            self.action_view(command)
        elif command == "filter":
            bar = self.query_one(FilterBar)
            if argument:
                bar.open()
                bar.input.value = argument
                self.call_after_refresh(self.table.focus)
            else:
                bar.action_clear()
        elif command in ("profile", "company"):
            if argument:
                self.host.switch_context(command, argument)
            else:
                self.notify(_("Give a name: :{command} NAME (Tab completes it).").format(command=command),
                            severity="warning", markup=False)
        else:
            self.notify(_("Unknown command :{command}. Commands: :active, :scheduled, :finished, :filter WORDS, "
                          ":profile NAME, :company NAME.").format(command=command), severity="warning", markup=False)

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

    def on_screen_resume(self) -> None:
        self.host.release_notices()  # held while a dialog was open

    def action_cycle_notify(self) -> None:
        policy = self.announcer.cycle_policy()
        words = {"all": _("every ended job"), "failures": _("only jobs that end with errors"),
                 "off": _("nothing (H: history)")}
        self.notify(_("Notifications: {policy} — {meaning}.").format(policy=policy, meaning=words[policy]), markup=False)

    def action_notice_history(self) -> None:
        self.app.push_screen(NoticeHistoryScreen(self.announcer.history, self.announcer.policy))

    def action_raw(self, kind: str) -> None:
        """``y``: the selected job as the CLI's JSON; ``x``: as an XML item (re-serialized)."""
        job, key = self.table.selected_job, self.table.selected_key
        if job is None:
            self.notify(_("No job selected."), severity="warning")
            return
        handle = safe_str(getattr(job, "job_handle", None) or key or "—")
        if kind == "json":
            self.app.push_screen(RawScreen(_("{handle} · JSON as `activejob-tui jobs --format json` prints it").format(
                handle=handle), job_json(job)))
        else:
            self.app.push_screen(RawScreen(_("{handle} · XML, {note}").format(handle=handle, note=_(XML_NOTE)), job_xml(job)))

    def action_copy_handle(self) -> None:
        """``c``: the selected job's jobHandle to the clipboard (OSC 52: the terminal must allow it)."""
        job = self.table.selected_job
        handle = getattr(job, "job_handle", None)
        if not handle:
            self.notify(_("Nothing copied: no job selected, or the server sent it without a jobHandle."),
                        severity="warning")
            return
        self.app.copy_to_clipboard(handle)
        self.notify(_("Copied the jobHandle {handle} to the clipboard (through the terminal, OSC 52).").format(
            handle=safe_str(handle)), markup=False)

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

    def on_key(self, event: events.Key) -> None:
        """A command key that ``check_action`` refused (read-only, or a view where it does not apply)
        never reaches its action: say why here instead of doing nothing."""
        keymap = getattr(self.app, "keymap_config", {}) or {}
        verb = command_keys(self.BINDINGS, keymap).get(event.key)
        if verb is None or self.state.allows(verb, self.host.readonly):
            return
        event.stop()
        self.notify(refusal(verb, self.host.readonly, self.view), severity="warning", markup=False)

    def action_command(self, verb: str) -> None:
        """stop, pause, resume, execute (run now) or delete the marked jobs, else the selected one."""
        self.runner.request(verb)

    def _pick(self) -> tuple[tuple[Target, ...], int]:
        return self.state.targets(self.table.selected_key, self.table.is_shown)

    def _after_command(self, verb: str, handles: list[str]) -> None:
        self.table.refresh_rows(handles)
        self._update_counts()
