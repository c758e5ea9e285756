"""What the console knows between polls, without Textual: the single owner of the console's data.

:class:`ConsoleState` keeps, for the whole session:

- the last snapshot of each :class:`~activejob_tui.poller.View` (``jobs[view]``: jobHandle → job),
  replaced whole by :meth:`ConsoleState.apply` — nobody else writes to it;
- the marks of the current view (a set of jobHandles; other views' are kept), the stops sent and not yet settled
  (jobHandle → (the ActiveJob state when stop was sent, when)), a progress history per active job
  (for the ETA) and the progress messages seen per active job (for the log pane). Histories and
  messages survive a switch of view: they are keyed by jobHandle and only dropped when the job
  leaves the Active list;
- the filter and the page of log details loaded per finished job.

The widgets read it through :class:`RowContext`-shaped attributes (``clock``, ``marks``,
``stopping``, ``histories``); the screen asks it what to show and what to announce. Nothing here
posts, paints or sends: :meth:`apply` returns a :class:`PollOutcome` and the screen turns it into
rows, notifications and an outcome check.

A command acts on the :class:`Target` tuple :meth:`targets` returned when the confirmation opened;
see ``tui/command_runner.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from .i18n import _
from .model import words
from .model.controls import CONTROLS
from .model.enums import ActiveJobState, Outcome, Severity, TaskState
from .model.humanize import ProgressHistory
from .model.jobs import ActiveJob, JobLog
from .model.lazy import pending_of
from .model.query import Query
from .poller import SnapshotApplied, View

PROGRESS_LINES = 1000
"""Progress messages kept for the selected active job: the log pane's scrollback while the operator
watches it (~30 minutes of a message every 2 s poll)."""
PROGRESS_KEPT = 100
"""Progress messages kept for an active job that is not selected: what the log pane shows when the
operator moves to it — two pane-fulls of the tallest terminals (~100 rows, the pane half of them).
At ~300 bytes a message, the 17-job demo kept 1,000 for each job (5 MiB once full, and still growing
after 20 minutes: issue 9); now 100."""
PROGRESS_BUDGET = 10_000
"""Progress messages kept over all active jobs that are not selected (~3 MiB): with many jobs each
keeps ``PROGRESS_BUDGET // jobs`` (at least ``PROGRESS_MIN``), so memory does not grow with time
(issue 9: 10,000 jobs, 1,000 lines each, grew the console by ~5 MiB a minute)."""
PROGRESS_MIN = 2
"""The latest progress message and the one before it, for each job, however many jobs there are."""
STOP_PATIENCE = timedelta(seconds=90)
"""After this long without a state change, "stopping…" gives way and the operator is told."""

VIEW_ACTIONS: dict[str, frozenset[View]] = {
    verb: frozenset(View(v) for v in control.views) for verb, control in CONTROLS.items()
}
"""The views in which each command applies (stopJob on active jobs; the rest on scheduled ones)."""
WRITE_ACTIONS = frozenset(VIEW_ACTIONS)
VERBS = {verb: control.word for verb, control in CONTROLS.items()}
"""The words the operator reads for each command (``model.controls``, the table the CLI reads too):
English msgids of the common catalog, translated with ``_`` where shown."""


def job_name(job: Any) -> str | None:
    """``name`` of an ActiveJob/ScheduledJob, ``jobName`` of a JobLog (IPS_JOBS_API.md §4–§6)."""
    return job.job_name if isinstance(job, JobLog) else getattr(job, "name", None)


@dataclass(frozen=True, slots=True)
class Target:
    """One job as it was when the confirmation opened; ``handle`` is what the command acts on.

    ``job`` is the (immutable) model object of that moment, so the dialog and the report show
    what the operator saw even if a poll replaced it since.
    """

    handle: str
    name: str | None
    type: str | None
    job: Any


@dataclass(frozen=True, slots=True)
class ProgressNote:
    """One line for the log pane of an active job: when, how bad, and the parts of the text (raw)."""

    at: datetime | None
    severity: Severity
    parts: tuple[object, ...]


@dataclass(slots=True)
class PollOutcome:
    """What one applied poll means for the screen (keys are jobHandles of ``view``)."""

    view: View
    current: Mapping[str, Any]
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    ended: list[ActiveJob] = field(default_factory=list)
    """Active jobs that left the list (not on the first load of the view)."""
    settled: list[str] = field(default_factory=list)
    """Stops that settled (state changed, job gone, or patience ran out) and are still listed."""
    overdue: list[ActiveJob] = field(default_factory=list)
    """Jobs still in the same state :data:`STOP_PATIENCE` after stop was sent."""
    notes: dict[str, list[ProgressNote]] = field(default_factory=dict)
    """New progress lines per jobHandle from this poll."""


class RowClock:
    """The clock the job rows read (``RowContext.clock``): the real time while the data is fresh,
    frozen at :attr:`as_of` (the last good poll) while it is stale — so "5 min ago" stops aging
    instead of pretending, and ETA cells show "—" (they check :attr:`stale`)."""

    def __init__(self, clock: Callable[[], datetime]) -> None:
        self.real = clock
        self.as_of: datetime | None = None
        """The time of the last good poll while stale; None while fresh."""

    @property
    def stale(self) -> bool:
        return self.as_of is not None

    def __call__(self) -> datetime:
        return self.as_of if self.as_of is not None else self.real()


class ConsoleState:
    """The console's data, one owner; Textual-free (unit-tested without an app)."""

    def __init__(self, clock: Callable[[], datetime]) -> None:
        self.clock = clock
        self.view = View.ACTIVE
        self.jobs: dict[View, Mapping[str, Any]] = {view: {} for view in View}
        self.loaded: set[View] = set()
        self.marks: set[str] = set()
        self.left: dict[View, tuple[frozenset[str], str | None]] = {}  # each view left: its marks, its cursor's job
        self.back_to: str | None = None  # the cursor's job when the view shown was last left (set_view)
        self.stopping: dict[str, tuple[ActiveJobState | None, datetime]] = {}
        self.histories: dict[str, ProgressHistory] = {}
        self.progress_log: dict[str, list[ProgressNote]] = {}
        """A job's key → its progress lines, oldest first, trimmed to its cap (lists: see ``_keep``)."""
        self.filter_query: Query | None = None
        self.filter_text = ""
        self.detail_pages: dict[str, int] = {}
        self.row_clock = RowClock(clock)
        self.last_good: datetime | None = None
        """When the last poll succeeded (any view)."""

    # -- polls ---------------------------------------------------------------------------

    def went_stale(self, stale_since: datetime) -> bool:
        """A poll failed: freeze the rows' clock at the last good poll. True if this is news."""
        news = not self.row_clock.stale
        self.row_clock.as_of = self.last_good or stale_since
        return news

    def apply(self, report: SnapshotApplied, selected: str | None = None) -> PollOutcome:
        """Take in one poll of ``report.view``; ``selected`` keeps its progress lines if it ended.
        The data is fresh again: the rows' clock runs."""
        self.last_good = report.at
        self.row_clock.as_of = None
        diff, view = report.diff, report.view
        previous = self.jobs.get(view, {})
        current = diff.current
        self.jobs[view] = current
        outcome = PollOutcome(view, current)
        outcome.added = [_key(job, current) for job in diff.added]
        outcome.changed = [_key(new, current) for _old, new in diff.changed]
        outcome.gone = [_key(job, previous) for job in diff.gone]
        if view is View.ACTIVE:
            self._track_progress(report.at, diff.added, diff.changed, outcome, selected, len(current))
            self._settle_stops(current, outcome)
            if view in self.loaded:
                outcome.ended = [previous[k] for k in outcome.gone if k in previous]
            for key in outcome.gone:
                self.histories.pop(key, None)
            for key in [k for k in self.progress_log if k != selected and k not in current]:  # one ended, left too
                del self.progress_log[key]
        if view is self.view and self.marks:
            self.marks.intersection_update(current.keys())
        self.loaded.add(view)
        return outcome

    def _track_progress(self, at: datetime, added: list[Any], changed: list[tuple[Any, Any]],
                        outcome: PollOutcome, selected: str | None = None, jobs: int = 0) -> None:
        each = max(PROGRESS_MIN, min(PROGRESS_KEPT, PROGRESS_BUDGET // max(jobs, 1)))
        pairs = [(None, job, key) for job, key in zip(added, outcome.added, strict=True)]
        pairs += [(old, new, key) for (old, new), key in zip(changed, outcome.changed, strict=True)]
        for old, job, key in pairs:
            if job.progress is not None:
                history = self.histories.get(key)
                if history is None:
                    history = self.histories[key] = ProgressHistory()
                history.add(job.last_progress_update or at, job.progress)
            notes = list(progress_notes(old, job, at, tasks=key == selected or _nested_read(old, job)))
            if notes:
                cap = PROGRESS_LINES if key == selected else each
                lines = self.progress_log.setdefault(key, [])
                lines.extend(notes)
                _keep(lines, cap)
                outcome.notes[key] = notes

    def _settle_stops(self, current: Mapping[str, ActiveJob], outcome: PollOutcome) -> None:
        if not self.stopping:
            return
        now = self.clock()
        for key, (state, since) in list(self.stopping.items()):
            job = current.get(key)
            if job is None or job.state != state:
                del self.stopping[key]
            elif now - since > STOP_PATIENCE:
                del self.stopping[key]
                outcome.overdue.append(job)
            else:
                continue
            if key in current:
                outcome.settled.append(key)

    def new_context(self) -> int:
        """Another profile or company is connected: forget every job, mark, stop, history and page of
        the old one (cleared in place: the rows read these containers). The view and the filter stay.
        Returns how many marks were dropped."""
        dropped = len(self.marks)
        for view in View:
            self.jobs[view] = {}
        for container in (self.loaded, self.marks, self.left, self.stopping, self.histories, self.progress_log,
                          self.detail_pages):
            container.clear()
        self.row_clock.as_of = None
        self.last_good = None
        return dropped

    # -- views, filter, marks ------------------------------------------------------------

    def set_view(self, view: View, cursor: str | None = None) -> bool:
        """Switch to ``view``; False if already there. The view left keeps its marks and ``cursor`` (as k9s
        does); ``view``'s come back (:attr:`back_to`; marks of jobs that left it go, :meth:`apply`)."""
        if view is self.view:
            return False
        self.left[self.view] = (frozenset(self.marks), cursor)
        self.view = view
        marks, self.back_to = self.left.pop(view, (frozenset(), None))
        self.marks.clear()
        self.marks.update(marks & self.jobs[view].keys() if view in self.loaded else marks)
        return True

    @property
    def current(self) -> Mapping[str, Any]:
        """The last snapshot of the view shown."""
        return self.jobs[self.view]

    def set_filter(self, query: Query | None, text: str) -> None:
        self.filter_query = query
        self.filter_text = text if query is not None else ""

    def predicate(self) -> Callable[[Any], bool] | None:
        """A job → bool test for the current filter (evaluated at the clock's time), or None."""
        query, clock = self.filter_query, self.clock
        if query is None:
            return None
        return lambda job: query.matches(job, clock())

    def toggle_mark(self, key: str) -> None:
        if key in self.marks:
            self.marks.discard(key)
        else:
            self.marks.add(key)

    def clear_marks(self) -> list[str]:
        """Unmark everything; returns the keys that were marked."""
        marked = list(self.marks)
        self.marks.clear()
        return marked

    # -- commands ------------------------------------------------------------------------

    def allows(self, action: str, readonly: bool) -> bool | None:
        """``check_action``'s answer: False (hidden) in a view where the command does not apply, else
        None (greyed) in read-only mode, else True — so read-only mode greys the keys normal mode shows
        and shows no more of them."""
        if action in WRITE_ACTIONS:
            if self.view not in VIEW_ACTIONS[action]:
                return False
            if readonly:
                return None
        return True

    def targets(self, selected: str | None, is_shown: Callable[[str], bool],
                order: Callable[[list[str]], list[str]] = list) -> tuple[tuple[Target, ...], int]:
        """The jobs a command would act on now — the marked ones, else the selected one — and how
        many of them the filter hides. ``order`` puts the marked jobHandles in the list's order (the
        dialog lists them as the operator saw them; default: the server's). The caller keeps this
        tuple; it is never recomputed."""
        jobs = self.current
        keys = order([k for k in jobs if k in self.marks]) if self.marks else ([selected] if selected else [])
        hidden = sum(1 for k in keys if not is_shown(k))
        targets = tuple(Target(k, job_name(jobs[k]), getattr(jobs[k], "type", None), jobs[k]) for k in keys if k in jobs)
        return targets, hidden

    def stop_note(self, targets: Iterable[Target]) -> str:
        """The extra sentence of the stop confirmation."""
        note = _("The job will stop after its current step; the list shows “stopping…” until the server confirms.")
        again = [t for t in targets if t.handle in self.stopping]
        if again:
            note += _(" Stop was already sent to {count} of them; sending it again is harmless.").format(count=len(again))
        return note

    def sent(self, verb: str, handles: list[str]) -> None:
        """Record that ``verb`` reached the server for ``handles``: unmark them; a stop is "stopping…"
        until a poll shows another state (stopJob returns nothing, IPS_JOBS_API.md §7)."""
        if verb == "stop":
            jobs = self.jobs[View.ACTIVE]
            now = self.clock()
            for handle in handles:
                job = jobs.get(handle)
                self.stopping[handle] = (job.state if job is not None else None, now)
        for handle in handles:
            self.marks.discard(handle)

    # -- outcome tracking ----------------------------------------------------------------

    @staticmethod
    def failed_outcomes(logs: Iterable[JobLog], handles: Iterable[str]) -> list[JobLog]:
        """The job logs among ``logs`` of ``handles`` that ended with errors or a fatal outcome."""
        wanted = set(handles)
        return [log for log in logs if log.job_handle in wanted and log.outcome in (Outcome.ERRORS, Outcome.FATAL)]


def _key(job: Any, mapping: Mapping[str, Any]) -> str:
    handle = getattr(job, "job_handle", None)
    if handle is not None and mapping.get(handle) is job:
        return handle
    for key, value in mapping.items():  # keyless or duplicate items: rare, linear is fine
        if value is job:
            return key
    return handle or ""


def _nested_read(old: ActiveJob | None, job: ActiveJob) -> bool:
    """Whether both snapshots of a job have their nested parts (tasks) decoded already, so comparing
    them costs no decode (``model.lazy``: a cold or changed job's tasks decode on first read)."""
    return pending_of(job) is None and (old is None or pending_of(old) is None)


def progress_notes(old: ActiveJob | None, job: ActiveJob, at: datetime, tasks: bool = True) -> Iterator[ProgressNote]:
    """The log lines a poll brings for one active job: a new progress message, a state change,
    and with ``tasks`` new task messages (a failed task as an error).

    The console asks for task messages only for the selected job and for jobs whose tasks are
    decoded already: reading the tasks of every changed job decoded each one's nested parts from
    its bytes — at 50,000 jobs the first poll decoded all of them (seconds) and a steady poll with
    11,690 changed jobs spent 1.7 s in the apply. A job that is not selected logs its progress
    messages and state changes; its task messages from those polls are not kept."""
    if job.progress_message and (
        old is None or old.progress_message != job.progress_message or old.last_progress_update != job.last_progress_update
    ):
        percent = _percent(job.progress)
        yield ProgressNote(job.last_progress_update or at, Severity.INFO, (percent, job.progress_message))
    if old is not None and old.state != job.state and job.state is not None:
        yield ProgressNote(at, Severity.WARNING if job.state == ActiveJobState.STOPPING else Severity.INFO,
                           (_("state {old} → {new}").format(old=_state_word(old.state), new=_state_word(job.state)),))
    if not tasks:
        return
    before = {(t.task_type, t.progress_message) for t in (old.task_progress_array or ())} if old else set()
    for task in job.task_progress_array or ():
        if task.progress_message and (task.task_type, task.progress_message) not in before:
            severity = Severity.ERROR if task.task_state == TaskState.FAILED else Severity.INFO
            yield ProgressNote(task.last_progress_update or at, severity, (f"[{task.task_type or 'task'}]",
                                                                           task.progress_message))


@lru_cache(maxsize=128)
def _percent(progress: int | None) -> str:
    """``" 42%"``: one string per value, shared by every line that shows it (a line is ~300 bytes)."""
    return f"{progress:>3}%" if progress is not None else "   ?"


def _state_word(state: ActiveJobState | None) -> str:
    """A state in a log line: the IPS value in English (as before), the shown word in another language."""
    return words.word_or_value(state) if state is not None else "None"



def _keep(lines: list, cap: int) -> None:
    """Trim ``lines`` to its newest ``cap`` items, in place.

    A list, not a ``deque(maxlen=…)``: a deque allocates a block of 64 slots (~0.6 KB) for its
    first item, and the console keeps progress lines for every active job (10,000 jobs: 7 MiB of
    mostly empty blocks for a line or two each); trimming a list of at most ``PROGRESS_LINES`` from
    the front once a poll is a memmove of a few KB."""
    excess = len(lines) - cap
    if excess > 0:
        del lines[:excess]
