"""A poll's new values for the job the detail pane shows (src/activejob_tui/tui/widgets/detail_pane.py):
drawn at once, and the pane's height follows only when the content's height changed (a layout pass of
the whole screen is skipped otherwise — issue 12's poll apply; benchmarks/ui.py measures it)."""

from __future__ import annotations

from contextlib import asynccontextmanager
from dataclasses import replace

from textual.widgets import Static

from activejob_tui.model import jobs as m
from activejob_tui.model.enums import TaskState
from activejob_tui.tui.widgets.detail_pane import DetailPane
from tui.fakes import make_active
from tui.widgets.test_detail_pane import Host, drawn, flat


@asynccontextmanager
async def showing(job: m.ActiveJob):
    """A detail pane showing ``job``: (app, pilot, pane, body, the body's height now)."""
    app = Host()
    async with app.run_test(size=(120, 60)) as pilot:
        pane, body = app.query_one(DetailPane), app.query_one("#detail-body", Static)
        pane.show(job)
        await pilot.pause()
        yield app, pilot, pane, body, body.size.height


async def test_a_changed_value_of_the_same_job_is_drawn_and_keeps_the_height() -> None:
    job = make_active(1)[0]
    async with showing(job) as (app, pilot, pane, body, height):
        assert f"{job.progress_message}" in flat(drawn(app))
        pane.show(replace(job, progress_message="Processed a changed step", progress=(job.progress or 0) + 1))
        await pilot.pause()
        assert "Processed a changed step" in flat(drawn(app))
        assert body.size.height == height


async def test_the_same_job_with_more_lines_grows_the_pane() -> None:
    job = make_active(1)[0]
    async with showing(job) as (app, pilot, pane, body, height):
        more = tuple(m.TaskProgress(task_type=f"Extra{i}", task_state=TaskState.PROCESSING, progress=0.5,
                                    progress_message=f"extra task {i}") for i in range(4))
        pane.show(replace(job, task_progress_array=job.task_progress_array + more))
        await pilot.pause()
        assert body.size.height > height
        text = flat(drawn(app))
        assert "extra task 3" in text and f"Tasks ({len(job.task_progress_array) + 4})" in text
        pane.show(job)  # and back: the pane shrinks again
        await pilot.pause()
        assert body.size.height == height
        assert "extra task" not in flat(drawn(app))
