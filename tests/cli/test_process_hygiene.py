"""The embedded sandbox lives exactly as long as the command that started it."""

from __future__ import annotations

import subprocess
from pathlib import Path


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
