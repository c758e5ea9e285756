"""Snapshots of the main screens in Traditional Chinese at 160×48 and 80×24 (issue 15): the scenes of
``scenarios.py`` (fixed jobs, fixed clock) with the language set to ``zh_TW`` before the app is made.
Update with ``--snapshot-update`` after looking at the report."""

from __future__ import annotations

import pytest

from activejob_tui import i18n

from . import scenarios

ZH_TW_SCENES = {
    # name: (scene, size)
    "active-160x48": ("active", (160, 48)),
    "active-80x24": ("active", (80, 24)),
    "scheduled-160x48": ("scheduled", (160, 48)),
    "scheduled-80x24": ("scheduled", (80, 24)),
    "finished-with-log-160x48": ("finished-with-log", (160, 48)),
    "finished-with-log-80x24": ("finished-with-log", (80, 24)),
    "stop-confirmation-160x48": ("stop-confirmation", (160, 48)),
    "stop-three-marked-80x24": ("stop-three-marked-80x24", (80, 24)),
    "help-160x48": ("help", (160, 48)),
    "detail-upload-urls-160x48": ("detail-upload-urls", (160, 48)),
    "log-of-running-job-80x24": ("log-of-running-job-80x24", (80, 24)),
    "stale-80x24": ("stale-80x24", (80, 24)),
}


@pytest.fixture
def zh_tw():
    i18n.set_language("zh_TW")
    yield
    i18n.set_language("en")


@pytest.mark.parametrize("name", ZH_TW_SCENES)
def test_screen_in_traditional_chinese(snap_compare, zh_tw, name):
    scene, size = ZH_TW_SCENES[name]
    prepare, _size, readonly = scenarios.SCENES[scene]
    app, _ = scenarios.make(readonly=readonly)
    assert snap_compare(app, terminal_size=size, run_before=prepare)
