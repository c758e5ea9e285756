"""What an open confirmation says when some or all of its jobs end meanwhile
(``command_runner.ended_sentence``, shown by ``ConfirmScreen.show_ended``): an active job "has ended", a job of
another view "is no longer listed by the server"; one job or many, all of them or part. Each sentence compared
whole — a mutation run found every plural and every non-active sentence unchecked (``test_confirm_ended.py``
drives two of them through the console)."""

from __future__ import annotations

import pytest

from activejob_tui.console_state import Target
from activejob_tui.poller import View
from activejob_tui.tui.command_runner import Asking, ended_sentence


def asking(verb: str, view: View, jobs: int) -> Asking:
    targets = tuple(Target(handle=f"h{i}", name=f"job {i}", type=None, job=None) for i in range(jobs))
    return Asking(verb=verb, targets=targets, view=view, dialog=None)  # type: ignore[arg-type]  # not shown here


@pytest.mark.parametrize(("verb", "view", "jobs", "ended", "said"), [
    ("stop", View.ACTIVE, 1, 1, "This job has ended: nothing to stop."),
    ("stop", View.ACTIVE, 3, 3, "These 3 jobs have ended: nothing to stop."),
    ("pause", View.ACTIVE, 3, 1, "1 of these jobs has ended: pause goes to the other 2 only."),
    ("stop", View.ACTIVE, 5, 2, "2 of these jobs have ended: stop goes to the other 3 only."),
    ("delete", View.SCHEDULED, 1, 1, "This job is no longer listed by the server: nothing to delete."),
    ("delete", View.SCHEDULED, 2, 2, "These 2 jobs are no longer listed by the server: nothing to delete."),
    ("execute", View.SCHEDULED, 2, 1,
     "1 of these jobs is no longer listed by the server: run now goes to the other 1 only."),
    ("resume", View.SCHEDULED, 4, 3, "3 of these jobs are no longer listed by the server: resume goes to the other 1 only."),
])
def test_the_sentence_for_ended_jobs_by_view_count_and_share(verb: str, view: View, jobs: int, ended: int,
                                                              said: str) -> None:
    assert ended_sentence(asking(verb, view, jobs), ended) == said
