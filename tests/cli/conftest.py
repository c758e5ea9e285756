from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture
def isolated_env(tmp_path: Path) -> dict[str, str]:
    """An environment with no IPS settings and private config, data and state dirs."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("IPS_")}
    env.update(
        ACTIVEJOB_TUI_CONFIG=str(tmp_path / "config.toml"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        HOME=str(tmp_path / "home"),
    )
    return env


@pytest.fixture
def run_cli(isolated_env):
    """Run ``python -m activejob_tui ARGS`` and return the CompletedProcess (text)."""

    def run(*args: str, env: dict[str, str] | None = None, timeout: float = 60, input: str | None = None):
        return subprocess.run(
            [sys.executable, "-m", "activejob_tui", *args],
            env=env or isolated_env,
            capture_output=True,
            text=True,
            timeout=timeout,
            input=input,
            stdin=None if input is not None else subprocess.DEVNULL,
        )

    return run
