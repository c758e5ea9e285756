"""``--version`` and ``--help`` load nothing heavy: no zeep, httpx, lxml, textual or aiohttp (nor
argcomplete). Measured with ``python -X importtime`` in a fresh interpreter, as a user starts it."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("zeep", "httpx", "httpcore", "lxml", "textual", "rich", "aiohttp", "argcomplete")

RUN = """
import io, sys, contextlib
from activejob_tui.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main({argv!r})
assert code == 0, code
"""


def imported(code: str, env: dict[str, str]) -> set[str]:
    """Top-level packages a fresh interpreter imported while running ``code`` (from -X importtime)."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-c", code], env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    names = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    assert "activejob_tui" in names, "importtime printed nothing usable"
    return names


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["jobs", "--help"], ["wait", "--help"]],
                         ids=lambda argv: " ".join(argv))
def test_version_and_help_import_nothing_heavy(argv, isolated_env):
    heavy = imported(RUN.format(argv=argv), isolated_env) & set(HEAVY)
    assert not heavy, f"activejob-tui {' '.join(argv)} imported {sorted(heavy)}"


@pytest.mark.parametrize("module", ["activejob_tui.cli", "activejob_tui.config", "activejob_tui.output"])
def test_module_load_imports_nothing_heavy(module, isolated_env):
    heavy = imported(f"import {module}", isolated_env) & set(HEAVY)
    assert not heavy, f"import {module} loaded {sorted(heavy)}"


def test_the_check_sees_a_heavy_import(isolated_env):
    """The guard itself: a run that does load the SOAP adapter is caught."""
    assert "zeep" in imported("import activejob_tui.session", isolated_env)


def test_client_processes_do_not_load_the_sandbox_server(isolated_env):
    """The console and the CLI find and start the sandbox by its paths (``sandbox.paths``) without
    loading aiohttp: only the sandbox process itself imports ``sandbox.server``."""
    names = imported("import activejob_tui.session, activejob_tui.sandbox.process", isolated_env)
    assert "aiohttp" not in names
    assert "aiohttp" in imported("import activejob_tui.sandbox.server", isolated_env)
