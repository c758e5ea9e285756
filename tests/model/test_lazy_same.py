"""``model.lazy.same_value``: equality that leaves nested parts pending when both sides are pending,
and is ``==`` otherwise (``model.diff`` uses it, so a poll's diff decodes no job's tasks)."""

from __future__ import annotations

import re
from pathlib import Path

from activejob_tui.ips import decode as d
from activejob_tui.ips import lazy
from activejob_tui.model.lazy import pending_of, same_value

ANSWER = Path(__file__).resolve().parents[1] / "data" / "answers" / "active_jobs_2016.xml"
TASK_MESSAGE = re.compile(rb"(<ns1:progressMessage>Task [^<]*)(<)")


def jobs(data: bytes) -> list:
    return lazy.decode_answer(data, d.ACTIVE)[0]


def test_two_decodes_of_the_same_bytes_are_the_same_and_stay_pending():
    data = ANSWER.read_bytes()
    for a, b in zip(jobs(data), jobs(data), strict=True):
        assert same_value(a, b)
        assert (pending_of(a) is None) == (pending_of(b) is None)
    assert any(pending_of(job) is not None for job in jobs(data))


def test_a_change_only_in_the_tasks_is_a_change_and_equals_what_eq_says():
    data = ANSWER.read_bytes()
    moved = TASK_MESSAGE.sub(lambda m: m.group(1) + b" (later)" + m.group(2), data)
    assert moved != data
    before, after = jobs(data), jobs(moved)
    verdicts = [same_value(a, b) for a, b in zip(before, after, strict=True)]
    assert not all(verdicts)  # some jobs' tasks changed
    assert verdicts == [a == b for a, b in zip(before, after, strict=True)]  # == decodes: the reference


def test_one_side_decoded_falls_back_to_eq():
    data = ANSWER.read_bytes()
    a, b = jobs(data), jobs(data)
    for job in a:
        job.task_progress_array  # noqa: B018 - decoded
    assert all(same_value(x, y) for x, y in zip(a, b, strict=True))
    assert all(pending_of(job) is None for job in b)  # == had to decode the other side
