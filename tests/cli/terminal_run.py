"""Running the CLI with its stdout on a pseudo-terminal, as a person sees it."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys


def on_terminal(argv: list[str], env: dict[str, str], timeout: float = 60) -> tuple[int, str, str]:
    """Run the CLI with stdout on a pseudo-terminal (as a person sees it; ``COLUMNS`` in ``env`` sets
    the width ``shutil.get_terminal_size`` reads) and stderr on a pipe; returns (exit code, the
    terminal's text without carriage returns, stderr)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "activejob_tui", *argv], env=env, stdin=subprocess.DEVNULL,
                            stdout=slave, stderr=subprocess.PIPE)
    os.close(slave)
    shown = b""
    try:
        while select.select([master], [], [], timeout)[0]:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child has gone and closed the terminal
                break
            if not chunk:
                break
            shown += chunk
        code = proc.wait(timeout)
        stderr = proc.stderr.read() if proc.stderr else b""
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
    return code, shown.decode("utf-8", "replace").replace("\r", ""), stderr.decode("utf-8", "replace")
