"""Run the CLI with a pseudo-terminal as stdin/stdout, so it asks for confirmation as with a person."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time


class PtyCli:
    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.args = args
        self.env = env
        self.output = ""
        self._master = -1
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> PtyCli:
        master, slave = pty.openpty()
        self._master = master
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "activejob_tui", *self.args],
            stdin=slave, stdout=slave, stderr=slave, env=self.env, close_fds=True,
        )
        os.close(slave)
        return self

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self._master], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self._master, 65536)
        except OSError:  # EIO: the child closed the terminal
            return False
        if not chunk:
            return False
        self.output += chunk.decode("utf-8", "replace").replace("\r\n", "\n")
        return True

    def expect(self, text: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output:
            left = deadline - time.monotonic()
            if left <= 0 or (not self._read(min(left, 0.5)) and self.proc.poll() is not None):
                raise AssertionError(f"never saw {text!r}; output so far:\n{self.output}")

    def expect_count(self, text: str, count: int, timeout: float = 30.0) -> None:
        """Wait until ``text`` has been seen ``count`` times (e.g. a screen redrawn twice)."""
        deadline = time.monotonic() + timeout
        while self.output.count(text) < count:
            left = deadline - time.monotonic()
            if left <= 0 or (not self._read(min(left, 0.5)) and self.proc.poll() is not None):
                raise AssertionError(f"saw {text!r} {self.output.count(text)} times, not {count}:\n{self.output[-2000:]}")

    def send(self, text: str) -> None:
        os.write(self._master, text.encode())

    def wait(self, timeout: float = 30.0) -> int:
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < deadline:
            self._read(0.2)
        while self._read(0.05):
            pass
        try:
            return self.proc.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            raise AssertionError(f"still running after {timeout} s; its terminal:\n{self.output[-3000:]}") from None

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)
        os.close(self._master)
