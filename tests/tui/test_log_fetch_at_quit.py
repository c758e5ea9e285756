"""A log fetch started or answered while the console closes: dropped, without an error.

Seen against a 10,000-job sandbox: the live detail lines' interval timer fired while the console
was being taken down (Textual cancels the App's workers, then removes the screens, whose timers run
until then); the new fetch's answer came to a screen without its log pane, and the worker's
``NoMatches`` traceback was printed after the console had gone."""

from __future__ import annotations

import asyncio

from textual.worker import WorkerState

from activejob_tui.tui.widgets.log_pane import LogPane

from .fakes import FakeSource
from .helpers import running_console, wait_until


async def test_a_live_log_tick_while_the_console_closes_fetches_nothing_and_fails_nothing(monkeypatch):
    source = FakeSource()
    started: list = []
    async with running_console(source) as (pilot, app, screen, _):
        key = screen.table.selected_key
        source.live_details[key] = []
        screen.details.follow(key, force=True)
        await wait_until(pilot, lambda: not screen.details.fetching and screen.details.live_key == key)

        def tick_during_teardown(pane: LogPane) -> None:
            # What the live timer does when it fires at this moment (it still runs: see the docstring).
            screen.details._tick()
            started.extend(w for w in app.workers if w.group == "live-log")

        monkeypatch.setattr(LogPane, "on_unmount", tick_during_teardown, raising=False)
        app.exit()
    for _ in range(20):
        await asyncio.sleep(0.01)
    assert [(w.name, w.error) for w in started if w.state == WorkerState.ERROR] == []
    assert started == []  # nothing asked of the server for a console that is closing
