"""Esc steps back one thing at a time; when the thing is the marks, the console says how many went (a
new user's second Esc after a cancelled dialog dropped a selection without a word)."""

from __future__ import annotations

from activejob_tui.tui.screens.confirm import ConfirmScreen

from .helpers import running_console, wait_until


async def test_esc_after_a_cancelled_dialog_keeps_the_marks_and_the_next_esc_says_it_clears_them(toasts):
    async with running_console(size=(130, 36)) as (pilot, app, screen, source):
        await pilot.press("space", "space")
        assert len(screen.state.marks) == 2
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, ConfirmScreen))
        assert len(screen.state.marks) == 2 and not source.calls
        await pilot.press("escape")
        await wait_until(pilot, lambda: not screen.state.marks)
        assert ("Esc cleared the marks of 2 jobs.", "information") in toasts
