"""The log pane's title (src/activejob_tui/tui/widgets/log_pane.py) in the real console: it never
claims "follow: on" while a finished job's log has more pages, keeps the total after ``m``, keeps
the severity filter across jobs but not a search, and stays one row at 160x48 and 80x24."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from activejob_tui.tui import log_details

from .helpers import running_console, settle, wait_until


def title(screen) -> str:
    return str(screen.query_one("#log-title").render())


async def test_a_finished_log_with_more_pages_says_more_not_follow_and_keeps_its_total(monkeypatch):
    monkeypatch.setattr(log_details, "DETAIL_PAGE", 10)
    async with running_console() as (pilot, app, screen, _):
        await pilot.press("3")
        await settle(pilot, app)
        pane = screen.log_pane
        await wait_until(pilot, lambda: len(pane.entries) == 10)  # one page of 30
        assert "10 of 30 lines" in title(screen) and "[m] more…" in title(screen)
        assert "follow" not in title(screen)
        pane.log_widget.focus()
        await pilot.press("m")
        await wait_until(pilot, lambda: len(pane.entries) == 20)
        assert "20 of 30 lines" in title(screen) and "[m] more…" in title(screen)
        await pilot.press("m")
        await wait_until(pilot, lambda: len(pane.entries) == 30 and not pane.has_more)
        assert "30 lines" in title(screen) and "of 30" not in title(screen)
        assert "follow: on" in title(screen) and "more" not in title(screen)


async def test_a_scheduled_job_has_no_log_to_count_filter_or_follow():
    """The title said "0 lines  severity: all  follow: on" beside "scheduled jobs have no log", and the
    footer offered "f Follow log"; the jobs list's border said "Jobs" until a view key was pressed."""
    async with running_console() as (pilot, app, screen, _):
        assert screen.table.border_title == "Active jobs"
        assert "follow: on" in title(screen)
        await pilot.press("2")
        await settle(pilot, app)
        await wait_until(pilot, lambda: "no log" in title(screen))
        assert title(screen).split() == ["Log", "scheduled", "jobs", "have", "no", "log"]
        assert screen.check_action("follow", ()) is False
        await pilot.press("1")
        await settle(pilot, app)
        await wait_until(pilot, lambda: "follow: on" in title(screen))
        assert screen.check_action("follow", ()) is True


@pytest.mark.parametrize("size", [(160, 48), (80, 24)])
async def test_moving_to_another_job_keeps_the_severity_filter_clears_the_search_and_the_title_fits(size):
    async with running_console(size=size) as (pilot, app, screen, _):
        await pilot.press("3")
        await settle(pilot, app)
        pane = screen.log_pane
        first = screen.table.selected_key
        await wait_until(pilot, lambda: pane.job_key == first and len(pane.entries) == 30)
        pane.log_widget.focus()
        await pilot.press("v", "slash", *"HTTP 404", "enter")
        await wait_until(pilot, lambda: pane.search == "HTTP 404")
        shown = title(screen)
        width = screen.query_one("#log-title").content_region.width
        assert "\n" not in shown and cell_len(shown) <= width, shown
        assert "severity: warnings" in shown and "“HTTP 404” 0 matches" in shown, shown
        screen.table.focus()
        await pilot.press("j")
        await wait_until(pilot, lambda: pane.job_key != first and len(pane.entries) == 30)
        shown = title(screen)
        assert pane.level == "warnings" and "severity: warnings" in shown
        assert pane.search == "" and "HTTP 404" not in shown
        assert "12 of 30 lines" in shown and cell_len(shown) <= width, shown


def test_a_long_chinese_note_is_cut_on_the_titles_row_not_moved_off_it() -> None:
    """A note without spaces (Chinese) wider than the row went whole to a second row, which the title
    does not show: "記錄  3 行" and nothing of what it said. It is cut on the row now, with an ellipsis."""
    from activejob_tui.tui.widgets.log_title import fit

    text = fit([("記錄", "bold", 0), ("3 行", "", 0), ("已結束：其工作記錄檔在「已完成」（3）；移動游標後窗格會再次跟隨清單", "dim", 0)], 40)
    assert cell_len(text.plain) <= 40 and text.plain.startswith("記錄  3 行  已結束：") and text.plain.endswith("…")
