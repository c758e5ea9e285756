"""model/ is pure: importing it (all of it) loads nothing of textual, zeep, httpx, lxml or aiohttp."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import activejob_tui.model

FORBIDDEN = ("textual", "zeep", "httpx", "lxml", "aiohttp", "activejob_tui.ips", "activejob_tui.tui",
             "activejob_tui.sandbox", "activejob_tui.poller")  # fmt: skip


def test_model_imports_nothing_forbidden() -> None:
    modules = ["activejob_tui.model"] + [
        f"activejob_tui.model.{m.name}" for m in pkgutil.iter_modules(activejob_tui.model.__path__)
    ]
    assert "activejob_tui.model.query" in modules
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    loaded = json.loads(out)
    bad = [m for m in loaded if any(m == f or m.startswith(f + ".") for f in FORBIDDEN)]
    assert bad == []
