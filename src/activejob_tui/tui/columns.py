"""The job list's columns, per view: label, width, how to draw a cell, how to sort.

Widths are never measured from content (that is what makes a table of 10,000 rows slow): each
column has a base width and a ``priority``; :mod:`.column_layout` lays them out for a terminal. Every
cell is cut to its laid-out width with an ellipsis by :func:`text.safe_text` (Rich's cell width, the
project's one).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Set
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from rich.console import RenderableType
from rich.text import Text

from ..i18n import N_, _
from ..model.enums import TriggerState
from ..model.jobs import ActiveJob, JobLog, ScheduledJob
from ..model.query.catalogue import add_field_words
from ..poller import View
from . import display as fmt
from . import states
from .text import rjust, safe_text, truncate_rich

VIEW_TITLES: dict[View, str] = {View.ACTIVE: N_("Active"), View.SCHEDULED: N_("Scheduled"),
                                 View.FINISHED: N_("Finished")}
"""What the console calls each view (header, border, help): English msgids, see :func:`view_title`."""


def view_title(view: View) -> str:
    """The name of ``view`` in the current language."""
    return _(VIEW_TITLES[view])


@dataclass(frozen=True)
class RowContext:
    """What a cell may depend on besides the job itself: read-only views of the console state's
    marks, stops sent ("stopping…") and progress histories (``console_state.ConsoleState`` owns
    and mutates them in place)."""

    clock: fmt.Clock
    histories: Mapping[str, Any] = field(default_factory=dict)
    stopping: Mapping[str, Any] = field(default_factory=dict)
    marks: Set[str] = field(default_factory=set)


CellFn = Callable[[Any, str, RowContext, int], RenderableType]
SortFn = Callable[[Any], Any]
"""A job's sort value: a bare str, float or int (C-speed sorts), ``None`` when it has none (listed last)."""


@dataclass(frozen=True)
class JobTableColumn:
    key: str
    caption: str
    """The header's English msgid (``N_``); :attr:`label` is what is drawn."""
    width: int
    cell: CellFn
    sort: SortFn | None = None
    reverse_default: bool = False
    """Sort newest/biggest first when this column is first chosen."""
    deps: tuple[str, ...] | None = None
    """The job attributes the cell is drawn from (``None``: redraw on any change)."""
    priority: int = 50
    """Lower stays visible longer on a narrow terminal (0: always shown)."""
    flex: int = 0
    """Share of the spare width this column takes on a wide terminal (0: fixed width)."""
    min_width: int = 0
    """Narrowest a flexible column gets before columns are dropped (0: its base ``width``)."""
    max_width: int = 0
    """Widest a flexible column grows (0: ``width``)."""
    rank: Callable[[Any, str, RowContext], Any] | None = None
    """Sort value drawn from the job *and* the console state (the ETA needs the progress history)."""
    sample: Callable[[], str] | None = None
    """The widest text the cells show in the current language (a duration, an age): the column is laid
    out at least that many cells wide, so ``59 分 59 秒`` is never cut where ``59m 59s`` fits."""

    @property
    def label(self) -> str:
        """The header in the current language (the language is chosen after import)."""
        return _(self.caption) if self.caption.strip() else self.caption

    @property
    def sortable(self) -> bool:
        return self.sort is not None or self.rank is not None


def _text(attr: str, *, middle: bool = False) -> CellFn:
    """A text field, cut to the column (``middle``: keeping the end that tells runs apart); nil: a dash."""

    def cell(job: Any, key: str, ctx: RowContext, width: int) -> Text:
        value = getattr(job, attr)
        return Text("—", style="dim", end="") if value is None else safe_text(value, width=width, middle=middle)

    return cell


@dataclass(frozen=True, slots=True)
class MarkCell:
    """The mark column's cell: ● when marked (it carries the jobHandle it belongs to)."""

    key: str
    marked: bool

    def __rich__(self) -> Text:
        return Text("●", style="state.run", end="") if self.marked else Text(" ", end="")


def _mark(job: Any, key: str, ctx: RowContext, width: int) -> MarkCell:
    return MarkCell(key, key in ctx.marks)


def _active_state(job: ActiveJob, key: str, ctx: RowContext, width: int) -> Text:
    if key in ctx.stopping:
        return states.stopping()
    return truncate_rich(states.active_state(job.state), width)


def _progress(job: ActiveJob, key: str, ctx: RowContext, width: int) -> Text:
    return fmt.progress_bar(job.progress, width=width - 5)


@dataclass(frozen=True, slots=True)
class LiveEta:
    """The ETA cell: the job's progress history is looked up when the cell is drawn, not when it is
    made (a history may start after the cell was cached). Draws as :class:`display.EtaCell`."""

    key: str
    progress: float | None
    ctx: RowContext = field(compare=False, repr=False)

    def __rich__(self) -> Text:
        return fmt.EtaCell(self.ctx.histories.get(self.key), self.progress, self.ctx.clock).__rich__()


