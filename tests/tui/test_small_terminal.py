"""Dialogs and refusals at 80×24 (issue 13 item 8)."""

from __future__ import annotations

from activejob_tui.model.enums import ActiveJobState
from activejob_tui.tui.screens.confirm import ConfirmScreen

from .fakes import FakeSource, make_active
from .helpers import running_console, settle
from .screen_text import screen_lines


async def test_stop_dialog_with_three_marked_jobs_fits_80x24_and_keeps_handles_whole():
    jobs = [j for j in make_active(12) if j.state is ActiveJobState.RUNNING]
    async with running_console(FakeSource(jobs), size=(80, 24)) as (pilot, app, screen, source):
        await pilot.press("space", "j", "space", "j", "space")
        assert len(screen.state.marks) == 3
        await pilot.press("s")
        await pilot.pause(0.3)
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen) and len(dialog.targets) == 3
        for button in ("#cancel", "#confirm"):
            region = dialog.query_one(button).region
            assert region.height > 0 and region.bottom <= 24 and region.right <= 80, (button, region)
        listing = dialog.query_one("#confirm-list")
        width = listing.content_region.width
        assert all(len(t.handle) + 4 <= width for t in dialog.targets)
        lines = screen_lines(app)
        assert all(any(t.handle in line for line in lines) for t in dialog.targets)
        await pilot.press("escape")


async def test_refusals_say_why(monkeypatch):
    async with running_console(readonly=True) as (pilot, app, screen, source):
        told = []
        monkeypatch.setattr(screen, "notify", lambda message, **kw: told.append(message))
        await pilot.press("s")
        await pilot.pause()
        assert told and "read-only" in told[-1].lower()
    async with running_console() as (pilot, app, screen, source):
        told = []
        monkeypatch.setattr(screen, "notify", lambda message, **kw: told.append(message))
        await pilot.press("3")
        await settle(pilot, app)
        await pilot.press("s")
        await pilot.pause()
        assert told and "finished" in told[-1].lower()


async def test_a_stop_dialog_taller_than_80x24_says_which_jobs_are_in_view_and_scrolls_by_keys():
    """A new user marked five jobs at 80×24: the dialog said "Stop 5 jobs?" and showed three, with
    a thin scrollbar; Down, PgDn, End and j did nothing (the focus is on the buttons)."""
    jobs = make_active(12)
    async with running_console(FakeSource(jobs), size=(80, 24)) as (pilot, app, screen, source):
        for _ in range(6):
            await pilot.press("space", "j")
        await pilot.press("s")
        await pilot.pause(0.3)
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen) and len(dialog.targets) == 6
        handles = [t.handle for t in dialog.targets]

        def seen() -> list[str]:
            text = "\n".join(screen_lines(app))
            return [h for h in handles if h in text]

        await pilot.pause(0.1)
        first = seen()
        assert first and first == handles[:len(first)] and len(first) < 6
        assert f"Jobs 1–{len(first)} of 6 in view · ↑↓ to scroll" in "\n".join(screen_lines(app))
        await pilot.press("end")
        await pilot.pause(0.1)
        last = seen()
        assert handles[-1] in last and handles[0] not in last
        start = handles.index(last[0]) + 1
        assert f"Jobs {start}–6 of 6 in view" in "\n".join(screen_lines(app))  # the rows in view now
        await pilot.press("home")
        await pilot.pause(0.1)
        assert seen() == first
        assert f"Jobs 1–{len(first)} of 6 in view" in "\n".join(screen_lines(app))
        await pilot.press("j", "j", "j", "j")
        await pilot.pause(0.1)
        assert seen() != first
        assert app.screen is dialog and not source.calls  # scrolling confirmed nothing
        await pilot.press("escape")


async def test_the_sort_is_named_under_the_list_while_its_column_is_not_shown():
    """A new user at 80×24: the Started column gave way, and the ▼ that says how the list is sorted with it."""
    async with running_console(size=(80, 24)) as (pilot, app, screen, source):
        await settle(pilot, app)
        table = screen.table
        assert table.sort_column not in {laid.key for laid in table.laid()}
        assert table.border_subtitle == "sorted by Started▼"
        assert any("sorted by Started▼" in line for line in screen_lines(app))
        await pilot.press("O")  # flip: the arrow follows
        await settle(pilot, app)
        assert table.border_subtitle == "sorted by Started▲"
    async with running_console(size=(160, 48)) as (pilot, app, screen, source):
        await settle(pilot, app)
        assert screen.table.border_subtitle == ""  # the header shows it: "Started▼"
