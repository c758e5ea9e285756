"""The wheel, installed as a user installs it (no test extras), imports every module of activejob_tui.

A dependency that only the test extras pull in (as ``packaging`` once was, through pytest) makes this fail.
``.ci/run`` has already made such a venv and names it in ``ACTIVEJOB_TUI_BARE_VENV``; elsewhere the test
builds its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHECK = ROOT / "scripts" / "check_install.py"


@pytest.mark.timeout(900)
def test_the_wheel_in_a_bare_venv_imports_every_module(tmp_path: Path) -> None:
    given = os.environ.get("ACTIVEJOB_TUI_BARE_VENV")
    argv = [sys.executable, str(CHECK), given or str(tmp_path / "bare"), "--only", "imports"]
    if given:
        argv.append("--reuse")
    result = subprocess.run(argv, capture_output=True, text=True, timeout=880)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "modules imported" in result.stdout
    bare = Path(given or tmp_path / "bare")
    listed = subprocess.run([str(bare / "bin" / "python"), "-m", "pip", "list", "--format=freeze"],
                            capture_output=True, text=True, timeout=120).stdout.lower()
    assert "pytest==" not in listed, "the bare venv must not hold the test extras"
