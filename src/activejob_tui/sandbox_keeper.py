"""Keeping a shared embedded sandbox for the processes that joined it.

The embedded sandbox (:mod:`.session`) is a child of the process that started it — its owner —
and stops when the owner closes (it also watches its stdin, so an owner that dies takes it along).
A console or CLI run that found it running joined it instead of starting a second simulator on
the same database. Before this keeper, the joiner lost its server for good when the owner quit:
the console stayed stale ("connection refused") and ``jobs --watch`` retried for ever.

A joiner's :class:`SandboxKeeper` checks the sandbox's process once a second. When it has gone,
the keeper asks :mod:`.session` for the sandbox again on the same port: under the data folder's
lock it joins one another joiner restarted meanwhile, or starts one on that port and the same
database — so the joiner's client keeps its address, the simulated jobs go on where the database
left them, and this process is the owner from then on (the sandbox stops when it closes).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

__all__ = ["Acquired", "SandboxKeeper", "alive"]

log = logging.getLogger(__name__)

CHECK_EVERY = 1.0
"""Seconds between two looks at the sandbox's process (a look is one ``kill(pid, 0)``)."""


@dataclass(frozen=True)
class Acquired:
    """What :func:`.session._embedded_sandbox` found or started: the sandbox's base URL, its process
    id, and how to stop it (None when another process owns it)."""

    base_url: str
    pid: int
    stop: Callable[[], object] | None


def alive(pid: int) -> bool:
    """Whether process ``pid`` runs: it exists (signal 0: nothing is sent) and, where ``/proc`` says,
    is not a zombie (ended, not yet reaped by its owner: its port is free already)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process of that id: it exists
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):  # no /proc (not Linux), or the process went meanwhile
        return True


class SandboxKeeper:
    """Watches a joined sandbox's process and takes the sandbox over when it ends.

    ``joined``: the sandbox as this process joined it; ``reacquire(port)``: find or start the
    sandbox on that port (the same database), as ``session`` does on the first connection; it may
    raise (the keeper logs it and looks again a second later). :meth:`close` stops the watching and,
    if this process took the sandbox over, the sandbox. Thread-safe; the watching runs in a daemon
    thread, started by :meth:`start`.
    """

    def __init__(self, joined: Acquired, reacquire: Callable[[int], Acquired], every: float = CHECK_EVERY) -> None:
        self.current = joined
        """The sandbox as last found or started (``stop`` set once this process owns it)."""
        self._port = urlsplit(joined.base_url).port or 0
        self._reacquire = reacquire
        self._every = every
        self._closing = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._watch, name="sandbox-keeper", daemon=True)

    def start(self) -> SandboxKeeper:
        self._thread.start()
        return self

    def _watch(self) -> None:
        while not self._closing.wait(self._every):
            if alive(self.current.pid):
                continue
            try:
                found = self._reacquire(self._port)
            except Exception as exc:  # noqa: BLE001 - ConfigError (the port is taken…): look again later
                log.warning("the embedded sandbox ended and could not be started again: %s", exc)
                continue
            with self._lock:
                if self._closing.is_set():  # closed while starting it: stop what was started
                    if found.stop is not None:
                        found.stop()
                    return
                before, self.current = self.current.base_url, found
            if found.base_url != before:  # started meanwhile by a process that had not joined: not ours to move
                log.warning("the embedded sandbox came back at another address: %s", found.base_url)

    def close(self) -> None:
        """Stop watching; stop the sandbox if this process owns it now. Does not wait for a restart
        in progress (quitting stays quick): that restart stops what it started."""
        with self._lock:
            self._closing.set()
            stop, self.current = self.current.stop, Acquired(self.current.base_url, self.current.pid, None)
        if stop is not None:
            stop()
