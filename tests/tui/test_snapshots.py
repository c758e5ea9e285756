"""Snapshot tests of the main screens (pytest-textual-snapshot; update with --snapshot-update)."""

from __future__ import annotations

import pytest

from . import scenarios

SNAPSHOTTED = ["active", "scheduled", "finished-with-log", "stop-confirmation", "help", "narrow-80x24",
               # issue 13: the new screens, at 160×48 and 80×24
               "log-of-running-job", "log-of-running-job-80x24", "command-line", "command-line-80x24",
               "notification-history", "notification-history-80x24", "raw-json", "raw-json-80x24",
               "stale", "stale-80x24", "stop-three-marked-80x24",
               # issue 13 item 3: the header (profile, company, user, API, region and host) and :company completion
               "context-command-line", "context-command-line-80x24"]


@pytest.mark.parametrize("name", SNAPSHOTTED)
def test_screen(snap_compare, name):
    prepare, size, readonly = scenarios.SCENES[name]
    app, _ = scenarios.make(readonly=readonly)
    assert snap_compare(app, terminal_size=size, run_before=prepare)
