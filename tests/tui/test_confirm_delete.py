"""The delete dialog (src/activejob_tui/tui/screens/confirm.py) says what deleting does, as the
stop dialog does for stop: deleteJob removes a scheduled job and its schedule (IPS_JOBS_API.md §4.5)."""

from __future__ import annotations

from activejob_tui.tui.screens.confirm import ConfirmScreen

from .helpers import running_console, settle, wait_until


async def test_the_delete_dialog_says_the_job_will_not_run_again_and_cannot_be_undone():
    async with running_console(size=(80, 24)) as (pilot, app, screen, source):
        await pilot.press("2")
        await settle(pilot, app)
        key = screen.table.selected_key
        await pilot.press("D")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        summary = str(app.screen.query_one("#confirm-summary").render())
        assert "removed from IPS: it will not run again" in summary and "cannot be undone" in summary
        await pilot.press("escape")
        await settle(pilot, app)
        assert key in source.scheduled and ("delete", key) not in source.calls
