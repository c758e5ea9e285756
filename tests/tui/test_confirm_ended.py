"""A confirmation whose jobs end while it is open says so, and nothing is sent to a job known to have ended
(``CommandRunner.polled``/``ConfirmScreen.show_ended``): the runner stays the one sender."""

from __future__ import annotations

from textual.widgets import Button, Static

from activejob_tui.model.enums import ActiveJobState
from activejob_tui.tui.screens.confirm import ConfirmScreen

from .helpers import press_confirm, running_console, settle, wait_until


def ended_line(dialog: ConfirmScreen) -> str:
    """The dialog's sentence about its ended jobs, whole (a substring check let a mutated sentence pass)."""
    line = dialog.query_one("#confirm-ended", Static)
    return str(line.render()) if line.display else ""


def dialog_text(dialog: ConfirmScreen) -> str:
    return "\n".join(str(w.render()) for w in dialog.query(Static) if w.display)


async def stop_dialog(pilot, app, screen, key: str) -> ConfirmScreen:
    """Select ``key``, press ``s``: the confirmation for it."""
    assert screen.table.select_key(key)
    await pilot.press("s")
    await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), timeout=5)
    return app.screen


async def test_the_stop_dialog_says_its_job_has_ended_and_sends_nothing():
    async with running_console() as (pilot, app, screen, source):
        running = [k for k, j in source.active.items() if j.state == ActiveJobState.RUNNING]
        dialog = await stop_dialog(pilot, app, screen, running[0])
        del source.active[running[0]]  # the job ends while the dialog is open
        await wait_until(pilot, lambda: ended_line(dialog) == "This job has ended: nothing to stop.", timeout=5)
        assert "ended, not sent" in dialog_text(dialog)
        assert "stopping…" not in dialog_text(dialog)  # what stop would have done: moot
        assert not dialog.query_one("#confirm", Button).display
        assert str(dialog.query_one("#cancel", Button).label) == "Close"
        assert dialog.focused is dialog.query_one("#cancel", Button)
        await pilot.press("tab")  # the action button is gone: Close is the one stop (the list takes no focus)
        assert dialog.focused is dialog.query_one("#cancel", Button)
        await pilot.press("enter")  # a new user's tab + enter: closes, sends nothing
        await wait_until(pilot, lambda: not isinstance(app.screen, ConfirmScreen))
        assert source.calls == [], source.calls


async def test_of_marked_jobs_only_those_still_running_are_stopped_and_the_others_named():
    async with running_console() as (pilot, app, screen, source):
        running = [k for k, j in source.active.items() if j.state == ActiveJobState.RUNNING][:3]
        for key in running:
            assert screen.table.select_key(key)
            await pilot.press("space")
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen) and len(dialog.targets) == 3
        gone_name = source.active[running[1]].name
        del source.active[running[1]]
        await wait_until(pilot, lambda: ended_line(dialog) == "1 of these jobs has ended: stop goes to the other 2 only.",
                         timeout=5)
        assert dialog.query_one("#confirm", Button).display
        await press_confirm(pilot, app)  # Cancel → Stop
        await wait_until(pilot, lambda: len(source.calls) == 2)
        await settle(pilot, app)
        assert sorted(source.calls) == sorted([("stop", running[0]), ("stop", running[2])])
        said = f"Stop not sent to {gone_name}: no longer listed by the server."
        assert any(n.message == said for n in app._notifications)


async def test_a_job_that_ends_between_the_last_dialog_update_and_the_yes_is_not_sent():
    """The runner checks again at the yes, whatever the dialog showed: the list is the source of truth."""
    async with running_console() as (pilot, app, screen, source):
        key = screen.table.selected_key
        dialog = await stop_dialog(pilot, app, screen, key)
        app.console_screen.runner.polled = lambda: None  # the dialog is not told …
        del source.active[key]
        await settle(pilot, app, polls=2)  # … but the state knows the job is gone
        assert dialog.query_one("#confirm", Button).display
        await press_confirm(pilot, app)
        await settle(pilot, app)
        assert source.calls == []
