"""The console's header says when the poll interval stretched and why, and stops saying it when polls
are quick again (issue 12); the poller waits for each snapshot to be on screen."""

from __future__ import annotations

import asyncio
import math
import re

from activejob_tui.poller import BREATHE

from .fakes import FakeSource, make_active
from .helpers import make_app


class Slow(FakeSource):
    """The fake source with a delay before each answer (what a big answer over a slow link does)."""

    delay = 0.0

    async def active_jobs(self):
        await asyncio.sleep(self.delay)
        return await super().active_jobs()


async def header_until(pilot, app, predicate, timeout: float = 15.0) -> str:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        text = app.console_screen.status.text.plain
        if predicate(text):
            return text
        assert loop.time() < deadline, text
        await pilot.pause(0.05)


async def test_the_header_says_the_interval_stretched_and_why_then_returns_to_normal():
    source = Slow(make_active(5))
    source.delay = 0.8
    app, _ = make_app(source, poll_interval=1.0)
    async with app.run_test(size=(160, 48)) as pilot:
        text = await header_until(pilot, app, lambda t: "→" in t)
        found = re.search(r"every 1 s → (\d+) s: polls take (\d+\.\d) s", text)
        assert found, text
        wait, took = int(found[1]), float(found[2])
        assert took >= 0.8 and math.ceil((took - 0.05) * BREATHE) <= wait <= math.ceil((took + 0.05) * BREATHE)
        assert app.poller.acknowledged and app.poller.pace.stretched
        source.delay = 0.0
        text = await header_until(pilot, app, lambda t: "→" not in t and "every 1 s" in t)
        assert not app.poller.pace.stretched and app.poller.pace.wait == 1.0


async def test_polls_go_on_while_a_dialog_covers_the_console():
    """The poller waits for each snapshot to be handled; a screen on top (help, a confirmation) must
    not hold that acknowledgement, or the list behind it would stop updating."""
    from .helpers import settle

    source = Slow(make_active(5))
    app, _ = make_app(source)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot, app)
        await pilot.press("question_mark")
        for _ in range(100):
            if app.screen is not app.console_screen:
                break
            await pilot.pause(0.02)
        assert app.screen is not app.console_screen
        await settle(pilot, app, polls=3)
        assert app.screen is not app.console_screen
