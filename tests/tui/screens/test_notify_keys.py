"""notify_keys: a cycles the notification policy and says what it means; H lists the history."""

from __future__ import annotations

from activejob_tui.tui.screens.notices import NoticeHistoryScreen
from activejob_tui.tui.screens.notify_keys import cycle_policy, show_history
from tui.helpers import running_console


async def test_the_policy_cycles_and_each_step_is_told(toasts) -> None:
    async with running_console() as (pilot, _app, screen, _source):
        assert [cycle_policy(screen) for _ in range(3)] == ["failures", "off", "all"]
        await pilot.pause()
        assert [m for m, _s in toasts] == ["Notifications: failures — only jobs that end with errors.",
                                           "Notifications: off — nothing (H: history).",
                                           "Notifications: all — every ended job."]
        assert screen.announcer.policy == "all"


async def test_the_history_opens_in_a_dialog() -> None:
    async with running_console() as (pilot, app, screen, _source):
        show_history(screen)
        await pilot.pause()
        assert isinstance(app.screen, NoticeHistoryScreen)
