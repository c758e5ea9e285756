"""The installed ``activejob-tui`` in a real terminal (tmux): start, read the screen, send keys, quit."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from prerequisites import unavailable

TMUX = shutil.which("tmux")
EXE = shutil.which("activejob-tui") or str(Path(sys.executable).with_name("activejob-tui"))


def _console_unavailable() -> str | None:
    """Why the installed console cannot be tried in a terminal here, or None."""
    if TMUX is None:
        return "tmux is not installed"
    if not Path(EXE).exists():
        return f"activejob-tui is not installed ({EXE} does not exist)"
    try:
        run = subprocess.run([EXE, "--help"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as err:
        return f"{EXE} --help did not run: {err}"
    if run.returncode != 0 or "console" not in run.stdout.lower():
        return f"{EXE} --help failed (exit {run.returncode}): {run.stderr.strip()[-300:]}"
    return None


@pytest.fixture(autouse=True)
def _needs_tmux_and_the_installed_console() -> None:
    reason = _console_unavailable()
    if reason is not None:
        unavailable(reason)


class Terminal:
    def __init__(self, name: str, env: dict[str, str]) -> None:
        self.name = name
        self.env = env

    def tmux(self, *args: str) -> str:
        return subprocess.run([TMUX, *args], capture_output=True, text=True, env=self.env, timeout=20).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.25)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.name, *keys)


@pytest.fixture
def terminal(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("IPS_", "ACTIVEJOB_TUI", "TMUX"))}
    env.update(
        HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_DATA_HOME=str(tmp_path / "data"), XDG_CACHE_HOME=str(tmp_path / "cache"),
        ACTIVEJOB_TUI_CONFIG=os.devnull, TERM="xterm-256color", TMUX_TMPDIR=str(tmp_path),
    )
    name = f"ajt{os.getpid()}"
    term = Terminal(name, env)
    marker = tmp_path / "exit-code"
    command = f"cd {tmp_path} && {EXE}; echo $? > {marker}; sleep 30"
    term.tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "36", command)
    term.marker = marker  # type: ignore[attr-defined]
    yield term
    term.tmux("kill-server")


def test_installed_console_starts_switches_views_and_quits(terminal):
    screen = terminal.wait_for("Demo Company", timeout=40)
    assert "sandbox" in screen
    screen = terminal.wait_for("Running", timeout=30)
    assert "jobs" in screen
    terminal.keys("2")
    terminal.wait_for("Paused")
    terminal.keys("1")
    terminal.wait_for("Running")
    terminal.keys("?")
    terminal.wait_for("Keys")
    terminal.keys("Escape")
    time.sleep(0.5)  # let the terminal's escape delay pass
    terminal.keys("/")
    time.sleep(0.3)
    terminal.keys("-l", "type:video")
    terminal.wait_for("match type:video")
    terminal.keys("Enter")
    time.sleep(0.3)
    state = next(Path(terminal.env["XDG_DATA_HOME"]).glob("**/sandbox.json"))
    sandbox_pid = int(json.loads(state.read_text())["pid"])
    assert process_alive(sandbox_pid)
    terminal.keys("q")
    deadline = time.monotonic() + 20
    while not terminal.marker.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert terminal.marker.exists(), terminal.screen()
    assert terminal.marker.read_text().strip() == "0"
    # the console reaps its embedded sandbox before its process ends: nothing is left behind
    assert not process_alive(sandbox_pid), f"the embedded sandbox (pid {sandbox_pid}) outlived the console"
    assert not state.exists()


def process_alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie waiting to be reaped counts as gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
