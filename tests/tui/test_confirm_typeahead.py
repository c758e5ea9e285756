"""Nothing changes a job without a confirmation the operator saw (issue: a new user's findings).

A new user stopped a job with ``s`` then ``y`` typed in one go, and deleted a scheduled job with ``D``
``y`` before its dialog — "This cannot be undone" — was ever drawn; ``e`` (run now), ``p`` and ``r``
acted at once, with no dialog at all. Every command now opens the dialog, there is no one-key yes, and
the action button is disabled until the dialog has been on screen for ``ARM_DELAY``: keys typed ahead
land on Cancel or on a disabled button.
"""

from __future__ import annotations

import pytest
from textual import events

from activejob_tui.model.enums import TriggerState
from activejob_tui.tui.screens.confirm import ConfirmScreen

from .helpers import press_confirm, running_console, settle, wait_until

KEYS = {"enter": "\r", "tab": "\t", "right": "", "l": "l", "y": "y"}
COMMANDS = [("1", "s", "stop"), ("2", "D", "delete"), ("2", "e", "execute"), ("2", "p", "pause"), ("2", "r", "resume")]


def burst(app, keys: list[str]) -> None:
    """Post the keys at once, as a fast typist or a laggy SSH link delivers them."""
    for key in keys:
        app.post_message(events.Key(key, KEYS.get(key, key)))


async def to_view_and_job(pilot, app, screen, source, view: str, verb: str) -> str:
    await pilot.press(view)
    await settle(pilot, app)
    if view == "1":
        return screen.table.selected_key
    wanted = TriggerState.PAUSED if verb == "resume" else TriggerState.NORMAL
    key = next(k for k, j in source.scheduled.items() if j.trigger_state == wanted)
    assert screen.table.select_key(key)
    await pilot.pause()
    return key


@pytest.mark.parametrize("view,key,verb", COMMANDS, ids=[c[2] for c in COMMANDS])
@pytest.mark.parametrize("ahead", [["y"], ["tab", "enter"], ["right", "enter"], ["l", "enter"], ["y", "tab", "enter"]],
                         ids=lambda a: "+".join(a))
async def test_keys_typed_ahead_of_the_dialog_never_confirm_it(view, key, verb, ahead):
    async with running_console() as (pilot, app, screen, source):
        await to_view_and_job(pilot, app, screen, source, view, verb)
        app.poller.stop()
        burst(app, [key, *ahead])
        await pilot.pause(3 * 0.3)  # past ARM_DELAY: whatever the burst did, it has done it
        if isinstance(app.screen, ConfirmScreen):  # still open: it arms, and waits for a deliberate press
            await wait_until(pilot, lambda: app.screen.armed, timeout=5)
            await pilot.pause(0.2)
        assert source.calls == [], source.calls


@pytest.mark.parametrize("view,key,verb", COMMANDS, ids=[c[2] for c in COMMANDS])
async def test_every_command_asks_first_and_sends_only_when_confirmed(view, key, verb):
    async with running_console() as (pilot, app, screen, source):
        handle = await to_view_and_job(pilot, app, screen, source, view, verb)
        await pilot.press(key)
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert [t.handle for t in app.screen.targets] == [handle]
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, ConfirmScreen))
        await pilot.pause(0.2)
        assert source.calls == []
        await pilot.press(key)
        await press_confirm(pilot, app)
        await wait_until(pilot, lambda: source.calls == [(verb, handle)])


@pytest.mark.parametrize("reverse", [False, True])
async def test_the_dialog_lists_marked_jobs_in_the_lists_order(reverse):
    """A new user marked rows 1, 3, 5, 7 and 9 and read them in another order in the Stop dialog (the
    server's): the dialog lists them top to bottom as the list shows them, whatever the sort."""
    async with running_console() as (pilot, app, screen, source):
        app.poller.stop()
        screen.table.set_sort("name", reverse)
        await pilot.pause()
        for _ in range(4):
            await pilot.press("space", "j")
        shown = [k for k in screen.table.visible_keys() if k in screen.state.marks]
        assert len(shown) == 4
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert [t.handle for t in app.screen.targets] == shown
        await pilot.press("escape")


@pytest.mark.parametrize("ahead", [["right"], ["tab", "left"]], ids=lambda a: "+".join(a))
async def test_the_buttons_keep_the_focus_when_keys_come_before_the_dialog_arms(ahead):
    """A new user pressed → while the action button was still disabled: the focus went nowhere, and once
    armed the dialog answered no key until clicked."""
    async with running_console() as (pilot, app, screen, source):
        app.poller.stop()
        burst(app, ["s", *ahead])
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen) and app.screen.armed, timeout=5)
        await pilot.pause(0.1)
        dialog = app.screen
        assert dialog.focused is not None and dialog.focused.id in ("cancel", "confirm"), dialog.focused
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, ConfirmScreen), timeout=5)
        assert source.calls == []


async def test_q_in_a_confirmation_closes_the_dialog_not_the_console():
    """A new user pressed q to close a stop dialog: the whole console quit, with its marks."""
    async with running_console() as (pilot, app, screen, source):
        app.poller.stop()
        await pilot.press("space", "s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), timeout=5)
        await pilot.press("q")
        await wait_until(pilot, lambda: not isinstance(app.screen, ConfirmScreen), timeout=5)
        assert app.is_running and app.screen is screen and len(screen.state.marks) == 1
        assert source.calls == []
