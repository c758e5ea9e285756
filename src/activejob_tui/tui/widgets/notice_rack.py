"""The console's notifications, drawn by a fixed set of cards updated in place (issue 9).

Textual draws each notification as a new toast widget, and every widget drawn stays in memory after it
is gone: ``StylesCache.get_inner_outer``, a class-wide ``lru_cache`` of 1,024 entries, takes the
widget's render cache as part of its key (Textual issue #6665, open; 8.2.8 is the newest release), and
with it every line the toast drew. On the demo a toast or two a minute kept some 100 KB each: the
console grew 0.1–0.15 MiB a minute for hours (with ``notify = "off"`` it stayed flat). So Textual's
toasts are never drawn here (``styles/app.tcss`` hides them; its notification list stays the record,
``App.notify`` is still called) and :class:`NoticeRack` shows the same notifications on
:data:`CARDS` cards made once: a notification takes a free card, or the oldest one. Looks and places
them as the toasts did: a band at the top, right-aligned, a title coloured by severity; a click
dismisses a card; each goes after its timeout (``App.NOTIFICATION_TIMEOUT`` when none is given).
"""

from __future__ import annotations

from itertools import count
from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

CARDS = 5
"""Notifications on screen at once; a sixth takes the oldest one's card."""
TITLE_STYLES = {"information": "state.ok", "warning": "state.warn", "error": "state.bad"}
"""Severity → the theme's style of the title (``tui/theme.py``), as Textual's toast colours it."""


class NoticeCard(Static):
    """One notification: its title (coloured by severity, ``-information``/``-warning``/``-error``)
    over its message. Hidden while free."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.shown_at = 0
        """The rack's number of the notification the card took (0 while free): the oldest is taken first."""
        self._timer: Any = None

    def take(self, message: str, title: str, severity: str, timeout: float, markup: bool, at: int) -> None:
        """Show ``message`` under ``title`` for ``timeout`` seconds (``markup``: Textual content markup)."""
        body = Text.from_markup(message) if markup else Text(message)
        heading = Text(title + "\n", style=TITLE_STYLES.get(severity, "state.ok"))
        heading.stylize("bold")
        self.update(Text.assemble(heading, body) if title else body)
        for name in TITLE_STYLES:
            self.set_class(name == severity, f"-{name}")
        self.shown_at = at
        self.display = True
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(timeout, self.free)

    def free(self) -> None:
        """Hide the card; the next notification may take it."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.display = False
        self.shown_at = 0

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.free()


class NoticeRack(Vertical):
    """The band of notification cards at the top of the console (see the module docstring)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._pending: list[tuple[str, dict[str, Any]]] = []
        self._numbers = count(1)

    def on_mount(self) -> None:
        pending, self._pending = self._pending, []
        for message, options in pending:
            self.show(message, **options)

    def compose(self) -> ComposeResult:
        for _ in range(CARDS):
            card = NoticeCard(markup=False)
            card.display = False
            yield card

    @property
    def shown(self) -> list[str]:
        """The text of the cards on screen, oldest first."""
        cards = sorted((c for c in self.query(NoticeCard) if c.display), key=lambda c: c.shown_at)
        return [str(c.render()) for c in cards]

    def show(self, message: str, *, title: str, severity: str, timeout: float, markup: bool) -> None:
        """Put a notification on a free card, or on the oldest one's; it shows as the newest (last).
        Before the cards are made (the console not yet shown) it waits for them."""
        cards = list(self.query(NoticeCard))
        if not cards:
            self._pending.append((message, {"title": title, "severity": severity, "timeout": timeout,
                                            "markup": markup}))
            return
        free = [c for c in cards if not c.display]
        card = free[0] if free else min(cards, key=lambda c: c.shown_at)
        card.take(message, title, severity, timeout, markup, next(self._numbers))
        if card is not cards[-1]:
            self.move_child(card, after=cards[-1])

    def clear(self) -> None:
        """Hide every card."""
        for card in self.query(NoticeCard):
            card.free()
