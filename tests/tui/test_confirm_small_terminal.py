"""The confirmation in a terminal too short for all of it: its buttons stay on screen (a new user's
50×14 showed the dialog's text and no way to answer it but the keyboard's Esc)."""

from __future__ import annotations

import pytest

from activejob_tui.tui.screens.confirm import ConfirmScreen

from .helpers import running_console, settle, wait_until


@pytest.mark.parametrize("size", [(50, 14), (40, 10), (80, 24)])
async def test_the_buttons_of_a_stop_of_three_jobs_are_on_screen(size):
    async with running_console(size=size) as (pilot, app, screen, source):
        await settle(pilot, app)
        for _ in range(3):
            await pilot.press("space")
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen) and app.screen.armed)
        await pilot.pause(0.2)
        width, height = size
        for button in ("#cancel", "#confirm"):
            region = app.screen.query_one(button).region
            assert region.height >= 1 and 0 <= region.y and region.bottom <= height - 1, (button, region)
            assert 0 <= region.x and region.right <= width, (button, region)
        await pilot.click("#cancel")
        await wait_until(pilot, lambda: not isinstance(app.screen, ConfirmScreen))
        assert not source.calls
