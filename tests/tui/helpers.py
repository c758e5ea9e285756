"""Helpers shared by the console tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from activejob_tui.tui.app import ActiveJobApp
from activejob_tui.tui.screens.confirm import ConfirmScreen
from activejob_tui.tui.screens.console import ConsoleScreen

from .fakes import FakeSource, fixed_clock


def make_app(source: Any = None, **kwargs: Any) -> tuple[ActiveJobApp, Any]:
    source = source if source is not None else FakeSource()

    async def connect() -> Any:
        return source

    kwargs.setdefault("now", fixed_clock())
    kwargs.setdefault("poll_interval", 0.05)
    return ActiveJobApp(connect, **kwargs), source


async def settle(pilot: Any, app: ActiveJobApp, polls: int = 1, timeout: float = 5.0) -> None:
    """Wait until the poller has completed ``polls`` more successful polls and the UI caught up."""
    import asyncio

    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while app.poller is None:
        if loop.time() > deadline:
            raise AssertionError("never connected")
        await pilot.pause(0.02)
    target = app.poller.polls + polls
    while app.poller.polls < target:
        if loop.time() > deadline:
            raise AssertionError("poll did not complete")
        await pilot.pause(0.02)
    await pilot.pause(0.05)


def screen_of(app: ActiveJobApp) -> ConsoleScreen:
    return app.console_screen


def status_text(app: ActiveJobApp) -> str:
    return screen_of(app).status.text.plain


async def wait_until(pilot: Any, predicate: Any, timeout: float = 15.0, step: float = 0.1) -> None:
    """Let the app run until ``predicate()`` is true; fail after ``timeout`` seconds."""
    import asyncio

    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("condition not reached in time")
        await pilot.pause(step)


@asynccontextmanager
async def running_console(
    source: Any = None, *, size: tuple[int, int] = (160, 48), **kwargs: Any
) -> AsyncIterator[tuple[Any, ActiveJobApp, ConsoleScreen, Any]]:
    """``async with running_console() as (pilot, app, screen, source):`` a console fed by ``source`` (a
    fresh FakeSource by default) that has completed its first poll."""
    app, source = make_app(source, **kwargs)
    async with app.run_test(size=size) as pilot:
        await settle(pilot, app)
        yield pilot, app, screen_of(app), source



async def press_confirm(pilot: Any, app: ActiveJobApp, timeout: float = 5.0) -> None:
    """Confirm the open dialog as an operator does: wait until its action button is armed (it is
    disabled for ``ARM_DELAY`` after the dialog is drawn), move to it with Tab and press Enter."""
    await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen) and app.screen.armed, timeout=timeout,
                     step=0.05)
    await pilot.press("tab", "enter")
