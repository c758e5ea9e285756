"""command_keys: which job commands apply now, why a refused key did nothing, what the runner acts on."""

from __future__ import annotations

from activejob_tui.poller import View
from activejob_tui.tui.screens.command_keys import allowed
from activejob_tui.tui.screens.list_view import switch_view
from tui.helpers import running_console, wait_until


async def test_commands_apply_in_their_views_and_are_greyed_read_only() -> None:
    async with running_console() as (_pilot, _app, screen, _source):
        assert allowed(screen, "command", ("stop",)) is True
        assert allowed(screen, "command", ("pause",)) is False  # a scheduled job's command
        assert allowed(screen, "filter", ()) is True
        switch_view(screen, View.SCHEDULED)
        assert allowed(screen, "command", ("pause",)) is True and allowed(screen, "command", ("stop",)) is False
    async with running_console(readonly=True) as (_pilot, _app, screen, _source):
        assert allowed(screen, "command", ("stop",)) is None
        assert allowed(screen, "view", ("scheduled",)) is True


async def test_a_refused_key_says_why_and_sends_nothing(toasts) -> None:
    async with running_console(readonly=True) as (pilot, _app, _screen, source):
        await pilot.press("s")
        await pilot.pause()
        assert ("Read-only mode (--readonly or readonly = true in the config): stop is refused, nothing was sent.",
                "warning") in toasts
        assert source.calls == []
    async with running_console() as (pilot, _app, _screen, source):
        toasts.clear()
        await pilot.press("p")  # pause in the Active view
        await pilot.pause()
        assert toasts == [("Pause does not apply to Active jobs: it works in the Scheduled view.", "warning")]
        assert source.calls == []


async def test_the_runner_acts_on_the_marked_jobs_and_redraws_them_as_sent() -> None:
    async with running_console() as (pilot, app, screen, source):
        app.poller.stop()  # no poll settles the stops under the test
        await pilot.press("space", "space")  # two marks, the cursor moves down after each
        marked = set(screen.state.marks)
        assert len(marked) == 2
        targets, hidden = screen.runner.pick()
        assert {t.handle for t in targets} == marked and hidden == 0
        screen.runner.run("stop", targets)
        await wait_until(pilot, lambda: marked <= set(screen.state.stopping))
        assert sorted(h for _verb, h in source.calls) == sorted(marked)
        assert not screen.state.marks
        assert "marked" not in screen.status.text.plain  # counted again after the send
