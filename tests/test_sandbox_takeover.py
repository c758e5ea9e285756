"""A joiner that took the embedded sandbox over keeps it as long as it runs: if the sandbox it started
in place of the owner's ends too (a crash, a kill), it is started again on the same port — and two data
folders (two operators on one machine) each get a sandbox of their own on a free port, at once.

Found by mutation testing (docs/TESTING.md, round seven): the pid ``session`` records for a sandbox it
started was not checked by any test of a second takeover, nor the free port by two sandboxes at once."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

import test_session
from activejob_tui.session import open_source
from test_sandbox_keeper import until_answers
from test_session import EMBEDDED, record, sandboxes_under, wait_gone

data = test_session.data  # the fixture: a private data folder, no sandbox of the test left running

pytestmark = pytest.mark.timeout(120)


def next_record(folder: Path, other_than: int, timeout: float = 30) -> dict:
    """The sandbox record once it names a process other than ``other_than``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            found = record(folder)
        except (OSError, ValueError):
            found = {}
        if found.get("pid", other_than) != other_than:
            return found
        time.sleep(0.1)
    raise AssertionError(f"no sandbox replaced pid {other_than} within {timeout} s")


async def test_a_sandbox_the_joiner_took_over_is_started_again_when_it_ends_too(data: Path) -> None:
    owner = await open_source(EMBEDDED)
    joiner = await open_source(EMBEDDED)
    first = record(data)
    try:
        await owner.close()
        assert wait_gone(first["pid"])
        taken = next_record(data, first["pid"])
        assert await until_answers(joiner)
        os.kill(taken["pid"], signal.SIGKILL)  # the sandbox the joiner started ends too
        again = next_record(data, taken["pid"])
        assert await until_answers(joiner)  # the joiner's client, at the same address, answered again
        assert again["base_url"] == first["base_url"]
        assert sandboxes_under(data) == [again["pid"]]
    finally:
        await owner.close()
        await joiner.close()
    assert wait_gone(again["pid"]), "the sandbox the joiner started again outlived it"


async def test_two_data_folders_get_two_sandboxes_at_once_each_on_a_free_port(
        data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two operators on one machine (two data folders): neither sandbox may take a fixed port."""
    first = await open_source(EMBEDDED)
    try:
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "other"))
        second = await open_source(EMBEDDED)
        try:
            other = tmp_path / "other" / "activejob-tui"
            assert record(data)["base_url"] != record(other)["base_url"]
            assert await first.active_jobs() and await second.active_jobs()
        finally:
            await second.close()
    finally:
        await first.close()
