"""Answering no at a job control's prompt: nothing is sent, "Nothing done." and its own exit code —
neither 0 (a script's ``stop X && next`` must not go on as if the job stopped) nor 1 (nothing failed).
The CLI runs as a real process whose stdin is a pseudo-terminal (the prompt asks only a person)."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest

from activejob_tui.cli import exitcodes

from .conftest import connect_args


def _answer(argv: list[str], env: dict[str, str], typed: bytes) -> subprocess.CompletedProcess:
    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen([sys.executable, "-m", "activejob_tui", *argv], env=env, stdin=slave,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        os.write(master, typed)  # the terminal holds the line until the prompt reads it
        out, err = proc.communicate(timeout=60)
    finally:
        os.close(master)
        os.close(slave)
    return subprocess.CompletedProcess(argv, proc.returncode, out.decode(), err.decode())


@pytest.mark.parametrize(("verb", "kind", "typed"), [
    ("stop", "running", b"\n"),  # Enter: the default, No
    ("pause", "normal", b"n\n"),
    ("delete", "scheduled", b"\x04"),  # Ctrl-D
], ids=["stop-enter", "pause-n", "delete-ctrl-d"])
def test_declining_is_its_own_exit_code_and_sends_nothing(verb, kind, typed, sandbox, handles, with_password):
    handle = handles[kind]
    result = _answer([verb, handle, *connect_args(sandbox)], with_password, typed)
    assert result.returncode == exitcodes.DECLINED == 9, (result.stdout, result.stderr)
    assert exitcodes.DECLINED not in (exitcodes.OK, exitcodes.ERROR)
    assert "[y/N]" in result.stdout and result.stdout.rstrip().endswith("Nothing done.")
    assert result.stderr == ""  # declining is not an error
    assert "accepted" not in result.stdout
    assert any(code == 9 and "answered no" in meaning for code, meaning in exitcodes.TABLE)  # --help tells it
