"""The console's state does not decode the nested parts (tasks, sub-job) of jobs it does not show:
with lazily decoded jobs (``ips.lazy``), a poll's progress lines read the tasks of the selected job
only, and of jobs whose tasks are decoded already (issue 12: at 50,000 jobs the first poll decoded
every job's tasks, and a steady poll with 11,690 changed jobs spent 1.7 s in the apply)."""

from __future__ import annotations

import re
from pathlib import Path

from activejob_tui.console_state import ConsoleState
from activejob_tui.ips import decode as d
from activejob_tui.ips import lazy
from activejob_tui.model.diff import diff_snapshots
from activejob_tui.model.lazy import pending_of
from activejob_tui.poller import SnapshotApplied, View

from tui.fakes import NOW

ANSWER = Path(__file__).resolve().parent / "data" / "answers" / "active_jobs_2016.xml"
MESSAGE = re.compile(rb"(<ns1:progressMessage>)([^<]*)(<)")


def decoded(data: bytes) -> list:
    return lazy.decode_answer(data, d.ACTIVE)[0]


def moved(data: bytes) -> bytes:
    """Every progress message (the jobs' and their tasks') changed, as a poll would bring."""
    return MESSAGE.sub(lambda m: m.group(1) + m.group(2) + b" (later)" + m.group(3), data)


def test_the_first_poll_and_a_steady_poll_decode_only_the_selected_jobs_tasks():
    data = ANSWER.read_bytes()
    state = ConsoleState(lambda: NOW)
    first = decoded(data)
    pending = [job for job in first if pending_of(job) is not None]
    assert pending  # the answer has jobs with tasks, not decoded yet
    diff = diff_snapshots({}, first)
    outcome = state.apply(SnapshotApplied(View.ACTIVE, diff, NOW, first=True))
    assert all(pending_of(job) is not None for job in pending)  # no job's tasks were read
    assert any(notes for notes in outcome.notes.values())  # the jobs' own progress lines are there

    selected = next(job.job_handle for job in pending if job.task_progress_array)
    later = decoded(moved(data))
    diff = diff_snapshots(diff.current, later)
    assert diff.changed
    outcome = state.apply(SnapshotApplied(View.ACTIVE, diff, NOW, first=False), selected=selected)
    still = [job for job in later if job.job_handle != selected and pending_of(job) is not None]
    assert len(still) == sum(1 for job in pending if job.job_handle != selected)
    task_lines = [n for n in outcome.notes[selected] if str(n.parts[0]).startswith("[")]
    assert task_lines  # the selected job's new task messages are logged
    others = [n for key, notes in outcome.notes.items() if key != selected for n in notes]
    assert others and not any(str(n.parts[0]).startswith("[") for n in others)


def test_jobs_whose_tasks_are_decoded_already_still_log_their_task_messages():
    data = ANSWER.read_bytes()
    state = ConsoleState(lambda: NOW)
    first = decoded(data)
    for job in first:
        job.task_progress_array  # noqa: B018 - read: decoded, as the detail pane does for a shown job
    diff = diff_snapshots({}, first)
    state.apply(SnapshotApplied(View.ACTIVE, diff, NOW, first=True))
    later = decoded(moved(data))
    for job in later:
        job.task_progress_array  # noqa: B018
    diff = diff_snapshots(diff.current, later)
    outcome = state.apply(SnapshotApplied(View.ACTIVE, diff, NOW, first=False))
    with_tasks = [job.job_handle for job in later if job.task_progress_array]
    assert with_tasks
    for key in with_tasks:
        assert any(str(n.parts[0]).startswith("[") for n in outcome.notes[key]), key
