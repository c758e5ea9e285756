"""Run the sandbox as a real subprocess (tests, benchmarks, the client's embedded default)."""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable
from pathlib import Path

from .paths import ENDPOINT_PATH, WSDL_2016_PATH, WSDL_LEGACY_PATH

_WATCH_PARENT = (
    "import os, runpy, signal, sys, threading; "
    "threading.Thread(target=lambda: (os.read(0, 1), os.kill(os.getpid(), signal.SIGTERM)), daemon=True).start(); "
    "sys.argv = sys.argv[1:]; "
    "runpy.run_module(sys.argv[0], run_name='__main__', alter_sys=True)"
)
"""The child's start: ``python -m activejob_tui.sandbox`` behind a thread that reads its stdin (the raw fd: a
buffered read holds a lock that aborts the interpreter's shutdown), a pipe only the parent holds open. The kernel closes that pipe however the parent ends — exit, SIGTERM, SIGHUP, SIGKILL, a crash —
and the child then stops itself as on SIGTERM: no sandbox outlives its owner, even one that ran no exit hook."""

_LISTENING = re.compile(r"^IPS sandbox listening on (http://\S+?):(\d+)\s*$")
_LIVE: set[SandboxProcess] = set()
"""Every sandbox started and not yet reaped. Strong references: a sandbox its owner dropped, or one on which
only :meth:`~SandboxProcess.terminate` was called, is still stopped and reaped at exit. :meth:`~SandboxProcess.stop`
and :meth:`~SandboxProcess.kill` remove it once the child is reaped."""


@atexit.register
def _stop_leftovers() -> None:
    """Never leave a sandbox child running, or unreaped, after the parent exits: the one exit hook for
    sandboxes (``session.py`` only terminates its embedded sandbox and leaves the reaping to this)."""
    for sb in list(_LIVE):
        with contextlib.suppress(Exception):  # best effort at interpreter exit: the next one still gets stopped
            sb.stop(timeout=5)