def _eta(job: ActiveJob, key: str, ctx: RowContext, width: int) -> RenderableType:
    if job.state is not None and job.state.recognized and job.state.value in ("Done", "Stopping"):
        return Text("—", style="dim", end="")
    return LiveEta(key, job.progress, ctx)


def _eta_rank(job: ActiveJob, key: str, ctx: RowContext) -> float | None:
    """Seconds left (soonest first); no estimate sorts last."""
    history = ctx.histories.get(key)
    eta = history.eta(ctx.clock()) if history is not None else None
    return _num(eta.total_seconds() if eta is not None else None)


def _size(job: Any, key: str, ctx: RowContext, width: int) -> Text:
    return Text(rjust(fmt.size(job.total_size), width), end="", no_wrap=True)


def _relative(attr: str, future: bool = False) -> CellFn:
    return lambda job, key, ctx, width: fmt.Relative(getattr(job, attr), ctx.clock, future)


def _count(attr: str, style: str = "") -> CellFn:
    def cell(job: Any, key: str, ctx: RowContext, width: int) -> Text:
        value = getattr(job, attr)
        text = "—" if value is None else str(value)
        return Text(rjust(text, width), style=style if value else "", end="", no_wrap=True)

    return cell


def _outcome(job: JobLog, key: str, ctx: RowContext, width: int) -> Text:
    return truncate_rich(states.outcome(job.outcome), width)


def _log_duration(job: JobLog, key: str, ctx: RowContext, width: int) -> Text:
    if job.start_date is None or job.end_date is None:
        return Text("—", end="")
    return Text(fmt.duration((job.end_date - job.start_date).total_seconds()), end="", no_wrap=True)


def _next_run(job: ScheduledJob, key: str, ctx: RowContext, width: int) -> RenderableType:
    """``in 5m``; ``paused`` for a paused trigger (its nextFireTime stays as it was and soon lies in
    the past: it does not run until resumed) and ``—`` for a complete one (it will not run again);
    triggerState and nextFireTime: IPS_JOBS_API.md §5.2, §6."""
    if job.trigger_state == TriggerState.PAUSED:
        return Text(_("paused"), style="state.warn", end="", no_wrap=True)
    if job.trigger_state == TriggerState.COMPLETE:
        return Text("—", style="dim", end="")
    return fmt.Relative(job.next_fire_time, ctx.clock, future=True)


def _next_run_key(job: ScheduledJob) -> float | None:
    """Soonest first; a paused or complete trigger (no next run) sorts with the jobs without a time."""
    if job.trigger_state in (TriggerState.PAUSED, TriggerState.COMPLETE):
        return _when(None)
    return _when(job.next_fire_time)


def _trigger(job: ScheduledJob, key: str, ctx: RowContext, width: int) -> Text:
    return truncate_rich(states.trigger_state(job.trigger_state), width)


def _fold(value: str | None) -> str | None:
    return None if value is None else value.casefold()


def _when(value: datetime | None) -> float | None:
    return None if value is None else value.timestamp()


def _num(value: float | None) -> float | None:
    return None if value is None else float(value)


_STATE_RANK = {"Running": 0, "Stopping": 1, "WaitingCoordinator": 2, "WaitingClient": 3, "New": 4, "Done": 5}

MARK = JobTableColumn("mark", " ", 1, _mark, priority=0)

ACTIVE: tuple[JobTableColumn, ...] = (
    MARK,
    JobTableColumn("state", N_("State"), 12, _active_state, lambda j: _STATE_RANK.get(str(j.state), 9), priority=1),
    JobTableColumn("name", N_("Name"), 25, _text("name", middle=True), lambda j: _fold(j.name), priority=2, flex=4, min_width=16,
           max_width=60),
    JobTableColumn("type", N_("Type"), 18, _text("type"), lambda j: _fold(j.type), priority=7, flex=2, max_width=36),
    JobTableColumn("progress", N_("Progress"), 15, _progress, lambda j: _num(j.progress), True, priority=3),
    JobTableColumn("started", N_("Started"), 10, _relative("start_date"), lambda j: _when(j.start_date), True, priority=6,
           sample=fmt.widest_age),
    JobTableColumn("updated", N_("Update"), 10, _relative("last_progress_update"), lambda j: _when(j.last_progress_update), True,
           priority=5, sample=fmt.widest_age),
    JobTableColumn("eta", N_("ETA"), 7, _eta, priority=4, rank=_eta_rank, sample=fmt.widest_duration),
    JobTableColumn("size", N_("Size"), 9, _size, lambda j: _num(j.total_size), True, priority=8),
    JobTableColumn("server", N_("Server"), 8, _text("server_name"), lambda j: _fold(j.server_name), priority=9, flex=1,
           max_width=24),
    JobTableColumn("user", N_("Submitted by"), 19, _text("submit_user_email"), lambda j: _fold(j.submit_user_email),
           priority=10, flex=1, max_width=32),
)

