"""Fixtures of the hardening tests: the rogue server, a self-signed certificate, the CLI runner."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from activejob_tui.ips.client import ClientSettings

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
        pytest.skip("the openssl command is not installed")
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


def rogue_settings(server: RogueServer, **extra) -> ClientSettings:
    """Client settings for the rogue server: its WSDL, a known company handle (no lookup request)."""
    values = dict(wsdl=server.wsdl_url, user="demo@example.com", password="demo-password",
                  company_handle="c|1", timeout=5.0)
    values.update(extra)
    return ClientSettings(**values)


def rogue_cli_args(server: RogueServer) -> list[str]:
    return ["--wsdl", server.wsdl_url, "--user", "demo@example.com", "--company-handle", "c|1", "--timeout", "5"]


def sandbox_cli_args(sandbox, wsdl: str | None = None, user: str = "demo@example.com",
                     company: str = "Demo Company") -> list[str]:
    return ["--wsdl", wsdl or sandbox.wsdl_url_2016, "--user", user, "--company", company]


@pytest.fixture
def isolated_env(tmp_path: Path) -> dict[str, str]:
    """No IPS settings, private config/data/state dirs, and the demo password in IPS_PASSWORD."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("IPS_")}
    env.update(
        ACTIVEJOB_TUI_CONFIG=str(tmp_path / "config.toml"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        HOME=str(tmp_path / "home"),
        IPS_PASSWORD="demo-password",
        COLUMNS="200",
    )
    return env


@pytest.fixture
def run_cli(isolated_env):
    """Run ``python -m activejob_tui ARGS``; returns the CompletedProcess (stdout/stderr as bytes
    decoded to text with surrogateescape, so a stray byte is still visible to the assertions)."""

    def run(*args: str, env: dict[str, str] | None = None, timeout: float = 40, input: str | None = None):
        result = subprocess.run(
            [sys.executable, "-m", "activejob_tui", *args],
            env=env or isolated_env,
            capture_output=True,
            timeout=timeout,
            input=input.encode() if input is not None else None,
            stdin=None if input is not None else subprocess.DEVNULL,
        )
        result.raw_stdout = result.stdout
        result.stdout = result.stdout.decode("utf-8", "surrogateescape")
        result.stderr = result.stderr.decode("utf-8", "surrogateescape")
        return result

    return run


def one_line_error(result) -> str:
    """The CLI's stderr must be one line, without a traceback; returns it."""
    text = result.stderr.strip()
    assert "Traceback" not in text, text
    lines = [line for line in text.splitlines() if not line.startswith("warning:")]
    assert len(lines) == 1, text
    assert lines[0].startswith("activejob-tui: "), text
    return lines[0]

