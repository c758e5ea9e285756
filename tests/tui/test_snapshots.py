"""Snapshot tests of the main screens (pytest-textual-snapshot; update with --snapshot-update)."""

from __future__ import annotations

import pytest

from . import scenarios

SNAPSHOTTED = ["active", "scheduled", "finished-with-log", "stop-confirmation", "help", "narrow-80x24"]


@pytest.mark.parametrize("name", SNAPSHOTTED)
def test_screen(snap_compare, name):
    prepare, size, readonly = scenarios.SCENES[name]
    app, _ = scenarios.make(readonly=readonly)
    assert snap_compare(app, terminal_size=size, run_before=prepare)
