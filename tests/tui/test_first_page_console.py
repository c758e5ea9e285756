"""The console shows the first page of a big first answer, then every job, each once (issue 12).
A real sandbox and the real client; the page is made small so the demo's 17 jobs are "big"."""

from __future__ import annotations

from activejob_tui.ips import lazy
from activejob_tui.poller import View
from activejob_tui.tui.screens import poll_reports

from .test_sandbox import sandbox_console


async def test_the_first_page_shows_then_the_whole_list_and_no_line_is_logged_twice(sandbox, monkeypatch):
    monkeypatch.setattr(lazy, "FIRST_PAGE", 5)
    rows_after: list[tuple[int, int]] = []
    original = poll_reports.apply_snapshot  # where every poll report reaches the screen (take_report)

    def recording(parts, report):
        original(parts, report)
        rows_after.append((len(report.diff.current), parts.table.row_count))

    monkeypatch.setattr(poll_reports, "apply_snapshot", recording)
    async with sandbox_console(sandbox, readonly=True) as (_pilot, _app, screen):
        jobs = screen.state.jobs[View.ACTIVE]
        assert len(jobs) > 5
        assert rows_after[0] == (5, 5)  # the page was on screen first
        assert rows_after[1] == (len(jobs), len(jobs))  # then every job
        for key, lines in screen.state.progress_log.items():
            texts = [(note.at, note.parts) for note in lines]
            assert len(texts) == len(set(texts)), key  # the page's jobs were not logged again
