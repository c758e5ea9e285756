"""The main screen: header, job list, detail and log panes, filter bar, footer.

It receives the poller's messages, keeps the last snapshot of each view, and sends commands
(stop, pause, resume, run now, delete) through one place, :meth:`ConsoleScreen.run_command`,
after a confirmation where one is due. It never talks to the network except through the
app's :class:`JobSource`, inside workers.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Footer

from ...ips.errors import IpsError
from ...ips.source import ConnectionInfo
from ...model.enums import ActiveJobState, Outcome, Severity, TaskState
from ...model.humanize import ProgressHistory
from ...model.jobs import ActiveJob, JobLog, ScheduledJob
from ...model.query import Query
from ...poller import PollFailed, PollStarted, SnapshotApplied, View
from .. import states
from ..columns import RowContext
from ..text import safe_str
from ..widgets.detail_pane import DetailPane
from ..widgets.filter_bar import FilterBar
from ..widgets.job_table import JobTable
from ..widgets.log_pane import LogEntry, LogPane
from ..widgets.status_line import StatusLine
from .confirm import ConfirmScreen, Target

if TYPE_CHECKING:
    from ..app import ActiveJobApp

PROGRESS_LINES = 1000
"""Progress messages kept per active job."""
DETAIL_PAGE = 500
"""Log details fetched per page for a finished job."""
STOP_PATIENCE = timedelta(seconds=90)
"""After this long without a state change, "stopping…" gives way and the operator is told."""

VIEW_ACTIONS = {"stop": {View.ACTIVE}, "pause": {View.SCHEDULED}, "resume": {View.SCHEDULED},
                "execute": {View.SCHEDULED}, "delete": {View.SCHEDULED}}
WRITE_ACTIONS = frozenset(VIEW_ACTIONS)
VERBS = {"stop": "stop", "pause": "pause", "resume": "resume", "execute": "run now", "delete": "delete"}


def _name(job: Any) -> str | None:
    return job.job_name if isinstance(job, JobLog) else getattr(job, "name", None)


def _state_text(job: Any) -> Text:
    if isinstance(job, ActiveJob):
        return states.active_state(job.state)
    if isinstance(job, ScheduledJob):
        return states.trigger_state(job.trigger_state)
    if isinstance(job, JobLog):
        return states.outcome(job.outcome)
    return Text("?", end="")


class ConsoleScreen(Screen[None]):
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (32, "-tall")]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "view('active')", "Active", id="view.active"),
        Binding("2", "view('scheduled')", "Scheduled", id="view.scheduled"),
        Binding("3", "view('finished')", "Finished", id="view.finished"),
        Binding("slash", "filter", "Filter", id="filter.open"),
        Binding("s", "stop", "Stop", id="job.stop"),
        Binding("p", "pause", "Pause", id="job.pause"),
        Binding("r", "resume", "Resume", id="job.resume"),
        Binding("e", "execute", "Run now", id="job.execute"),
        Binding("D", "delete", "Delete", id="job.delete"),
        Binding("f", "follow", "Follow log", id="log.follow"),
        Binding("enter", "maximize_pane", "Maximise", id="pane.maximize"),
        Binding("u", "clear_marks", "Unmark all", show=False, id="table.unmark"),
        Binding("escape", "escape", "Back", show=False, id="screen.escape"),
    ]

    def __init__(self, clock: Any) -> None:
        super().__init__()
        self.clock = clock
        self.view = View.ACTIVE
        self.jobs: dict[View, Mapping[str, Any]] = {view: {} for view in View}
        self.ctx = RowContext(clock=clock, histories={}, stopping={}, marks=set())
        self.progress_log: dict[str, deque[LogEntry]] = {}
        self.filter_query: Query | None = None
        self.filter_text = ""
        self.loaded: set[View] = set()
        self._detail_timer: Any = None
        self._detail_pages: dict[str, int] = {}

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield StatusLine(self.clock, id="status")
        with Vertical(id="panes"):
            table = JobTable(self.ctx, id="jobs")
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

    @property
    def jobs_app(self) -> ActiveJobApp:
        return self.app  # type: ignore[return-value]

    def on_mount(self) -> None:
        self.query_one(FilterBar).display = False
        self.table.configure(self.view, {})
        self.status.set(readonly=self.jobs_app.readonly, insecure=self.jobs_app.insecure,
                        interval=self.jobs_app.poll_interval)
        self.table.focus()

    # -- connection and poll events ------------------------------------------------------

    def connected(self, info: ConnectionInfo | None) -> None:
        self.status.set(info=info, connecting=None, stale_since=None, error="", retry_at=None)

    def connect_failed(self, error: BaseException, retry_in: float, since: datetime) -> None:
        self.status.set(connecting="not connected", stale_since=since, error=safe_str(str(error) or type(error).__name__),
                        retry_at=self.clock() + timedelta(seconds=retry_in))

    def on_poll_started(self, message: PollStarted) -> None:
        message.stop()

    def on_poll_failed(self, message: PollFailed) -> None:
        message.stop()
        self.status.set(stale_since=message.stale_since, error=str(message.error),
                        retry_at=self.clock() + timedelta(seconds=message.retry_in))
        if message.failures == 1:
            self.notify(f"Poll failed: {message.error}", severity="warning", markup=False)

    def on_snapshot_applied(self, message: SnapshotApplied) -> None:
        message.stop()
        self.jobs_app.heap.after_poll()
        diff, view = message.diff, message.view
        previous = self.jobs.get(view, {})
        current = diff.current
        self.jobs[view] = current
        added = [self._key(job, current) for job in diff.added]
        changed = [self._key(new, current) for _, new in diff.changed]
        gone = [self._key(job, previous) for job in diff.gone]
        if view is View.ACTIVE:
            self._track_progress(message.at, diff.added, diff.changed, added, changed)
            self._settle_stops(current, gone)
            if view in self.loaded:
                self._announce_ended([previous[k] for k in gone if k in previous])
            for key in gone:
                self.ctx.histories.pop(key, None)  # type: ignore[attr-defined]
                if key != self.table.selected_key:
                    self.progress_log.pop(key, None)
        if view is self.view and self.ctx.marks:
            self.ctx.marks.intersection_update(current.keys())
        self.loaded.add(view)
        self.status.set(last_poll=message.at, stale_since=None, error="", retry_at=None)
        if view is not self.view:
            return
        table = self.table
        selected = table.selected_key
        refilled = table.view is not view or message.first
        if refilled:
            table.configure(view, current)
        else:
            table.apply(current, added, changed, gone)
        self._update_counts()
        key = table.selected_key
        if refilled or key != selected or key in changed or key in added:
            self._show_selected()  # after a refill too: an empty first answer replaces "Waiting for data…"

    def _key(self, job: Any, mapping: Mapping[str, Any]) -> str:
        handle = getattr(job, "job_handle", None)
        if handle is not None and mapping.get(handle) is job:
            return handle
        for key, value in mapping.items():  # keyless or duplicate items: rare, linear is fine
            if value is job:
                return key
        return handle or ""

    def _track_progress(self, at: datetime, added: list[Any], changed: list[tuple[Any, Any]],
                        added_keys: list[str], changed_keys: list[str]) -> None:
        histories = self.ctx.histories
        selected = self.table.selected_key
        pairs = [(None, job, key) for job, key in zip(added, added_keys)]
        pairs += [(old, new, key) for (old, new), key in zip(changed, changed_keys)]
        for old, job, key in pairs:
            if job.progress is not None:
                history = histories.get(key)  # type: ignore[attr-defined]
                if history is None:
                    history = histories[key] = ProgressHistory()  # type: ignore[index]
                history.add(job.last_progress_update or at, job.progress)
            entries = list(self._progress_entries(old, job, at))
            if entries:
                log = self.progress_log.setdefault(key, deque(maxlen=PROGRESS_LINES))
                log.extend(entries)
                if key == selected and self.view is View.ACTIVE:
                    self.log_pane.append(key, entries)

    @staticmethod
    def _progress_entries(old: ActiveJob | None, job: ActiveJob, at: datetime) -> Iterable[LogEntry]:
        if job.progress_message and (
            old is None or old.progress_message != job.progress_message or old.last_progress_update != job.last_progress_update
        ):
            percent = f"{job.progress:>3}%" if job.progress is not None else "   ?"
            yield LogEntry.of(job.last_progress_update or at, Severity.INFO, percent, job.progress_message)
        if old is not None and old.state != job.state and job.state is not None:
            yield LogEntry.of(at, Severity.WARNING if job.state == ActiveJobState.STOPPING else Severity.INFO,
                              f"state {old.state} → {job.state}")
        before = {(t.task_type, t.progress_message) for t in (old.task_progress_array or ())} if old else set()
        for task in job.task_progress_array or ():
            if task.progress_message and (task.task_type, task.progress_message) not in before:
                severity = Severity.ERROR if task.task_state == TaskState.FAILED else Severity.INFO
                yield LogEntry.of(task.last_progress_update or at, severity, f"[{task.task_type or 'task'}]",
                                  task.progress_message)

    def _settle_stops(self, current: Mapping[str, ActiveJob], gone: list[str]) -> None:
        stopping = self.ctx.stopping
        if not stopping:
            return
        now = self.clock()
        settled = []
        for key, (state, since) in list(stopping.items()):  # type: ignore[attr-defined]
            job = current.get(key)
            if job is None or job.state != state:
                settled.append(key)
            elif now - since > STOP_PATIENCE:
                settled.append(key)
                self.notify(f"{safe_str(_name(job))} is still {job.state} {STOP_PATIENCE.seconds} s after stop.",
                            severity="warning", markup=False)
        for key in settled:
            stopping.pop(key, None)  # type: ignore[attr-defined]
        self.table.refresh_rows([k for k in settled if k in current])

    def _announce_ended(self, ended: list[ActiveJob]) -> None:
        if not ended:
            return
        if len(ended) <= 3:
            for job in ended:
                self.notify(f"Job ended: {safe_str(_name(job) or job.job_handle)}", title="Finished", markup=False)
        else:
            self.notify(f"{len(ended)} jobs ended.", title="Finished", markup=False)
        if self.jobs_app.watch_failures and self.jobs_app.source is not None:
            self._check_outcomes([j.job_handle for j in ended if j.job_handle])

    @work(group="outcomes", exit_on_error=False)
    async def _check_outcomes(self, handles: list[str]) -> None:
        source = self.jobs_app.source
        if source is None or not handles:
            return
        try:
            logs = await source.job_logs(start=self.clock() - timedelta(days=1), limit=500)
        except IpsError:
            return
        wanted = set(handles)
        for log in logs:
            if log.job_handle in wanted and log.outcome in (Outcome.ERRORS, Outcome.FATAL):
                self.notify(f"{safe_str(log.job_name or log.job_handle)} ended with {log.outcome}: "
                            f"{log.file_error_count or 0} errors.", title="Job failed", severity="error",
                            markup=False, timeout=15)

    def _update_counts(self) -> None:
        table = self.table
        marks = self.ctx.marks
        hidden = sum(1 for k in marks if not table.is_shown(k))
        self.status.set(view_title=self.view.title, count=len(self.jobs[self.view]), shown=table.row_count,
                        marked=len(marks), hidden_marked=hidden, filter_text=self.filter_text)

    # -- selection → detail and log ------------------------------------------------------

    @on(DataTable.RowHighlighted, "#jobs")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_selected()

    def _show_selected(self) -> None:
        table = self.table
        key = table.selected_key
        job = table.selected_job
        self.detail.show(job)
        pane = self.log_pane
        if key is None:
            pane.show(None, [])
            return
        if self.view is View.ACTIVE:
            if pane.job_key != key:
                pane.show(key, list(self.progress_log.get(key, ())), note="progress messages as they arrive")
        elif self.view is View.FINISHED:
            if pane.job_key != key:
                pane.show(key, [], note="loading…")
                if self._detail_timer is not None:
                    self._detail_timer.stop()
                self._detail_timer = self.set_timer(0.25, lambda: self._load_details(key, 1))
        elif pane.job_key != key:
            pane.show(key, [], note="scheduled jobs have no log")

    @work(group="details", exclusive=True, exit_on_error=False)
    async def _load_details(self, key: str, page: int) -> None:
        source = self.jobs_app.source
        if source is None or key.startswith("\x00"):
            return
        try:
            result = await source.job_log_details(key, page=page, per_page=DETAIL_PAGE)
        except IpsError as exc:
            if self.log_pane.job_key == key:
                self.log_pane.note = f"could not load: {exc}"
                self.log_pane.show(key, self.log_pane.entries if page > 1 else [], note=f"could not load: {exc}")
            return
        entries = []
        for d in result.details:
            asset = f"({d.asset_name})" if d.asset_name and d.asset_name not in (d.log_message or "") else ""
            entries.append(LogEntry.of(d.date_created, d.severity, d.log_message, asset))
            for aux in d.aux_array or ():
                entries.append(LogEntry.of(aux.date_created, Severity.INFO, "  ↳", aux.log_message))
        self._detail_pages[key] = page
        total = f"{result.total_rows} details" if result.total_rows is not None else ""
        if page == 1:
            self.log_pane.show(key, entries, has_more=result.has_more, note=total)
        else:
            self.log_pane.append(key, entries, has_more=result.has_more)

    @on(LogPane.LoadMore)
    def _load_more(self, event: LogPane.LoadMore) -> None:
        if self.view is View.FINISHED:
            self._load_details(event.job_key, self._detail_pages.get(event.job_key, 1) + 1)

    # -- views, filter, marks ------------------------------------------------------------

    def action_view(self, name: str) -> None:
        view = View(name)
        if view is self.view:
            return
        self.view = view
        self.ctx.marks.clear()
        self.table.configure(view, self.jobs[view])
        if self.filter_query is not None:
            self.table.set_filter(self.query_predicate())
        self.table.border_title = f"{view.title} jobs"
        self._update_counts()
        if view not in self.loaded:
            self.status.set(last_poll=None)
        self.log_pane.show(None, [])
        self._show_selected()
        self.jobs_app.view_changed(view)
        self.refresh_bindings()

    def query_predicate(self) -> Any:
        query, clock = self.filter_query, self.clock
        if query is None:
            return None
        return lambda job: query.matches(job, clock())

    def action_filter(self) -> None:
        self.query_one(FilterBar).open()

    @on(FilterBar.Changed)
    def _filter_changed(self, event: FilterBar.Changed) -> None:
        self.filter_query = event.query
        self.filter_text = event.text if event.query is not None else ""
        self.table.set_filter(self.query_predicate())
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
        elif self.filter_query is not None:
            self.query_one(FilterBar).action_clear()
        elif self.ctx.marks:
            self.table.clear_marks()

    def action_maximize_pane(self) -> None:
        if self.maximized is not None:
            self.minimize()
            return
        focused = self.focused
        for pane in (self.table, self.detail, self.log_pane):
            node: Widget | None = focused
            while node is not None and node is not self:
                if node is pane:
                    self.maximize(pane, container=False)
                    return
                node = node.parent  # type: ignore[assignment]

    # -- commands ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in WRITE_ACTIONS:
            if self.jobs_app.readonly:
                return None  # shown greyed out in the Footer
            if self.view not in VIEW_ACTIONS[action]:
                return False
        return True

    def targets(self) -> tuple[list[Target], int]:
        """The jobs a command would act on: the marked ones, else the selected one; and how many are hidden."""
        table = self.table
        jobs = self.jobs[self.view]
        keys = [k for k in jobs if k in self.ctx.marks] if self.ctx.marks else (
            [table.selected_key] if table.selected_key else [])
        hidden = sum(1 for k in keys if not table.is_shown(k))
        targets = [Target(k, _name(jobs[k]), getattr(jobs[k], "type", None), _state_text(jobs[k])) for k in keys if k in jobs]
        return targets, hidden

    def _confirmed(self, verb: str, *, confirm: bool) -> None:
        if self.jobs_app.readonly:
            self.notify("Read-only mode: jobs cannot be changed.", severity="warning")
            return
        targets, hidden = self.targets()
        if not targets:
            self.notify("No job selected.", severity="warning")
            return
        if any(t.handle.startswith("\x00") for t in targets):
            self.notify("A job without a handle cannot be commanded.", severity="error")
            return
        if not confirm and not hidden:
            self.run_command(verb, targets)
            return
        note = "The job will stop after its current step; the list shows “stopping…” until the server confirms." \
            if verb == "stop" else ""
        again = [t for t in targets if t.handle in self.ctx.stopping]
        if verb == "stop" and again:
            note += f" Stop was already sent to {len(again)} of them; sending it again is harmless."
        self.app.push_screen(ConfirmScreen(VERBS[verb], targets, hidden=hidden, note=note),
                             lambda ok: self.run_command(verb, targets) if ok else None)

    def action_stop(self) -> None:
        self._confirmed("stop", confirm=True)

    def action_pause(self) -> None:
        self._confirmed("pause", confirm=False)

    def action_resume(self) -> None:
        self._confirmed("resume", confirm=False)

    def action_execute(self) -> None:
        self._confirmed("execute", confirm=False)

    def action_delete(self) -> None:
        self._confirmed("delete", confirm=True)

    @work(group="commands", exit_on_error=False)
    async def run_command(self, verb: str, targets: list[Target]) -> None:
        """Send ``verb`` to exactly the handles in ``targets`` (those the dialog showed)."""
        app = self.jobs_app
        source = app.source
        if app.readonly or source is None:
            self.notify("Read-only mode: nothing was sent." if app.readonly else "Not connected.", severity="warning")
            return
        method = getattr(source, f"{verb}_job")
        done: list[Target] = []
        failed: list[tuple[Target, IpsError]] = []
        for target in targets:
            try:
                await method(target.handle)
            except IpsError as exc:
                failed.append((target, exc))
            else:
                done.append(target)
        if verb == "stop":
            jobs = self.jobs[View.ACTIVE]
            for target in done:
                job = jobs.get(target.handle)
                self.ctx.stopping[target.handle] = (job.state if job else None, self.clock())  # type: ignore[index]
            self.table.refresh_rows([t.handle for t in done])
        for target in done:
            self.ctx.marks.discard(target.handle)
        self.table.refresh_rows([t.handle for t in done])
        self._update_counts()
        label = VERBS[verb]
        if done:
            names = ", ".join(safe_str(t.name or t.handle) for t in done[:3]) + ("…" if len(done) > 3 else "")
            self.notify(f"Sent {label} to {len(done)} job{'s' if len(done) != 1 else ''}: {names}", markup=False)
        for target, exc in failed:
            self.notify(f"Could not {label} {safe_str(target.name or target.handle)}: {exc}", title="Command failed",
                        severity="error", markup=False, timeout=12)
        app.poll_now()

