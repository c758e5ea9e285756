"""sandbox/process.py is the one owner of a sandbox child's end: whatever its owner forgot, the
child is stopped and reaped when the parent exits, and a stopped sandbox is no longer tracked."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from activejob_tui.sandbox import process
from activejob_tui.sandbox.process import SandboxProcess
from processes import running


def test_a_terminated_sandbox_stays_tracked_until_it_is_reaped(tmp_path: Path) -> None:
    sb = SandboxProcess(db_path=tmp_path / "s.db")
    sb.start()
    try:
        assert sb in process._LIVE
        sb.terminate()  # what the session does when its connection closes
        assert sb in process._LIVE, "only the reaping may forget it"
        assert sb.stop(timeout=10) == 0
        assert sb not in process._LIVE
        sb.start()
        assert sb in process._LIVE
        sb.kill()
        assert sb not in process._LIVE
    finally:
        sb.stop()


def test_a_sandbox_its_owner_dropped_is_stopped_when_the_parent_exits(tmp_path: Path) -> None:
    script = (
        "import gc, sys\n"
        "from pathlib import Path\n"
        "from activejob_tui.sandbox.process import SandboxProcess\n"
        "sb = SandboxProcess(db_path=Path(sys.argv[1]))\n"
        "sb.start()\n"
        "print(sb.pid, flush=True)\n"
        "del sb\n"
        "gc.collect()\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "s.db")], capture_output=True, text=True,
                          timeout=60, env=dict(os.environ))
    assert done.returncode == 0, done.stderr
    pid = int(done.stdout.split()[0])
    deadline = time.monotonic() + 5
    while running(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    alive = running(pid)
    if alive:
        os.kill(pid, 9)
    assert not alive, "a dropped sandbox outlived the process that started it"
