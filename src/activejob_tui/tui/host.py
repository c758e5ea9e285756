"""What the console screen needs from the App, as a protocol (so the screen never imports the App).

:class:`~activejob_tui.tui.app.ActiveJobApp` provides it; a test may pass anything that does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from ..ips.source import JobSource
from ..poller import View
from .heap import QuietCollector


class ConsoleHost(Protocol):
    readonly: bool
    """``--readonly``: every command is refused before anything is sent."""
    insecure: bool
    """``--insecure``: TLS certificates are not verified (the header says so)."""
    poll_interval: float
    """Seconds between polls."""
    watch_failures: bool
    """After active jobs end, look up their job logs and announce errors."""
    notify_policy: str
    """Which ended jobs are announced: ``all``, ``failures`` or ``off`` (config ``notify``)."""
    bell_on_failure: bool
    """Ring the terminal bell when a job ends with errors (config ``bell``)."""
    heap: QuietCollector
    """The one owner of the garbage-collector policy."""

    @property
    def source(self) -> JobSource | None:
        """The connected :class:`JobSource`, or None before the connection is made."""
        ...

    def view_changed(self, view: View) -> None:
        """Poll ``view`` from now on."""
        ...

    def release_notices(self) -> None:
        """Show the notifications held while a dialog was open."""
        ...

    def context_choices(self) -> dict[str, Sequence[str]]:
        """``profile``/``company`` → the names ``:profile``/``:company`` complete from."""
        ...

    def switch_context(self, kind: str, name: str) -> None:
        """Connect to the profile (``kind`` ``"profile"``) or company ``name``; keep the old one if that fails."""
        ...

    def poll_now(self) -> None:
        """Poll as soon as the poll in flight (if any) has finished."""
        ...
