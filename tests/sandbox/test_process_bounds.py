"""What a sandbox child costs its owner, by what the owner can see: a bounded log, no pipe left open once it
is stopped, and no thread that holds the owner's exit (issue 16: survivors of the mutation run over
``sandbox/process.py``). Each sandbox here is checked gone afterwards, as in ``test_process.py``."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from pathlib import Path

import httpx
import pytest

from activejob_tui.sandbox import process
from activejob_tui.sandbox.paths import ENDPOINT_PATH
from activejob_tui.sandbox.process import SandboxProcess
from processes import running


@pytest.fixture
def owned():
    """``owned(sb)`` tracks a sandbox; afterwards none may still run (checked, then killed)."""
    seen: list[SandboxProcess] = []
    yield lambda sb: seen.append(sb) or sb
    left = [sb.pid for sb in seen if sb.pid is not None and running(sb.pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    for sb in seen:
        process._LIVE.discard(sb)
    assert not left, f"sandbox processes left running: {left}"


def _open_fds() -> set[str]:
    """This process's open file descriptors, each as the file or pipe it points at."""
    found = set()
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(FileNotFoundError):  # the descriptor listdir itself used
            found.add(f"{fd} {os.readlink(f'/proc/self/fd/{fd}')}")
    return found


def _pipes_now_open_beyond(before: set[str]) -> set[str]:
    """Pipes opened since ``before`` and still open after up to 5 s (the drain threads close theirs as the
    child's output ends, which can be a moment after the child is reaped)."""
    deadline = time.monotonic() + 5
    while True:
        extra = {fd for fd in _open_fds() - before if "pipe:" in fd}
        if not extra or time.monotonic() > deadline:
            return extra
        time.sleep(0.05)


def test_a_busy_sandbox_keeps_only_the_last_400_lines_of_its_log(tmp_path: Path, owned) -> None:
    """A sandbox runs as long as its console; each request it refuses is a line on its stderr. Its owner
    keeps the latest 400 of them, for the error it reports, and no more: memory stays bounded however long
    the sandbox runs."""
    sb = owned(SandboxProcess(db_path=tmp_path / "s.db"))
    sb.start()
    with httpx.Client(trust_env=False, timeout=10) as client:
        for _ in range(450):  # not an envelope: each one a fault line in the log
            client.post(sb.base_url + ENDPOINT_PATH, content=b"not xml", headers={"Content-Type": "text/xml"})
    assert sb.stop() == 0  # its streams are read to the end: the log is complete
    lines = sb.stderr.splitlines()
    assert len(lines) == 400, len(lines)
    assert lines[-1].endswith("stopping")  # the newest line is kept...
    assert "seeded demo data" not in sb.stderr  # ...and the oldest, from its start, are the ones dropped
    assert sum(" fault - " in line for line in lines) >= 350  # (the demo's jobs log a few lines of their own)


def test_a_stopped_sandbox_leaves_no_pipe_open_in_its_owner(tmp_path: Path, owned) -> None:
    """A console that starts and stops sandboxes (and the test suite, which starts hundreds) must not keep a
    pipe per child: each start, stop, kill, restart or failed start gives back every descriptor it took."""
    before = _open_fds()
    sb = owned(SandboxProcess(db_path=tmp_path / "s.db"))
    sb.start()
    assert _pipes_now_open_beyond(before), "a running sandbox holds its pipes (the test's own check)"
    assert sb.stop() == 0
    assert not _pipes_now_open_beyond(before), "stop()"

    sb.start()
    sb.kill()
    assert not _pipes_now_open_beyond(before), "kill()"

    sb.restart()
    sb.terminate()  # ended by SIGTERM, then reaped by a stop() that finds it gone
    deadline = time.monotonic() + 10
    while running(sb.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sb.stop() == 0
    assert not _pipes_now_open_beyond(before), "terminate() then stop()"

    failing = owned(SandboxProcess(db_path=tmp_path / "f.db", extra_args=["--speed", "0"]))
    with pytest.raises(RuntimeError, match="before listening"):
        failing.start()
    assert not _pipes_now_open_beyond(before), "a start that failed"


def test_a_running_sandbox_never_holds_its_owners_exit(tmp_path: Path, owned) -> None:
    """Python's exit waits for every non-daemon thread *before* it runs the exit hooks that stop a sandbox:
    a thread of the sandbox's that were not a daemon would hang the console or CLI at exit whenever a
    sandbox was left running (``test_process.py``'s dropped-sandbox test shows the hang in a child process;
    this checks the same in process, where mutation testing can see it)."""
    holding = {t for t in threading.enumerate() if not t.daemon}
    sb = owned(SandboxProcess(db_path=tmp_path / "s.db"))
    sb.start()
    try:
        added = {t for t in threading.enumerate() if not t.daemon} - holding
        assert not added, f"threads that would hold the exit: {added}"
    finally:
        sb.stop()
