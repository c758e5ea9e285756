"""The detail pane (src/activejob_tui/tui/widgets/detail_pane.py) on its own, in a bare app: what it says
before data and with no job, every field of an active job with its tasks and sub-job, a finished job's
outcome and duration, server text drawn literally, and the keys that scroll it. The console's use of it
(following the cursor, odd and hostile data from a server) is in tests/tui/test_console_faults.py."""

from __future__ import annotations

from dataclasses import replace

from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widgets import Static

from activejob_tui.tui.theme import rich_theme
from activejob_tui.tui.widgets.detail_pane import DetailPane
from tui.fakes import make_active, make_logs


class Host(App[None]):
    """A bare app around one DetailPane (with the console's named styles)."""

    def __init__(self) -> None:
        super().__init__()
        self.console.push_theme(rich_theme())

    def compose(self) -> ComposeResult:
        yield DetailPane(id="detail")


def drawn(app: Host) -> list[str]:
    """The detail's lines as drawn (its whole height, not only the part on screen), right-stripped."""
    body = app.query_one("#detail-body", Static)
    return [strip.text.rstrip() for strip in body.render_lines(Region(0, 0, body.size.width, body.size.height))]


def flat(lines: list[str]) -> str:
    return " ".join(" ".join(lines).split())


async def test_it_waits_for_data_then_says_when_no_job_is_selected() -> None:
    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        assert drawn(app)[0] == "Waiting for data…"
        app.query_one(DetailPane).show(None)
        await pilot.pause()
        assert drawn(app)[0] == "No job selected."


async def test_an_active_job_shows_its_fields_tasks_and_sub_job() -> None:
    job = make_active(1)[0]
    app = Host()
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.query_one(DetailPane)
        pane.show(job)
        await pilot.pause()
        text = flat(drawn(app))
        assert drawn(app)[0] == job.name
        assert f"jobHandle {job.job_handle}" in text
        assert f"({job.total_size:,} bytes)" in text
        assert f"Tasks ({len(job.task_progress_array)})" in text
        assert "Upload" in text and "40 done" in text and "Processing image 12" in text
        assert pane.job is job


async def test_a_finished_job_shows_its_outcome_and_how_long_it_took() -> None:
    log = make_logs()[2]  # UploadError, 3 + 14 minutes
    app = Host()
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one(DetailPane).show(log)
        await pilot.pause()
        text = flat(drawn(app))
        assert drawn(app)[0] == log.job_name
        assert text.startswith(f"{log.job_name} Outcome ")
        assert "duration 17m 00s" in text, text
        assert "Tasks (" not in text  # tasks are an active job's


async def test_server_text_is_drawn_literally_and_an_empty_name_is_named() -> None:
    job = replace(make_active(1)[0], name="[bold red]BOOM[/] \x1b[31m", description=None)
    app = Host()
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.query_one(DetailPane)
        pane.show(job)
        await pilot.pause()
        assert drawn(app)[0] == "[bold red]BOOM[/] \\x1b[31m"
        assert "description —" in flat(drawn(app))
        pane.show(replace(job, name=None))
        await pilot.pause()
        assert drawn(app)[0] == "(unnamed job)"


async def test_keys_scroll_it_and_another_job_starts_at_the_top() -> None:
    first, second = make_active(2)
    app = Host()
    async with app.run_test(size=(100, 12)) as pilot:
        pane = app.query_one(DetailPane)
        pane.show(first)
        pane.focus()
        await pilot.pause()
        assert pane.max_scroll_y > 0  # more lines than the pane is high
        await pilot.press("G")
        await pilot.pause()
        assert pane.scroll_y == pane.max_scroll_y
        await pilot.press("k")
        await pilot.pause()
        assert pane.scroll_y == pane.max_scroll_y - 1
        pane.show(replace(first, progress=(first.progress or 0) + 1))  # the same job, polled again: stays
        await pilot.pause()
        assert pane.scroll_y == pane.max_scroll_y - 1
        pane.show(second)
        await pilot.pause()
        assert pane.scroll_y == 0
