"""The embedded sandbox lives exactly as long as the command that started it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from processes import running as _alive


def sandboxes_of(folder: Path) -> list[int]:
    """Pids of sandbox processes whose database lies under ``folder``."""
    out = subprocess.run(["pgrep", "-f", f"activejob_tui.sandbox.*{folder}"], capture_output=True, text=True).stdout
    return [int(pid) for pid in out.split()]


def test_a_cli_command_leaves_no_sandbox_behind(run_cli, isolated_env, tmp_path):
    result = run_cli("jobs", "--format", "json", timeout=120)
    assert result.returncode == 0, result.stderr
    assert "embedded sandbox at" in result.stderr  # it did start one
    assert sandboxes_of(tmp_path) == []
    assert not list(Path(isolated_env["XDG_DATA_HOME"]).glob("**/sandbox.json"))


def test_a_failing_cli_command_leaves_no_sandbox_behind(run_cli, tmp_path):
    result = run_cli("logs", "j|1||no such job|999999", timeout=120)
    assert result.returncode != 0
    assert sandboxes_of(tmp_path) == []


async def test_closing_the_connection_stops_the_embedded_sandbox_not_only_exit(monkeypatch, tmp_path):
    """The sandbox stops when its connection closes, in the process that is still running.

    ``sandbox/process.py`` also stops leftovers at interpreter exit (``atexit``), so a CLI subprocess
    test cannot tell a missing stop from a working one; a console that reconnects, or a long
    ``watch``, would pile up sandboxes until it exits. So this runs in the test's own process."""
    import asyncio
    import time

    from activejob_tui.config import Resolved
    from activejob_tui.session import open_source

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    for name in ("no_proxy", "NO_PROXY"):  # open_source adds the loopback to them: restored afterwards
        monkeypatch.setenv(name, os.environ.get(name, ""))
    lines: list[str] = []
    client = await open_source(Resolved(client=None, readonly=True, poll_interval=2.0, keymap={}, insecure=False),
                               lines.append)
    try:
        assert len(lines) == 1 and "embedded sandbox at http://127.0.0.1:" in lines[0]
        assert await client.active_jobs() is not None  # it answers
        pids = sandboxes_of(tmp_path)
        assert len(pids) == 1
        assert list((tmp_path / "data").glob("**/sandbox.json"))
    finally:
        await client.close()
    deadline = time.monotonic() + 15
    while _alive(pids[0]) and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    assert not _alive(pids[0]), "the embedded sandbox still runs after its connection closed"
    assert not list((tmp_path / "data").glob("**/sandbox.json"))  # no stale record for the next command
