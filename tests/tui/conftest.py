"""Console test fixtures: a fixed time zone and clock so relative times and snapshots are stable."""

from __future__ import annotations

import os
import time

import pytest


@pytest.fixture(autouse=True)
def utc_local_time(monkeypatch: pytest.MonkeyPatch):
    """Local time is UTC in console tests (the detail pane shows local time with its offset)."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture(autouse=True)
def no_user_textual_config(monkeypatch: pytest.MonkeyPatch, tmp_path):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.chdir(tmp_path)  # "save log" writes here
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