class SandboxProcess:
    """``python -m activejob_tui.sandbox`` in a child process.

    >>> with SandboxProcess(db_path=Path("/tmp/s.db"), seed=7) as sb:
    ...     print(sb.endpoint)
    """

    def __init__(self, db_path: Path, host: str = "127.0.0.1", port: int = 0, demo_jobs: int | None = None,
                 seed: int | None = None, speed: float | None = None, chaos: Iterable[str] = (),
                 extra_args: Iterable[str] = (), wire: str = "ips", mtom: bool = False) -> None:
        self.db_path = Path(db_path)
        self.host = host
        self._requested_port = port
        self.demo_jobs, self.seed, self.speed = demo_jobs, seed, speed
        self.chaos = list(chaos)
        self.extra_args = list(extra_args)
        self.wire, self.mtom = wire, mtom
        self._proc: subprocess.Popen[str] | None = None
        self._port: int | None = None
        self._base: str | None = None
        self._stdout: deque[str] = deque(maxlen=200)
        self._stderr: deque[str] = deque(maxlen=400)
        self._ready = threading.Event()
        self._threads: list[threading.Thread] = []

    # ------------------------------------------------------------------ properties
    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("sandbox not started")
        return self._port

    @property
    def base_url(self) -> str:
        if self._base is None:
            raise RuntimeError("sandbox not started")
        return self._base

    @property
    def endpoint(self) -> str:
        return self.base_url + ENDPOINT_PATH

    @property
    def wsdl_url_2016(self) -> str:
        return self.base_url + WSDL_2016_PATH

    @property
    def wsdl_url_legacy(self) -> str:
        return self.base_url + WSDL_LEGACY_PATH

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    @property
    def output(self) -> str:
        return "".join(self._stdout)

    @property
    def stderr(self) -> str:
        return "".join(self._stderr)

    # ------------------------------------------------------------------ control
    def _argv(self, port: int) -> list[str]:
        argv = [sys.executable, "-c", _WATCH_PARENT, "activejob_tui.sandbox", "--host", self.host, "--port", str(port),
                "--db", str(self.db_path)]
        if self.demo_jobs is not None:
            argv += ["--demo-jobs", str(self.demo_jobs)]
        if self.seed is not None:
            argv += ["--seed", str(self.seed)]
        if self.speed is not None:
            argv += ["--speed", str(self.speed)]
        for c in self.chaos:
            argv += ["--chaos", c]
        if self.wire != "ips":
            argv += ["--wire", self.wire]
        if self.mtom:
            argv.append("--mtom")
        return argv + self.extra_args

    def start(self, timeout: float = 15) -> None:
        if self.running:
            return
        port = self._port if self._port is not None else self._requested_port
        self._ready.clear()
        self._stderr.clear()
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        # text pipes (an encoding makes them text): the child writes UTF-8; a byte that is not (an operator's
        # PYTHONIOENCODING=latin-1, passed on with the environment) is read as U+FFFD, not a dead reader
        self._proc = subprocess.Popen(self._argv(port), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, encoding="utf-8", errors="replace", env=env)
        _LIVE.add(self)
        self._threads = [threading.Thread(target=self._drain, args=(self._proc.stdout, True), daemon=True),
                         threading.Thread(target=self._drain, args=(self._proc.stderr, False), daemon=True)]
        for t in self._threads:
            t.start()
        deadline = time.monotonic() + timeout
        while not self._ready.wait(0.05):
            if self._proc.poll() is not None:
                self._reaped()
                raise RuntimeError(f"IPS sandbox exited with code {self._proc.returncode} before listening:\n"
                                   f"{self.stderr}")
            if time.monotonic() > deadline:
                self.kill()
                raise RuntimeError(f"IPS sandbox did not start within {timeout}s:\n{self.stderr}")

    def _drain(self, stream, is_stdout: bool) -> None:
        for line in stream:
            if is_stdout:
                self._stdout.append(line)
                m = _LISTENING.match(line)
                if m:  # the banner's first line, and the only one of its kind
                    self._base = f"{m.group(1)}:{m.group(2)}"
                    self._port = int(m.group(2))
                    self._ready.set()
            else:
                self._stderr.append(line)
        stream.close()

    def _wait(self, timeout: float) -> int | None:
        """Wait up to ``timeout`` seconds for the child to end, SIGKILL it if it has not, reap it: its exit code."""
        assert self._proc is not None
        try:
            self._proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait(5)
        return self._reaped()

    def _reaped(self) -> int | None:
        """Let go of a child that has ended and been reaped (by ``wait`` or ``poll``): no longer tracked, the pipe
        it watches closed (the owner never writes to it, so closing flushes nothing), its output read to the end
        (the child has ended, so its pipes are at end of file); its exit code."""
        assert self._proc is not None and self._proc.stdin is not None
        _LIVE.discard(self)
        self._proc.stdin.close()
        for t in self._threads:
            t.join(2)
        return self._proc.returncode

    def terminate(self) -> None:
        """SIGTERM without waiting: the caller reaps it later with :meth:`stop`."""
        if self._proc is not None and self._proc.poll() is None:
            self._proc.send_signal(signal.SIGTERM)

    def stop(self, timeout: float = 10) -> int | None:
        """SIGTERM and wait; returns the exit code (0 on a clean stop)."""
        if self._proc is None:
            return None
        if self._proc.poll() is not None:
            return self._reaped()  # ended by itself, or only terminated: poll() has reaped it
        self._proc.send_signal(signal.SIGTERM)
        return self._wait(timeout)

    def kill(self) -> None:
        """SIGKILL (kill -9): no cleanup at all, for persistence tests."""
        if self._proc is not None and self._proc.poll() is None:
            self._wait(0)  # no grace: _wait sends the SIGKILL at once, and reaps

    def restart(self, timeout: float = 15) -> None:
        """Start again on the same database and the same port."""
        if self.running:
            self.stop()
        deadline = time.monotonic() + timeout
        while True:  # the port may linger for a moment after a kill
            try:
                self.start(timeout=max(1.0, deadline - time.monotonic()))
                return
            except RuntimeError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def __enter__(self) -> SandboxProcess:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
