"""The job list's rows and cursor (src/activejob_tui/tui/widgets/job_list.py, the base of JobTable) in a bare
app: the keys move the cursor and each move onto another job is told once (``RowHighlighted``); the cursor
stays on its job when a poll sorts new jobs in above it, and falls back to the same row, told, when its job
leaves. The console-level cases (filters over many rows, clicks) are in tests/tui/test_job_table.py."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from activejob_tui.poller import View
from tui.fakes import NOW, make_active
from tui.widgets.table_host import TableHost


async def test_the_keys_move_the_cursor_and_each_new_job_is_told_once() -> None:
    app = TableHost(make_active(30))
    async with app.run_test(size=(160, 12)) as pilot:
        table = app.table
        keys = table.visible_keys()
        assert table.selected_key == keys[0]
        await pilot.pause()
        assert app.posted == [("highlighted", keys[0])]  # the first job, once the list is filled
        app.posted.clear()
        await pilot.press("k")  # already at the top: nothing moves, nothing is told
        await pilot.pause()
        assert app.posted == []
        await pilot.press("j", "down")
        await pilot.pause()
        assert app.posted == [("highlighted", keys[1]), ("highlighted", keys[2])]
        await pilot.press("G")
        await pilot.pause()
        assert table.selected_key == keys[-1] and app.posted[-1] == ("highlighted", keys[-1])
        assert table.scroll_y == table.max_scroll_y  # the cursor's row is on screen
        await pilot.press("pageup")
        await pilot.pause()
        page = table.scrollable_content_region.height - table.header_height
        assert table.cursor_row == len(keys) - 1 - page
        await pilot.press("g")
        await pilot.pause()
        assert table.selected_key == keys[0] and table.scroll_y == 0


async def test_the_cursor_stays_on_its_job_when_new_jobs_sort_in_above_it() -> None:
    jobs = make_active(10)
    app = TableHost(jobs)
    async with app.run_test(size=(160, 20)) as pilot:
        table = app.table
        chosen = table.visible_keys()[4]
        assert table.select_key(chosen)
        await pilot.pause()
        app.posted.clear()
        newer = [replace(job, job_handle=f"j|new{i}", start_date=NOW + timedelta(seconds=i))  # newest first
                 for i, job in enumerate(make_active(3, seed=9))]
        polled = {**app.jobs, **{job.job_handle: job for job in newer}}
        table.apply(polled, added=[job.job_handle for job in newer], changed=(), gone=())
        await pilot.pause()
        assert table.visible_keys()[:3] == [job.job_handle for job in reversed(newer)]
        assert table.selected_key == chosen and table.cursor_row == 7
        assert app.posted == []  # the same job: nothing to tell


async def test_when_its_job_leaves_the_cursor_keeps_its_row_and_says_which_job_is_there() -> None:
    app = TableHost(make_active(10))
    async with app.run_test(size=(160, 20)) as pilot:
        table = app.table
        keys = table.visible_keys()
        table.select_key(keys[4])
        await pilot.pause()
        app.posted.clear()
        polled = {key: job for key, job in app.jobs.items() if key != keys[4]}
        table.apply(polled, added=(), changed=(), gone=[keys[4]])
        await pilot.pause()
        assert table.cursor_row == 4 and table.selected_key == keys[5]
        assert app.posted == [("highlighted", keys[5])]
        assert not table.select_key(keys[4])  # gone: nothing to select


async def test_an_empty_list_has_no_selection_and_its_keys_do_nothing() -> None:
    app = TableHost([], View.SCHEDULED)
    async with app.run_test(size=(160, 12)) as pilot:
        table = app.table
        await pilot.press("j", "G", "pagedown", "space")
        await pilot.pause()
        assert table.selected_key is None and table.selected_job is None and table.row_count == 0
        assert app.posted == []
        assert "Trigger" in app.line(0) and app.line(1).strip() == ""
