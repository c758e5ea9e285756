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


def console_ids() -> dict[str, set[str]]:
    from activejob_tui.tui.app import KEYED_CLASSES, ActiveJobApp
    from activejob_tui.tui.keymap import binding_ids

    return binding_ids([*KEYED_CLASSES, ActiveJobApp])


@pytest.mark.parametrize(("configured", "clash"), [
    ({"stop": "q"}, "'q' for job.stop is already the key of app.quit"),  # a new user's config: q stopped, ^q quit
    ({"log.follow": "question_mark"}, "already the key of app.help"),
    ({"table.down": "s"}, "'s' for table.down is already the key of job.stop"),  # the list's focus would shadow stop
    ({"job.stop": "x", "job.pause": "x"}, "'x' for job.pause is already the key of job.stop, job.xml"),
])
def test_a_key_another_live_binding_has_is_refused_with_both_named(configured, clash):
    from activejob_tui.tui.keymap import resolve_keymap

    keymap, errors = resolve_keymap(configured, console_ids())
    assert any(clash in error for error in errors), errors


def test_keys_swapped_between_two_bindings_and_keys_of_panes_never_live_together_are_accepted():
    from activejob_tui.tui.keymap import resolve_keymap

    ids = console_ids()
    swapped = {"job.stop": "x", "job.xml": "s"}
    assert resolve_keymap(swapped, ids) == (swapped, [])
    log_key = sorted(ids["log.follow"])[0]  # the log pane's key, given to the detail pane: one is focused at a time
    detail_id = next(i for i in ids if i.startswith("detail.") and log_key not in ids[i])
    keymap, errors = resolve_keymap({detail_id: log_key}, ids)
    assert errors == [] and keymap == {detail_id: log_key}