SCHEDULED: tuple[JobTableColumn, ...] = (
    MARK,
    JobTableColumn("state", N_("Trigger"), 12, _trigger, lambda j: _fold(str(j.trigger_state) if j.trigger_state else None),
           priority=1),
    JobTableColumn("name", N_("Name"), 30, _text("name", middle=True), lambda j: _fold(j.name), priority=2, flex=4, min_width=16,
           max_width=60),
    JobTableColumn("type", N_("Type"), 22, _text("type"), lambda j: _fold(j.type), priority=5, flex=2, max_width=36),
    JobTableColumn("next", N_("Next run"), 11, _next_run, _next_run_key, priority=3,
           sample=fmt.widest_until),
    JobTableColumn("schedule", N_("Schedule"), 22, _text("exec_schedule"), lambda j: _fold(j.exec_schedule), priority=4, flex=1,
           max_width=40),
    JobTableColumn("tz", N_("Time zone"), 16, _text("time_zone"), lambda j: _fold(j.time_zone), priority=7),
    JobTableColumn("user", N_("Submitted by"), 24, _text("submit_user_email"), lambda j: _fold(j.submit_user_email),
           priority=6, flex=1, max_width=32),
)

FINISHED: tuple[JobTableColumn, ...] = (
    MARK,
    JobTableColumn("state", N_("Outcome"), 11, _outcome, lambda j: str(j.outcome), priority=1),
    JobTableColumn("name", N_("Name"), 30, _text("job_name", middle=True), lambda j: _fold(j.job_name), priority=2, flex=4, min_width=16,
           max_width=60),
    JobTableColumn("type", N_("Log type"), 22, _text("log_type"), lambda j: _fold(j.log_type), priority=8, flex=2, max_width=36),
    JobTableColumn("ended", N_("Ended"), 10, _relative("end_date"), lambda j: _when(j.end_date), True, priority=3,
           sample=fmt.widest_age),
    JobTableColumn("duration", N_("Took"), 8, _log_duration,
           lambda j: _num((j.end_date - j.start_date).total_seconds() if j.end_date and j.start_date else None), True,
           priority=5, sample=fmt.widest_duration),
    JobTableColumn("ok", N_("OK"), 6, _count("file_success_count"), lambda j: _num(j.file_success_count), True, priority=6),
    JobTableColumn("err", N_("Err"), 5, _count("file_error_count", "state.bad"), lambda j: _num(j.file_error_count), True,
           priority=4),
    JobTableColumn("warn", N_("Warn"), 5, _count("file_warning_count", "state.warn"), lambda j: _num(j.file_warning_count), True,
           priority=7),
    JobTableColumn("files", N_("Files"), 6, _count("total_file_count"), lambda j: _num(j.total_file_count), True, priority=9),
    JobTableColumn("user", N_("Submitted by"), 24, _text("submit_user_email"), lambda j: _fold(j.submit_user_email),
           priority=10, flex=1, max_width=32),
)

_DEPS: dict[str, tuple[str, ...]] = {
    "mark": (),
    "name": ("name", "job_name"),
    "type": ("type", "log_type"),
    "progress": ("progress",),
    "started": ("start_date",),
    "updated": ("last_progress_update",),
    "eta": ("progress", "last_progress_update", "state"),
    "size": ("total_size",),
    "server": ("server_name",),
    "user": ("submit_user_email",),
    "next": ("next_fire_time",),
    "schedule": ("exec_schedule",),
    "tz": ("time_zone",),
}


def _with_deps(columns: tuple[JobTableColumn, ...]) -> tuple[JobTableColumn, ...]:
    return tuple(replace(c, deps=_DEPS.get(c.key)) for c in columns)


ACTIVE, SCHEDULED, FINISHED = _with_deps(ACTIVE), _with_deps(SCHEDULED), _with_deps(FINISHED)

COLUMNS: dict[View, tuple[JobTableColumn, ...]] = {View.ACTIVE: ACTIVE, View.SCHEDULED: SCHEDULED, View.FINISHED: FINISHED}

DEFAULT_SORT: dict[View, tuple[str, bool]] = {
    View.ACTIVE: ("started", True),
    View.SCHEDULED: ("next", False),
    View.FINISHED: ("ended", True),
}


def sortable(view: View) -> list[JobTableColumn]:
    return [c for c in COLUMNS[view] if c.sortable]


COLUMN_KEYS: frozenset[str] = frozenset(c.key for view in COLUMNS.values() for c in view if c.priority)
"""Every column id an operator may show or hide (``columns = [...]`` in the config, the palette)."""

FILTER_FIELDS: dict[str, str] = {
    "state": "state", "name": "name", "type": "type", "progress": "progress", "started": "startDate",
    "updated": "lastProgressUpdate", "size": "size", "server": "server", "user": "user", "next": "nextFireTime",
    "schedule": "execSchedule", "tz": "timeZone", "ended": "endDate", "ok": "fileSuccessCount",
    "err": "fileErrorCount", "warn": "fileWarningCount", "files": "totalFileCount",
}
"""Column id → the filter field it shows: a column's header, in the operator's language, names that
field in the filter too (words shown = words filtered)."""

for _view_columns in COLUMNS.values():
    for _column in _view_columns:
        if _column.key in FILTER_FIELDS:
            add_field_words(FILTER_FIELDS[_column.key], _column.caption)

