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


WIRES = {"ips": ("ips", False), "axis2": ("axis2", False), "axis2-mtom": ("axis2", True)}
"""The sandbox's wires the client's tests run over (IPS_JOBS_API.md §10): the default, the recorded
Axis2 shape, and the Axis2 shape as MTOM/XOP multipart."""


@pytest.fixture(scope="session", params=list(WIRES))
def sandbox(request, tmp_path_factory):
    """The demo-seeded session sandbox (seed 7), once per wire."""
    from activejob_tui.sandbox.process import SandboxProcess

    wire, mtom = WIRES[request.param]
    sb = SandboxProcess(db_path=tmp_path_factory.mktemp(f"sandbox-{request.param}") / "sandbox.db", seed=7,
                        wire=wire, mtom=mtom)
    sb.start()
    yield sb
    sb.stop()


@pytest.fixture(params=["ips", "axis2-mtom"])
def fresh_sandbox(request, tmp_path):
    """A sandbox of the test's own (seed 11), over the default wire and over Axis2 + MTOM."""
    from activejob_tui.sandbox.process import SandboxProcess

    wire, mtom = WIRES[request.param]
    sb = SandboxProcess(db_path=tmp_path / "fresh.db", seed=11, wire=wire, mtom=mtom)
    sb.start()
    yield sb
    sb.stop()


@pytest.fixture(autouse=True)
def cold_decoder_caches():
    """Each test starts with the decoder's caches empty (``convert.DATE_CACHE``, ``convert.LOCALS``): what a
    test checks is then computed in that test, not remembered from an earlier one — and under mutation testing
    (scripts/mutation.py), the mutated ``parse_date``/``local_of`` are reached rather than hidden by a cache
    filled before the mutant was switched on."""
    from activejob_tui.ips import convert

    convert.DATE_CACHE.clear()
    convert.LOCALS.clear()
    yield
