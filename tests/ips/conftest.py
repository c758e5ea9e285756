from __future__ import annotations

import pytest

from activejob_tui.sandbox.process import SandboxProcess


@pytest.fixture
def chaos_sandbox(tmp_path):
    """A factory of sandboxes whose every answer misbehaves as ``--chaos`` says."""
    started: list[SandboxProcess] = []

    def start(chaos: str) -> SandboxProcess:
        server = SandboxProcess(db_path=tmp_path / f"chaos{len(started)}.db", seed=7, chaos=[chaos])
        server.start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
