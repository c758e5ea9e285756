"""The note a slow server earns when several jobs are sent a command: its plural sentence, word for word,
and how Textual shows it (a warning, plain text, for 10 s) — the survivors of round seven's mutation run
over tui/command_runner.py (docs/TESTING.md): only the one-job note was checked, and only its words."""

from __future__ import annotations

from activejob_tui.tui.command_runner import SLOW_SEND

from . import test_command_runner_exact as exact
from .helpers import press_confirm, running_console

Toast = exact.Toast
toasts = exact.toasts  # the fixture: every toast asked for, with Textual's defaults filled in


async def test_a_command_to_several_jobs_the_server_is_slow_to_answer_says_so_in_one_warning(toasts) -> None:
    async with running_console() as (pilot, app, screen, source):
        first, second = screen.table.visible_keys()[:2]
        for key in (first, second):
            screen.table.select_key(key)
            await pilot.press("space")
        source.command_delay = SLOW_SEND  # each job: the note comes while the first is out
        toasts.clear()
        await pilot.press("s")
        await press_confirm(pilot, app)
        await exact.commands_done(pilot)
        assert sorted(source.calls) == sorted([("stop", first), ("stop", second)])
        waiting = [t for t in exact.ours(toasts) if t.message.startswith("Still sending")]
        assert waiting == [Toast("Still sending stop to 2 jobs: the server has not answered yet.", "warning",
                                 timeout=10, markup=False)]
