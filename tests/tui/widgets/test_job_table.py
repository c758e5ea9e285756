"""The job list's columns, cells, sorting, marks and drawing (src/activejob_tui/tui/widgets/job_table.py, with
the messages of job_table_messages.py) in a bare app: the header names the sort column with its direction and
``o``/``O``/a click on a header sort and say so (``SortChanged``); space marks the job under the cursor, says
so (``MarksChanged``) and moves on; stale rows say "as of"; the wide mode and hidden columns change what is
drawn. The console-level cases (widths at 80 and 220 columns, stale times frozen, the config's columns) are in
tests/tui/test_job_table.py."""

from __future__ import annotations

from datetime import timedelta

from activejob_tui.poller import View
from tui.fakes import NOW, make_active, make_logs
from tui.widgets.table_host import TableHost


async def test_the_header_names_the_sort_and_o_and_shift_o_change_it() -> None:
    app = TableHost(make_active(12))
    async with app.run_test(size=(160, 20)) as pilot:
        table = app.table
        assert "Started▼" in app.line(0)  # the active view: newest first
        starts = [app.jobs[key].start_date for key in table.visible_keys()]
        assert starts == sorted(starts, reverse=True)
        app.posted.clear()
        await pilot.press("o")  # the next sortable column after Started: Update, its own default direction
        await pilot.pause()
        assert app.posted == [("sort", "updated", True)] and "Update▼" in app.line(0)
        await pilot.press("O")
        await pilot.pause()
        assert app.posted[-1] == ("sort", "updated", False) and "Update▲" in app.line(0)
        updates = [app.jobs[key].last_progress_update for key in table.visible_keys()]
        assert updates == sorted(updates)


async def test_a_click_on_a_header_sorts_by_it_and_a_second_click_flips_it() -> None:
    app = TableHost(make_active(12))
    async with app.run_test(size=(160, 20)) as pilot:
        table = app.table
        x = app.line(0).index("Size")
        await pilot.click(table, offset=(x, 0))
        await pilot.pause()
        assert table.sort_column == "size" and app.posted[-1] == ("sort", "size", True)
        sizes = [app.jobs[key].total_size for key in table.visible_keys()]
        assert sizes == sorted(sizes, reverse=True)
        await pilot.click(table, offset=(x, 0))
        await pilot.pause()
        assert app.posted[-1] == ("sort", "size", False) and "Size▲" in app.line(0)


async def test_space_marks_the_job_under_the_cursor_draws_it_and_moves_on() -> None:
    app = TableHost(make_active(5))
    async with app.run_test(size=(160, 20)) as pilot:
        table = app.table
        first, second = table.visible_keys()[:2]
        app.posted.clear()
        await pilot.press("space", "space")
        await pilot.pause()
        assert app.state.marks == {first, second}
        assert app.posted == [("marks", [first]), ("highlighted", second), ("marks", sorted([first, second])),
                              ("highlighted", table.visible_keys()[2])]
        assert app.line(1).lstrip().startswith("●") and app.line(2).lstrip().startswith("●")
        assert not app.line(3).lstrip().startswith("●")
        await pilot.press("k", "space")  # unmark the second
        await pilot.pause()
        assert app.state.marks == {first}
        table.clear_marks()
        await pilot.pause()
        assert app.state.marks == set() and app.posted[-1] == ("marks", [])
        assert "●" not in app.line(1)


async def test_stale_rows_say_as_of_when_and_fresh_data_takes_it_away() -> None:
    app = TableHost(make_active(3))
    async with app.run_test(size=(160, 20)) as pilot:
        table = app.table
        table.stale_as_of = NOW - timedelta(minutes=5)
        await pilot.pause()
        assert table.stale and table.border_subtitle == "as of 11:55:00"
        table.stale_as_of = None
        await pilot.pause()
        assert not table.stale and table.border_subtitle == ""


async def test_hidden_columns_are_not_drawn_and_the_wide_mode_scrolls_sideways() -> None:
    app = TableHost(make_active(3))
    async with app.run_test(size=(80, 20)) as pilot:
        table = app.table
        table.show_columns(["state", "name", "progress"])
        await pilot.pause()
        assert list(table.columns) == ["mark", "state", "name", "progress"]
        header = app.line(0)
        assert "Name" in header and "Progress" in header and "Type" not in header and "Size" not in header
        table.show_columns(None)
        await pilot.pause()
        assert table.virtual_size.width <= 80  # every column fits the terminal, squeezed
        await pilot.press("W")
        await pilot.pause()
        assert table.wide and table.virtual_size.width > 80 and table.max_scroll_x > 0
        await pilot.press("W")
        await pilot.pause()
        assert not table.wide and table.max_scroll_x == 0


async def test_the_finished_view_draws_its_own_columns_and_cells() -> None:
    logs = make_logs()
    app = TableHost(logs, View.FINISHED)
    async with app.run_test(size=(160, 20)) as pilot:
        await pilot.pause()
        assert "Outcome" in app.line(0) and "Ended▼" in app.line(0)
        newest = max(logs, key=lambda log: log.end_date)
        assert app.table.visible_keys()[0] == newest.job_handle
        assert newest.job_name in app.line(1)
