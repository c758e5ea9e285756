"""The Scheduled view's Next run cell (src/activejob_tui/tui/columns.py): a paused trigger shows
``paused``, not its stale nextFireTime (``18 s ago``), and sorts after the jobs that will run."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import timedelta

from rich.console import Console

from activejob_tui.model.enums import TriggerState
from activejob_tui.tui.theme import rich_theme

from .fakes import NOW
from .helpers import press_confirm, running_console, settle, wait_until


def plain(renderable) -> str:
    out = Console(width=40, file=io.StringIO(), color_system=None, theme=rich_theme())
    out.print(renderable, end="")
    return out.file.getvalue()


async def test_pausing_a_job_shows_paused_as_its_next_run_not_a_time_in_the_past():
    async with running_console() as (pilot, app, screen, source):
        await pilot.press("2")
        await settle(pilot, app)
        key = next(k for k, j in source.scheduled.items() if j.trigger_state == TriggerState.NORMAL)
        # IPS keeps the nextFireTime of a trigger it pauses: it soon lies in the past.
        source.scheduled[key] = replace(source.scheduled[key], next_fire_time=NOW - timedelta(seconds=18))
        await settle(pilot, app)
        while screen.table.selected_key != key:
            await pilot.press("j")
        await pilot.press("p")
        await press_confirm(pilot, app)
        await wait_until(pilot, lambda: source.scheduled[key].trigger_state == TriggerState.PAUSED)
        await settle(pilot, app, polls=2)
        assert plain(screen.table.get_cell(key, "next")) == "paused"
        running = next(k for k, j in source.scheduled.items() if j.trigger_state == TriggerState.NORMAL)
        assert plain(screen.table.get_cell(running, "next")).startswith("in ")
