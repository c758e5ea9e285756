"""A confirmation dialog that was cancelled is gone for good: a poll that then finds one of its jobs ended
must not reach for it (round seven's mutation run over tui/command_runner.py, docs/TESTING.md: with the
runner still holding the closed dialog, the poll's handler failed on it and the console stopped polling)."""

from __future__ import annotations

from . import test_command_runner_exact as exact
from .helpers import running_console, settle

toasts = exact.toasts  # the fixture: every toast asked for, with Textual's defaults filled in


async def test_a_job_that_ends_after_its_dialog_was_cancelled_leaves_the_console_as_it_was(toasts) -> None:
    """The dialog is gone once cancelled: a poll that then finds its job ended must not reach for it."""
    async with running_console() as (pilot, app, screen, source):
        key = screen.table.selected_key
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        toasts.clear()
        del source.active[key]  # the job ends after the dialog closed
        await settle(pilot, app, polls=2)
        assert app.is_running and app.screen is screen and source.calls == []
        assert [t for t in exact.ours(toasts) if t.severity == "error"] == []
