"""Dialogs and refusals at 80×24 (issue 13 item 8)."""

from __future__ import annotations

from activejob_tui.model.enums import ActiveJobState
from activejob_tui.tui.screens.confirm import ConfirmScreen

from .fakes import FakeSource, make_active
from .helpers import running_console, settle


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
        listing = dialog.query_one("#confirm-table")
        width = listing.content_region.width
        assert all(len(t.handle) + 4 <= width for t in dialog.targets)
        lines = str(listing.render()).splitlines()
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
