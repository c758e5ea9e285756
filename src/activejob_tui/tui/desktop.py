"""Desktop notifications through the terminal's own escape sequences (issue 13 item 4).

The console writes one OSC sequence per announcement; the terminal turns it into a desktop
notification (and one that does not know the sequence ignores it):

- ``osc9``: ``ESC ] 9 ; <text> BEL`` — iTerm2, WezTerm, Ghostty, ConEmu, Windows Terminal (recent);
- ``osc777``: ``ESC ] 777 ; notify ; <title> ; <body> BEL`` — foot, WezTerm, Ghostty,
  rxvt-unicode (its ``notify`` extension), VTE-based terminals with Fedora's patch (GNOME
  Terminal, Tilix…).

kitty speaks its own OSC 99 and Terminal.app and Alacritty none of these: nothing shows there.
Inside tmux the sequence is wrapped for passthrough (``set -g allow-passthrough on``).

Config ``desktop_notify``: ``false`` (the default), ``true`` (OSC 777 where ``TERM`` names foot
or rxvt or ``VTE_VERSION`` is set, else OSC 9: ``config._desktop_notify``), ``"osc9"`` or ``"osc777"``. What is sent is what the notification
policy announces (``tui/announce.py``), when it is announced: held while a dialog is open, like
the toast.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from textual.driver import Driver

FLAVOURS = ("osc9", "osc777")
MAX_TEXT = 200
"""Characters of title and body sent at most (terminals and notification daemons cut anyway)."""
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")


def _clean(text: str, semicolons: bool) -> str:
    """Server text made safe inside an OSC string: no control characters (an ESC or BEL would end
    the sequence early), no ``;`` where it separates fields, at most :data:`MAX_TEXT` characters."""
    text = _CONTROL.sub(" ", text).strip()
    if not semicolons:
        text = text.replace(";", ",")
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def sequence(flavour: str, title: str, body: str, tmux: bool = False) -> str:
    """The escape sequence of one notification; ``tmux``: wrapped for tmux's passthrough."""
    if flavour == "osc777":
        seq = f"\x1b]777;notify;{_clean(title, False)};{_clean(body, True)}\x07"
    else:
        text = f"{_clean(title, True)}: {_clean(body, True)}" if title else _clean(body, True)
        seq = f"\x1b]9;{text}\x07"
    if tmux:
        seq = "\x1bPtmux;" + seq.replace("\x1b", "\x1b\x1b") + "\x1b\\"
    return seq


class DesktopNotifier:
    """Writes notifications with ``write`` (the terminal); ``flavour`` None: does nothing."""

    def __init__(self, flavour: str | None, write: Callable[[str], None], tmux: bool = False) -> None:
        self.flavour = flavour
        self.write = write
        self.tmux = tmux
        self.sent = 0

    def send(self, title: str, body: str) -> None:
        if self.flavour is None:
            return
        self.write(sequence(self.flavour, title, body, self.tmux))
        self.sent += 1


def terminal_driver_class(base: type[Driver]) -> type[Driver]:
    """``base`` (the platform's driver, from ``App.get_driver_class``) that, once built, tells its
    App it is the terminal (``app.terminal_driver``): the public ``Driver.write`` then carries the
    sequences, through the same writer as the screen updates, so they never cut into a frame."""

    class TerminalDriver(base):  # type: ignore[valid-type, misc]
        def __init__(self, app: Any, **kwargs: Any) -> None:
            super().__init__(app, **kwargs)
            app.terminal_driver = self

    TerminalDriver.__name__ = TerminalDriver.__qualname__ = f"Terminal{base.__name__}"
    return TerminalDriver
