"""Config keys validated (issue 13 item 8): the README's keymap example works, every unknown id or
top-level key gets one clear message, a key already taken is refused."""

from __future__ import annotations

import pytest
from textual.app import App

from activejob_tui.config import ConfigFile, check_top_keys
from activejob_tui.config_error import ConfigError
from activejob_tui.tui.screens.confirm import ConfirmScreen

from .helpers import running_console

SHOWN: list[tuple[str, str]] = []


@pytest.fixture(autouse=True)
def shown_toasts(monkeypatch):
    original = App.notify

    def recording(self, message, **kwargs):
        SHOWN.append((str(message), kwargs.get("severity", "")))
        return original(self, message, **kwargs)

    SHOWN.clear()
    monkeypatch.setattr(App, "notify", recording)


async def test_readme_keymap_example_works_and_bad_ids_are_each_reported():
    keymap = {"stop": "K", "stpo": "Z", "up": "U", "job.pause": "x"}
    async with running_console(keymap=keymap) as (pilot, app, screen, source):
        errors = [m for m, severity in SHOWN if severity == "error"]
        assert any("'stpo' is not a key" in m and "job.stop" in m for m in errors)
        assert any("'up' is ambiguous" in m for m in errors)
        assert any("'x' for job.pause is already the key of job.xml" in m for m in errors)
        assert len(errors) == 3
        await pilot.press("K")  # the README's `stop = ...` is job.stop
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)


def test_unknown_top_level_keys_are_named_in_one_error(tmp_path):
    check_top_keys(ConfigFile(tmp_path / "c.toml", {"readonly": True, "keymap": {}}))
    with pytest.raises(ConfigError, match=r"unknown keys 'pol_interval', 'theme'; the known keys are bell, "):
        check_top_keys(ConfigFile(tmp_path / "c.toml", {"pol_interval": 2, "theme": "x", "bell": True}))
