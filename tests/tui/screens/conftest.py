"""Fixtures of the console screen collaborators' tests: the toasts the console asks Textual to show."""

from __future__ import annotations

import pytest
from textual.app import App


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
