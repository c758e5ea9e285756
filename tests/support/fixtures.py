"""Fixtures of the fault tests (a pytest plugin, registered by ``pytest_plugins`` in tests/conftest.py, so
every directory of the tree can ask for them): the rogue server, over HTTP and over TLS with a self-signed
certificate, a sandbox holding hostile text, and ``demo_password``, which puts the demo password and a wide
terminal into the isolated environment of ``run_cli``."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from prerequisites import unavailable

from .hostile import HOSTILE, submit_jobs
from .rogue_server import RogueServer


@pytest.fixture
def rogue(shared_wsdl_path: Path):
    """A started :class:`RogueServer` serving the real legacy WSDL; stopped after the test."""
    server = RogueServer(shared_wsdl_path).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def self_signed_cert(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(cert, key) of a self-signed certificate for 127.0.0.1, made with the openssl CLI."""
    openssl = shutil.which("openssl")
    if openssl is None:
        unavailable("the openssl command is not installed")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True, timeout=30,
    )
    return cert, key


@pytest.fixture
def tls_rogue(shared_wsdl_path: Path, self_signed_cert):
    server = RogueServer(shared_wsdl_path, tls=self_signed_cert).start()
    yield server
    server.stop()


@pytest.fixture
def demo_password(isolated_env: dict[str, str]) -> dict[str, str]:
    """The test's isolated environment (the one ``run_cli`` runs in) gains the demo password in IPS_PASSWORD
    and a wide terminal (COLUMNS=200); returns it. A module of CLI fault tests asks for it once with
    ``pytestmark = pytest.mark.usefixtures("demo_password")``."""
    isolated_env.update(IPS_PASSWORD="demo-password", COLUMNS="200")
    return isolated_env


@pytest.fixture(scope="module")
def hostile_sandbox(tmp_path_factory):
    """A sandbox of the module's own (seed 3) holding one job per HOSTILE text: (server, key → handle)."""
    from activejob_tui.sandbox.process import SandboxProcess

    server = SandboxProcess(db_path=tmp_path_factory.mktemp("hostile") / "h.db", seed=3)
    server.start()
    try:
        yield server, submit_jobs(server, HOSTILE)
    finally:
        server.stop()
