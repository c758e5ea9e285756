"""Fixtures of the language tests: the process language restored after each test, and the CLI in a
chosen language against the session sandbox."""

from __future__ import annotations

import pytest

from activejob_tui import i18n


@pytest.fixture(autouse=True)
def english_afterwards():
    """Every test leaves the process in English, as the other tests expect it."""
    yield
    i18n.set_language(i18n.ENGLISH)


@pytest.fixture
def plain_env(isolated_env):
    """The isolated environment with no language variables (each test sets the one it means)."""
    env = {k: v for k, v in isolated_env.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")}
    env.update(IPS_PASSWORD="demo-password", COLUMNS="200")
    return env


from cli.conftest import handles  # noqa: E402, F401 — the session's job handles of each kind, a fixture
