"""The job list widget (src/activejob_tui/tui/widgets/job_table.py): the cursor stays on its job
through filters and polls, widths follow the terminal, keys/mouse/sort work, stale rows are honest."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from textual.command import CommandPalette

from activejob_tui.config import Options, resolve
from activejob_tui.config_error import ConfigError
from activejob_tui.model.query import parse
from activejob_tui.poller import View

REFILL_AT = 64  # "many rows at once": more than a screenful

from activejob_tui.tui.widgets.job_table import JobTable

from .fakes import FakeSource, make_active
from .helpers import running_console, settle


async def test_a_filter_that_hides_many_rows_keeps_the_cursor_and_the_order():
    jobs = make_active(REFILL_AT * 3)
    async with running_console(FakeSource(jobs)) as (pilot, app, screen, source):
        table = screen.table
        user = jobs[0].submit_user_email
        kept = [k for k, j in screen.state.current.items() if j.submit_user_email == user]
        hidden = len(screen.state.current) - len(kept)
        assert hidden > REFILL_AT and kept
        table.select_key(kept[-1])
        screen.state.set_filter(parse(f"user:{user}"), f"user:{user}")
        table.set_filter(screen.state.predicate())
        await pilot.pause()
        assert set(table.visible_keys()) == set(kept)
        assert table.visible_keys() == table.ordered_keys(kept)
        assert table.selected_key == kept[-1]


async def test_a_poll_in_which_many_jobs_left_keeps_the_cursor_on_its_job():
    jobs = make_active(REFILL_AT * 3)
    async with running_console(FakeSource(jobs)) as (pilot, app, screen, source):
        table = screen.table
        stay = table.visible_keys()[REFILL_AT + 5]
        table.select_key(stay)
        gone = [k for k in list(source.active) if k != stay][: REFILL_AT + 10]
        for key in gone:
            del source.active[key]
        await settle(pilot, app)
        assert set(table.visible_keys()) == set(source.active)
        assert table.visible_keys() == table.ordered_keys(list(source.active))
        assert table.selected_key == stay
        assert len(screen.state.jobs[View.ACTIVE]) == table.row_count


def line_text(table, y: int) -> str:
    """What the job list draws on its ``y``-th line (0: the header)."""
    return table.render_line(y).text


async def test_at_80_columns_the_important_columns_stay_on_screen():
    async with running_console(FakeSource(make_active(30)), size=(80, 24)) as (pilot, app, screen, source):
        table = screen.table
        header = line_text(table, 0)
        for title in ("State", "Name", "Progress", "ETA"):
            assert title in header, header
        assert table.virtual_size.width <= table.scrollable_content_region.width  # nothing cut off to the right
        assert table.columns["name"].width >= 16


async def test_at_220_columns_name_type_and_server_take_the_spare_width():
    long_name = "Nightly catalogue reprocess for the spring range"  # 48 cells
    jobs = [replace(j, name=long_name if i == 0 else j.name, type="ImageServingPublishWithOptions")
            for i, j in enumerate(make_active(20))]
    async with running_console(FakeSource(jobs), size=(220, 50)) as (pilot, app, screen, source):
        table = screen.table
        widths = {key: laid.width for key, laid in table.columns.items()}
        assert set(widths) >= {"name", "type", "server", "user", "eta", "size"}
        assert widths["name"] >= len(long_name) and widths["type"] > 18 and widths["server"] > 8
        assert str(table.get_cell(jobs[0].job_handle, "name")) == long_name  # not cut
        assert str(table.get_cell(jobs[1].job_handle, "type")) == "ImageServingPublishWithOptions"
        assert table.scrollable_content_region.width - table.virtual_size.width < 20  # no wide empty margin


async def test_wide_mode_shows_every_column_at_its_widest_and_scrolls_sideways():
    async with running_console(FakeSource(make_active(10)), size=(80, 24)) as (pilot, app, screen, source):
        table = screen.table
        assert "user" not in table.columns
        await pilot.press("W")
        assert table.wide and "user" in table.columns and "server" in table.columns
        assert table.virtual_size.width > table.scrollable_content_region.width
        table.toggle_column("user")
        await pilot.pause()
        assert "user" not in table.columns


async def test_keys_move_the_cursor_and_a_click_selects_the_row_under_the_pointer():
    async with running_console(FakeSource(make_active(200)), size=(160, 48)) as (pilot, app, screen, source):
        table = screen.table
        table.focus()
        await pilot.press("G")
        assert table.cursor_row == 199 and table.selected_key == table.visible_keys()[-1]
        assert table.scroll_y > 0  # the last row is on screen
        await pilot.press("g", "j", "j", "k")
        assert table.cursor_row == 1
        await pilot.press("pagedown")
        page = table.scrollable_content_region.height - table.header_height
        assert table.cursor_row == 1 + page
        await pilot.press("g")
        await pilot.click(JobTable, offset=(10, table.content_region.y - table.region.y + table.header_height + 3))
        assert table.cursor_row == 3
        assert table.selected_key == table.visible_keys()[3]


async def test_sort_by_eta_and_by_a_click_on_a_header():
    async with running_console(FakeSource(make_active(40))) as (pilot, app, screen, source):
        table = screen.table
        for step in range(1, 4):  # progress with time: histories from which running jobs get an ETA
            for key, job in list(source.active.items()):
                if job.progress:
                    source.active[key] = replace(job, progress=min(99, job.progress + step),
                                                 last_progress_update=job.last_progress_update
                                                 + timedelta(seconds=20 * step))
            await settle(pilot, app)
        table.set_sort("eta", False)
        keys = table.visible_keys()
        assert table.sort_column == "eta" and keys == table.ordered_keys(keys)
        etas = [str(table.get_cell(k, "eta")) for k in keys]
        known = [e for e in etas if e != "—"]
        assert known and etas[: len(known)] == known  # the jobs with an estimate first, soonest first
        assert "ETA▲" in line_text(table, 0)
        header = line_text(table, 0)
        x = header.index("Name")
        await pilot.click(JobTable, offset=(x + table.content_region.x - table.region.x, 1))
        assert table.sort_column == "name" and not table.sort_reverse
        names = [str(table.get_cell(k, "name")) for k in table.visible_keys()]
        assert names == sorted(names, key=str.casefold)


async def test_stale_rows_are_dimmed_their_times_frozen_and_the_eta_dashed():
    jobs = make_active(5)
    async with running_console(FakeSource(jobs)) as (pilot, app, screen, source):
        table = screen.table
        key = table.visible_keys()[0]
        job = screen.state.current[key]
        fresh = line_text(table, 1)
        as_of = job.start_date + timedelta(minutes=3)
        table.stale_as_of = as_of
        await pilot.pause()
        line = table.render_line(1)
        assert all(seg.style is not None and seg.style.dim for seg in line if seg.text.strip())
        started = line.text[sum(laid.width + 2 for laid in list(table.columns.values())[:5]):][:12]
        assert "3 min ago" in started, line.text
        assert table.border_subtitle.startswith("as of ")
        eta_at = sum(laid.width + 2 for k, laid in table.columns.items() if k != "eta" and
                     list(table.columns).index(k) < list(table.columns).index("eta"))
        assert line.text[eta_at:eta_at + 4].strip() == "—"
        table.stale_as_of = None
        await pilot.pause()
        assert line_text(table, 1) == fresh
        assert not any(seg.style is not None and seg.style.dim and "ago" in seg.text for seg in table.render_line(1))


def test_the_config_file_names_the_columns_and_the_wide_mode(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('columns = ["state", "name", "eta"]\nwide_columns = true\n', encoding="utf-8")
    resolved = resolve(Options(), {"ACTIVEJOB_TUI_CONFIG": str(path)}, None)
    assert resolved.columns == ("state", "name", "eta") and resolved.wide_columns
    path.write_text('columns = "state"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="columns must be a list of column ids"):
        resolve(Options(), {"ACTIVEJOB_TUI_CONFIG": str(path)}, None)


async def test_configured_columns_are_the_ones_shown_and_unknown_ids_are_named():
    async with running_console(columns=["state", "name", "eta"]) as (pilot, app, screen, source):
        assert list(screen.table.columns) == ["mark", "state", "name", "eta"]
    async with running_console(columns=["state", "nmae"]) as (pilot, app, screen, source):
        messages = [n.message for n in app._notifications]
        assert any("Unknown column 'nmae'" in m and "name" in m for m in messages), messages
        assert "type" in screen.table.columns  # the list still shows its columns


async def test_columns_are_hidden_and_shown_from_a_searchable_list():
    async with running_console() as (pilot, app, screen, source):
        table = screen.table
        table.focus()
        await pilot.press("C")
        await pilot.pause(0.2)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Hide column: Type")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert "type" not in table.columns and "name" in table.columns
        assert "Type" not in line_text(table, 0)
