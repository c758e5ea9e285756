from __future__ import annotations

import pytest


@pytest.fixture
def chaos_sandbox(tmp_path):
    """A factory of sandboxes whose every answer misbehaves as ``--chaos`` says."""
    from activejob_tui.sandbox.process import SandboxProcess

    started: list[SandboxProcess] = []

    def start(chaos: str) -> SandboxProcess:
        server = SandboxProcess(db_path=tmp_path / f"chaos{len(started)}.db", seed=7, chaos=[chaos])
        server.start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
