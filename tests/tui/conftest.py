"""Console test fixtures: a fixed time zone and clock so relative times and snapshots are stable; the toasts
the console asks Textual to show."""

from __future__ import annotations

import os
import time

import pytest
from textual.app import App


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


@pytest.fixture
def toasts(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """(message, severity) of every toast shown from now on, in order."""
    shown: list[tuple[str, str]] = []
    original = App.notify

    def recording(self, message, **kwargs):  # type: ignore[no-untyped-def]
        shown.append((str(message), kwargs.get("severity", "information")))
        return original(self, message, **kwargs)

    monkeypatch.setattr(App, "notify", recording)
    return shown
