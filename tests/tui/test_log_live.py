"""The log pane, round two (issue 13 item 1, 2): live detail lines of an active job, follow like
``tail -f``, severity filter and search inside the log, log type and time order, ``m`` during a
load, ``w`` saving every page."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from activejob_tui.model import jobs as m
from activejob_tui.tui import log_details

from .fakes import NOW, FakeSource
from .helpers import make_app, running_console, screen_of, settle, wait_until
from .screen_text import screen_lines


def details(start: int, count: int, *, minutes: int = 0) -> list[m.JobLogDetail]:
    kinds = ["UploadSuccess", "ProcessWarning", "UploadError", "TotalFileCount"]
    return [m.JobLogDetail(log_message=f"line {i}", log_type=kinds[i % 4],
                           date_created=NOW + timedelta(minutes=minutes, seconds=i))
            for i in range(start, start + count)]


async def live(pilot, screen, source: FakeSource, count: int) -> str:
    """Give the selected active job ``count`` detail lines and wait until its log pane shows them."""
    key = screen.table.selected_key
    source.live_details[key] = details(0, count)
    screen.details.follow(key, force=True)
    await wait_until(pilot, lambda: len(screen.log_pane.entries) == count)
    return key


async def test_an_active_job_shows_its_detail_lines_live_with_log_type_in_time_order():
    source = FakeSource()
    async with running_console(source) as (pilot, app, screen, _):
        key = await live(pilot, screen, source, 3)
        pane = screen.log_pane
        assert pane.source == "detail lines"
        lines = pane.log_widget.lines
        assert "UploadSuccess" in lines[0] and "line 0" in lines[0]
        assert "UploadError" in lines[2] and "ProcessWarning" in lines[1]
        assert "success  UploadSuccess" in lines[0]  # the severity word never runs into what follows
        # The job writes more lines, one of them older than the last shown: polled while selected.
        source.live_details[key] += details(3, 2) + [details(99, 1, minutes=-5)[0]]
        await wait_until(pilot, lambda: len(pane.entries) == 6)
        assert "line 99" in pane.log_widget.lines[0]  # time order, not arrival order
        assert "line 4" in pane.log_widget.lines[-1]
        assert "detail lines  6 lines" in str(screen.query_one("#log-title").render())


async def test_follow_stays_off_after_scrolling_up_and_comes_back_at_the_end():
    source = FakeSource()
    async with running_console(source) as (pilot, app, screen, _):
        key = await live(pilot, screen, source, 200)
        pane, log = screen.log_pane, screen.log_pane.log_widget
        await pilot.pause(0.1)
        assert pane.follow and log.is_vertical_scroll_end
        log.focus()
        await pilot.press("k", "k", "k")
        await pilot.pause(0.1)
        assert pane.follow is False
        where = log.scroll_y
        source.live_details[key] += details(200, 20)
        await wait_until(pilot, lambda: len(pane.entries) == 220)
        await pilot.pause(0.1)
        assert log.scroll_y == where  # no snapping back
        await pilot.press("G")
        await pilot.pause(0.1)
        assert pane.follow is True and log.is_vertical_scroll_end
        # Cycling the severity filter while following keeps the view at the end.
        for _ in range(3):
            await pilot.press("v")
            await pilot.pause(0.1)
            assert log.is_vertical_scroll_end, pane.level


async def test_search_inside_the_log_with_n_and_N():
    source = FakeSource()
    async with running_console(source) as (pilot, app, screen, _):
        await live(pilot, screen, source, 100)
        pane = screen.log_pane
        pane.log_widget.focus()
        await pilot.press("slash", *"line 1", "enter")
        await pilot.pause(0.1)
        # "line 1", "line 10".."line 19" — 11 lines
        assert len(pane.matches) == 11 and pane.match_at >= 0 and pane.follow is False
        first = pane.match_at
        await pilot.press("n")
        assert pane.match_at == (first + 1) % 11
        await pilot.press("N", "N")
        assert pane.match_at == (first - 1) % 11
        assert "“line 1”" in str(screen.query_one("#log-title").render())
        # the pane's own `/` does not open the job filter
        assert not screen.query_one("#filter").display


async def test_m_pressed_during_a_page_load_is_not_dropped(monkeypatch):
    monkeypatch.setattr(log_details, "DETAIL_PAGE", 5)
    source = FakeSource()
    async with running_console(source) as (pilot, app, screen, _):
        await pilot.press("3")
        await settle(pilot, app)
        pane = screen.log_pane
        await wait_until(pilot, lambda: len(pane.entries) == 5)
        source.delay = 0.3  # each page takes a while
        pane.log_widget.focus()
        await pilot.press("m", "m", "m")
        await wait_until(pilot, lambda: len(pane.entries) == 20)


async def test_w_saves_every_page_filtered_with_dates_types_and_a_header(monkeypatch, tmp_path):
    monkeypatch.setattr(log_details, "DETAIL_PAGE", 7)
    source = FakeSource()
    async with running_console(source) as (pilot, app, screen, _):
        screen.saver.save_dir = tmp_path
        await pilot.press("3")
        await settle(pilot, app)
        pane = screen.log_pane
        key = screen.table.selected_key
        await wait_until(pilot, lambda: len(pane.entries) == 7)  # one page of 30 loaded
        pane.log_widget.focus()
        await pilot.press("v", "v")  # errors only
        await pilot.press("w")
        await wait_until(pilot, lambda: list(tmp_path.glob("activejob-*.log")))
        text = next(tmp_path.glob("activejob-*.log")).read_text(encoding="utf-8")
        head, body = text.split("# columns:", 1)
        assert f"# handle:   {key}" in head and "Demo Company" in head and "# exported: 20" in head
        assert "severity errors" in head
        rows = body.splitlines()[1:]
        errors = sum(1 for i in range(30) if i % 5 == 3)  # fakes.make_details: every 5th is an UploadError
        assert len(rows) == errors > 1
        assert all("  error    UploadError" in r and r[:4].isdigit() and r[4] == "-" for r in rows)


async def test_the_saved_toast_names_the_file_whole_on_a_line_of_its_own(monkeypatch, tmp_path):
    """A new user's toast cut a long path mid-word: the file's name now has a line of its own, the
    folder another, under the home folder as ``~/``."""
    folder = tmp_path / "a-rather-long-folder-name-that-no-toast-holds-on-one-line" / "logs"
    folder.mkdir(parents=True)
    monkeypatch.setattr(Path, "home", lambda: tmp_path)
    app, _source = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot, app)
        screen = screen_of(app)
        screen.saver.save_dir = folder
        await pilot.press("3")
        await settle(pilot, app)
        await wait_until(pilot, lambda: bool(screen.log_pane.entries))
        screen.log_pane.log_widget.focus()
        await pilot.press("w")
        await wait_until(pilot, lambda: list(folder.glob("activejob-*.log")))
        name = next(folder.glob("activejob-*.log")).name
        await wait_until(pilot, lambda: any(name in line for line in screen_lines(app)))
        assert any("~/a-rather-long-folder" in line for line in screen_lines(app)), "\n".join(screen_lines(app))


async def test_another_job_s_log_opens_following_even_after_follow_was_turned_off():
    """A new user pressed g in one job's log (follow: off), went to another running job: its log opened at
    the top with follow off, instead of tailing."""
    source = FakeSource()
    async with running_console(source) as (pilot, app, screen, _):
        await live(pilot, screen, source, 50)
        pane = screen.log_pane
        pane.log_widget.focus()
        await pilot.press("g")
        await wait_until(pilot, lambda: pane.follow is False)
        screen.table.focus()
        await pilot.press("j")
        key = screen.table.selected_key
        source.live_details[key] = details(0, 80)
        screen.details.follow(key, force=True)
        await wait_until(pilot, lambda: pane.job_key == key and len(pane.entries) == 80)
        await pilot.pause(0.1)
        assert pane.follow is True and pane.log_widget.is_vertical_scroll_end
        assert "follow: on" in str(screen.query_one("#log-title").render())
