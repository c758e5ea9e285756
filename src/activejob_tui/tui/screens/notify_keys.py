"""The console's notification keys: ``a`` cycles which ended jobs are announced, ``H`` lists them."""

from __future__ import annotations

from ...i18n import _
from .notices import NoticeHistoryScreen
from .parts import ConsoleParts


def cycle_policy(parts: ConsoleParts) -> str:
    """The next policy (``all`` → ``failures`` → ``off`` → ``all``, ``Announcer.cycle_policy``); a
    toast says what it means. Returns the new policy."""
    policy = parts.announcer.cycle_policy()
    words = {"all": _("every ended job"), "failures": _("only jobs that end with errors"),
             "off": _("nothing (H: history)")}
    parts.screen.notify(_("Notifications: {policy} — {meaning}.").format(policy=policy, meaning=words[policy]),
                        markup=False)
    return policy


def show_history(parts: ConsoleParts) -> None:
    """The notification history (the last ``announce.HISTORY`` ended jobs) in a dialog."""
    parts.screen.app.push_screen(NoticeHistoryScreen(parts.announcer.history, parts.announcer.policy))
