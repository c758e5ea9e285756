"""The console state on its own: no app, no Textual (src/activejob_tui/console_state.py)."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import timedelta

from activejob_tui.console_state import STOP_PATIENCE, ConsoleState, Target
from activejob_tui.model.diff import diff_snapshots
from activejob_tui.model.enums import ActiveJobState, Outcome, Severity
from activejob_tui.poller import SnapshotApplied, View

from tui.fakes import NOW, make_active, make_logs, make_scheduled


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self):
        return self.now


def poll(state: ConsoleState, view: View, jobs: list, at=NOW, first=False, selected=None):
    diff = diff_snapshots(state.jobs[view], jobs)
    return state.apply(SnapshotApplied(view, diff, at, first), selected)


def test_apply_reports_keys_and_keeps_the_snapshot():
    state = ConsoleState(Clock())
    jobs = make_active(5)
    outcome = poll(state, View.ACTIVE, jobs, first=True)
    assert outcome.added == [j.job_handle for j in jobs] and not outcome.changed and not outcome.gone
    assert state.jobs[View.ACTIVE] is outcome.current and View.ACTIVE in state.loaded
    moved = replace(jobs[1], progress=(jobs[1].progress or 0) + 7, progress_message="step 2")
    outcome = poll(state, View.ACTIVE, [jobs[0], moved, *jobs[3:]])
    assert outcome.changed == [moved.job_handle]
    assert outcome.gone == [jobs[2].job_handle]
    assert outcome.ended == [jobs[2]]  # the view was loaded before: an ended job is announced
    assert [n.parts for n in outcome.notes[moved.job_handle]][0][1] == "step 2"


def test_nothing_is_announced_as_ended_on_the_first_load():
    state = ConsoleState(Clock())
    outcome = poll(state, View.ACTIVE, [])
    assert outcome.ended == []


def test_progress_histories_and_messages_survive_a_view_switch_and_go_with_the_job():
    state = ConsoleState(Clock())
    jobs = [replace(j, progress=10, progress_message="start") for j in make_active(3)]
    poll(state, View.ACTIVE, jobs)
    key = jobs[0].job_handle
    poll(state, View.ACTIVE, [replace(jobs[0], progress=40, progress_message="more",
                                      last_progress_update=NOW + timedelta(seconds=30)), *jobs[1:]],
         at=NOW + timedelta(seconds=30))
    history, log = state.histories[key], list(state.progress_log[key])
    assert len(history) == 2 and [n.parts for n in log if n.parts[-1] in ("start", "more")] == [
        ("10%".rjust(4), "start"), ("40%".rjust(4), "more")]
    assert state.set_view(View.SCHEDULED)
    poll(state, View.SCHEDULED, make_scheduled(), first=True)
    assert state.histories[key] is history and list(state.progress_log[key]) == log  # still there
    state.set_view(View.ACTIVE)
    poll(state, View.ACTIVE, jobs[1:])  # the job left
    assert key not in state.histories and key not in state.progress_log


def test_the_selected_jobs_messages_stay_when_it_ends_and_go_once_it_is_left():
    state = ConsoleState(Clock())
    jobs = [replace(j, progress_message="hello") for j in make_active(2)]
    poll(state, View.ACTIVE, jobs)
    poll(state, View.ACTIVE, jobs[1:], selected=jobs[0].job_handle)
    assert jobs[0].job_handle in state.progress_log
    poll(state, View.ACTIVE, jobs[1:], selected=jobs[0].job_handle)  # still on it: still there
    assert jobs[0].job_handle in state.progress_log
    poll(state, View.ACTIVE, jobs[1:], selected=jobs[1].job_handle)  # the cursor moved on: it goes (it leaked)
    assert set(state.progress_log) <= {jobs[1].job_handle}


def test_marks_belong_to_the_view_and_follow_the_snapshot():
    state = ConsoleState(Clock())
    jobs = make_active(4)
    poll(state, View.ACTIVE, jobs)
    for job in jobs[:3]:
        state.toggle_mark(job.job_handle)
    state.toggle_mark(jobs[2].job_handle)
    assert state.marks == {jobs[0].job_handle, jobs[1].job_handle}
    poll(state, View.ACTIVE, jobs[1:])
    assert state.marks == {jobs[1].job_handle}  # a job that left is no longer marked
    assert state.set_view(View.SCHEDULED, cursor=jobs[3].job_handle) and not state.marks  # the view's own
    assert state.set_view(View.ACTIVE) and state.marks == {jobs[1].job_handle}  # back: kept, as the cursor
    assert state.back_to == jobs[3].job_handle and not state.set_view(View.ACTIVE)


def test_targets_are_the_marked_jobs_else_the_selected_one_and_count_the_hidden():
    state = ConsoleState(Clock())
    jobs = make_active(4)
    poll(state, View.ACTIVE, jobs)
    targets, hidden = state.targets(jobs[3].job_handle, lambda key: True)
    assert [t.handle for t in targets] == [jobs[3].job_handle] and hidden == 0
    assert targets[0] == Target(jobs[3].job_handle, jobs[3].name, jobs[3].type, jobs[3])
    state.toggle_mark(jobs[0].job_handle)
    state.toggle_mark(jobs[2].job_handle)
    targets, hidden = state.targets(jobs[3].job_handle, lambda key: key != jobs[2].job_handle)
    assert [t.handle for t in targets] == [jobs[0].job_handle, jobs[2].job_handle] and hidden == 1
    assert state.targets(None, lambda key: True)[0]  # marks win over no selection


def test_a_stop_settles_when_the_state_changes_or_the_job_goes():
    clock = Clock()
    state = ConsoleState(clock)
    jobs = [replace(j, state=ActiveJobState.RUNNING) for j in make_active(3)]
    poll(state, View.ACTIVE, jobs)
    handles = [j.job_handle for j in jobs[:2]]
    state.toggle_mark(handles[0])
    state.sent("stop", handles)
    assert set(state.stopping) == set(handles) and not state.marks  # sent: unmarked
    assert state.stopping[handles[0]] == (ActiveJobState.RUNNING, NOW)
    outcome = poll(state, View.ACTIVE, jobs)
    assert not outcome.settled and set(state.stopping) == set(handles)  # same state: still "stopping…"
    outcome = poll(state, View.ACTIVE, [replace(jobs[0], state=ActiveJobState.STOPPING), jobs[2]])
    assert outcome.settled == [handles[0]] and not state.stopping  # changed, and gone (not listed)


def test_a_stop_that_never_shows_is_given_up_after_the_patience_and_told():
    clock = Clock()
    state = ConsoleState(clock)
    jobs = [replace(j, state=ActiveJobState.RUNNING) for j in make_active(1)]
    poll(state, View.ACTIVE, jobs)
    state.sent("stop", [jobs[0].job_handle])
    clock.now = NOW + STOP_PATIENCE + timedelta(seconds=1)
    outcome = poll(state, View.ACTIVE, jobs)
    assert outcome.overdue == [jobs[0]] and outcome.settled == [jobs[0].job_handle] and not state.stopping


def test_stop_note_says_when_stop_was_already_sent():
    state = ConsoleState(Clock())
    jobs = make_active(2)
    poll(state, View.ACTIVE, jobs)
    state.sent("stop", [jobs[0].job_handle])
    targets, _ = state.targets(None, lambda key: True) if state.marks else state.targets(jobs[0].job_handle, bool)
    assert "already sent to 1 of them" in state.stop_note(targets)
    assert "already" not in state.stop_note(state.targets(jobs[1].job_handle, bool)[0])


def test_commands_are_allowed_per_view_and_never_in_read_only_mode():
    state = ConsoleState(Clock())
    assert state.allows("stop", readonly=False) is True and state.allows("pause", readonly=False) is False
    assert state.allows("stop", readonly=True) is None and state.allows("filter", readonly=True) is True
    state.set_view(View.SCHEDULED)
    assert state.allows("stop", readonly=False) is False and state.allows("delete", readonly=False) is True


def test_failed_outcomes_pick_errors_and_fatal_of_the_handles_asked():
    logs = make_logs()
    bad = [log for log in logs if log.outcome in (Outcome.ERRORS, Outcome.FATAL)]
    assert bad, "the fake logs should contain failures"
    handles = [log.job_handle for log in logs]
    assert ConsoleState.failed_outcomes(logs, handles) == bad
    assert ConsoleState.failed_outcomes(logs, []) == []


def test_a_failed_task_is_an_error_line():
    from activejob_tui.console_state import progress_notes
    from activejob_tui.model.enums import TaskState
    from activejob_tui.model.jobs import TaskProgress

    job = make_active(1)[0]
    failed = replace(job, task_progress_array=(TaskProgress(task_type="Ripping", task_state=TaskState.FAILED,
                                                            progress_message="bad PDF"),))
    notes = list(progress_notes(job, failed, NOW))
    assert [(n.severity, n.parts) for n in notes][-1] == (Severity.ERROR, ("[Ripping]", "bad PDF"))


def test_the_console_state_imports_no_textual():
    code = "import sys, activejob_tui.console_state; print(sorted(m for m in ('textual', 'rich') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_progress_lines_are_bounded_over_all_jobs_not_per_job(monkeypatch):
    """10,000 jobs × 1,000 lines each grew the console without end (issue 9): with many jobs each
    keeps a share of the budget (at least PROGRESS_MIN), the selected job keeps PROGRESS_LINES."""
    from activejob_tui import console_state

    monkeypatch.setattr(console_state, "PROGRESS_BUDGET", 200)  # 200 jobs: a share of 1 → the minimum
    state = ConsoleState(clock=lambda: NOW)
    jobs = make_active(200)
    selected = jobs[0].job_handle
    previous: dict = {}
    for step in range(1, 16):
        moved = [replace(job, progress=step * 5, progress_message=f"step {step}") for job in jobs]
        diff = diff_snapshots(previous, moved)
        previous = diff.current
        state.apply(SnapshotApplied(View.ACTIVE, diff, NOW + timedelta(seconds=step), first=step == 1), selected)
    others = [log for key, log in state.progress_log.items() if key != selected]
    assert len(others) == 199 and {len(log) for log in others} == {console_state.PROGRESS_MIN}
    # the watched job keeps every line, up to PROGRESS_LINES
    steps = [note.parts[1] for note in state.progress_log[selected] if note.parts[1].startswith("step")]
    assert steps == [f"step {s}" for s in range(1, 16)]


def test_the_selected_job_keeps_its_newest_progress_lines_up_to_progress_lines(monkeypatch):
    from activejob_tui import console_state

    monkeypatch.setattr(console_state, "PROGRESS_LINES", 5)
    state = ConsoleState(clock=lambda: NOW)
    jobs = make_active(3)
    selected = jobs[1].job_handle
    previous: dict = {}
    for step in range(1, 13):
        moved = [replace(job, progress=step, progress_message=f"step {step}") for job in jobs]
        diff = diff_snapshots(previous, moved)
        previous = diff.current
        state.apply(SnapshotApplied(View.ACTIVE, diff, NOW + timedelta(seconds=step), first=step == 1), selected)
    kept = [note.parts[1] for note in state.progress_log[selected]]
    assert len(kept) == 5 and kept[-1] == "step 12"  # the newest five (task messages among them)


def test_a_job_that_is_not_selected_keeps_what_the_log_pane_shows_when_few_jobs_are_listed():
    """Issue 9: with few jobs every job kept PROGRESS_LINES (1,000) messages, ~300 bytes each, and the
    17-job demo's console still grew after 20 minutes; a job that is not selected keeps PROGRESS_KEPT."""
    from activejob_tui import console_state

    state = ConsoleState(clock=lambda: NOW)
    jobs = make_active(17)
    selected = jobs[0].job_handle
    previous: dict = {}
    steps = console_state.PROGRESS_KEPT + 20
    for step in range(1, steps + 1):
        moved = [replace(job, progress=step % 100, progress_message=f"step {step}") for job in jobs]
        diff = diff_snapshots(previous, moved)
        previous = diff.current
        state.apply(SnapshotApplied(View.ACTIVE, diff, NOW + timedelta(seconds=step), first=step == 1), selected)
    others = [log for key, log in state.progress_log.items() if key != selected]
    assert len(others) == 16 and {len(log) for log in others} == {console_state.PROGRESS_KEPT}
    assert [note.parts[1] for note in others[0]][-1] == f"step {steps}"  # the newest are the ones kept
    assert len(state.progress_log[selected]) >= steps  # the watched job keeps its scrollback
    percents = {id(note.parts[0]) for log in others for note in log if note.parts[0] == " 42%"}
    assert len(percents) == 1  # one string per percentage, shared by every line
