"""The command runner (src/activejob_tui/tui/command_runner.py) and the worker-failure handler
(tui/failures.py), driven through the real app."""

from __future__ import annotations

import logging
from dataclasses import replace

from activejob_tui.model.query import parse
from activejob_tui.tui.screens.confirm import ConfirmScreen

from .helpers import press_confirm, running_console, settle


async def commands_done(pilot) -> None:
    """Let the command worker run to its end (the poller's worker never ends, so no wait_for_complete)."""
    await pilot.pause(0.1)
    for _ in range(100):
        if not any(w.group == "commands" and not w.is_finished for w in pilot.app.workers):
            break
        await pilot.pause(0.05)
    await pilot.pause(0.1)


async def test_the_command_acts_on_the_jobs_the_dialog_showed_whatever_changes_meanwhile():
    async with running_console() as (pilot, app, screen, source):
        table = screen.table
        first, second = table.visible_keys()[:2]
        table.select_key(first)
        await pilot.press("space")  # marks first, moves to the next row
        table.select_key(second)
        await pilot.press("space")
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen)
        shown = [t.handle for t in dialog.targets]
        assert sorted(shown) == sorted([first, second])

        # While the dialog is open: a re-sort, polls that change the jobs, a filter that hides one of
        # them, a different mark set and another row under the cursor.
        table.set_sort("name", True)
        for key in list(source.active):
            source.active[key] = replace(source.active[key], progress=((source.active[key].progress or 0) + 3) % 100)
        await settle(pilot, app, polls=2)
        screen.state.set_filter(parse(f"handle:{first}"), f"handle:{first}")
        table.set_filter(screen.state.predicate())
        screen.state.clear_marks()
        other = next(k for k in source.active if k not in (first, second))
        screen.state.toggle_mark(other)
        await pilot.pause()
        assert app.screen is dialog

        await press_confirm(pilot, app)
        await commands_done(pilot)
        assert source.calls == [("stop", handle) for handle in shown]


async def test_a_bug_after_the_stop_was_sent_is_shown_and_logged(caplog, monkeypatch):
    caplog.set_level(logging.ERROR, logger="activejob_tui")
    async with running_console() as (pilot, app, screen, source):
        key = screen.table.selected_key

        def broken(verb, handles):
            raise RuntimeError("bookkeeping broke")

        monkeypatch.setattr(screen.state, "sent", broken)
        await pilot.press("s")
        await pilot.pause()
        await press_confirm(pilot, app)
        await commands_done(pilot)
        await pilot.pause(0.1)
        assert source.calls == [("stop", key)]  # the stop did go out
        errors = [n for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1
        text = errors[0].message
        assert "Internal error" in text and "stop 1 job" in text and "RuntimeError: bookkeeping broke" in text
        assert "may have reached the server" in text and "log file" in text
        logged = [r for r in caplog.records if r.exc_info and "bookkeeping broke" in str(r.exc_info[1])]
        assert logged and "Traceback" in caplog.text


async def test_a_bug_in_another_worker_is_shown_too(caplog):
    caplog.set_level(logging.ERROR, logger="activejob_tui")
    async with running_console() as (pilot, app, screen, source):

        async def broken() -> None:
            raise ValueError("unexpected shape")

        app.run_worker(broken(), name="load something", group="details", exit_on_error=False)
        await pilot.pause(0.2)
        messages = [n.message for n in app._notifications if n.severity == "error"]
        assert any("“load something”" in m and "ValueError: unexpected shape" in m for m in messages)
        assert not any("may have reached the server" in m for m in messages)
        assert "unexpected shape" in caplog.text and "Traceback" in caplog.text


async def test_a_command_the_server_is_slow_to_answer_says_it_is_still_being_sent():
    """A new user confirmed a stop while the server hung: nothing on screen said it was on its way until
    the server came back. After SLOW_SEND seconds the console says so; a quick answer says nothing extra."""
    from activejob_tui.tui.command_runner import SLOW_SEND

    for delay, slow in ((SLOW_SEND + 1.5, True), (0.0, False)):
        async with running_console() as (pilot, app, screen, source):
            source.command_delay = delay
            key = screen.table.selected_key
            name = source.active[key].name
            await pilot.press("s")
            await press_confirm(pilot, app)
            await commands_done(pilot)
            messages = [n.message for n in app._notifications]
            waiting = [m for m in messages if m.startswith("Still sending stop to 1 job")]
            assert waiting == (["Still sending stop to 1 job: the server has not answered yet."] if slow else [])
            assert f"Sent stop to 1 job: {name}" in messages
