"""The CLI as the foreground job of a terminal, with Ctrl-C typed on that terminal.

``PtyCli`` (tests/support/pty_cli.py) gives the CLI a pseudo-terminal but leaves it in the test's own
session, so the terminal is not its controlling one and a test can only ``kill`` it with SIGINT; and
the child inherits whatever SIGINT state the test process has — ignored, when pytest itself was
started as a background command of a non-interactive shell (``pytest … &`` in a script), which is what
made the ``jobs --watch`` Ctrl-C test fail on CI. Here a small launcher puts the CLI in a session of
its own with the pseudo-terminal as its controlling terminal (as a terminal's shell does for a
foreground job), sets SIGINT as asked, and ``exec``s the real CLI; :meth:`Terminal.ctrl_c` types
^C, and the terminal's line discipline sends SIGINT to the foreground process group.
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys

from support.pty_cli import PtyCli  # tests/ is on sys.path (rootdir-relative packages)

LAUNCHER = """
import os, signal, sys
os.setsid()                                    # a session of its own ...
os.close(os.open(os.ttyname(0), os.O_RDWR))    # ... whose controlling terminal is the pseudo-terminal
if sys.argv[1] == "default":                   # what an interactive shell gives its foreground job
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
else:                                          # what a background job of a script gets, and more
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
os.execv(sys.executable, [sys.executable, "-m", "activejob_tui", *sys.argv[2:]])
"""
SIGINT_STATES = ("default", "ignored and blocked")


class Terminal(PtyCli):
    """``with Terminal(args, env, sigint="default") as term: term.expect(...); term.ctrl_c()``.

    ``sigint``: the state the CLI starts with — ``"default"`` (a foreground job of an interactive
    shell) or ``"ignored and blocked"`` (what a launcher may leave: ignored as ``cmd &`` in a script
    does, blocked in the signal mask; both survive ``exec``).
    """

    def __init__(self, args: list[str], env: dict[str, str], sigint: str = "default") -> None:
        assert sigint in SIGINT_STATES, sigint
        super().__init__(args, env)
        self.sigint = sigint

    def __enter__(self) -> Terminal:
        master, slave = pty.openpty()
        self._master = master
        self.proc = subprocess.Popen([sys.executable, "-c", LAUNCHER, self.sigint, *self.args],
                                     stdin=slave, stdout=slave, stderr=slave, env=self.env, close_fds=True)
        os.close(slave)
        return self

    def ctrl_c(self) -> None:
        """Type Ctrl-C on the terminal (ETX; the line discipline turns it into SIGINT)."""
        self.send("\x03")
