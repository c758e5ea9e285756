"""Fixtures of the hardening tests: the rogue server, a self-signed certificate, the CLI runner."""

from __future__ import annotations

import asyncio
import shutil
import socket
import sqlite3
import subprocess
from pathlib import Path

import pytest

from activejob_tui.ips.client import ClientSettings
from prerequisites import unavailable

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
def isolated_env(isolated_env: dict[str, str]) -> dict[str, str]:
    """The shared isolated environment, plus the demo password in IPS_PASSWORD and a wide terminal."""
    return {**isolated_env, "IPS_PASSWORD": "demo-password", "COLUMNS": "200"}


def one_line_error(result) -> str:
    """The CLI's stderr must be one line, without a traceback; returns it."""
    text = result.stderr.strip()
    assert "Traceback" not in text, text
    lines = [line for line in text.splitlines() if not line.startswith("warning:")]
    assert len(lines) == 1, text
    assert lines[0].startswith("activejob-tui: "), text
    return lines[0]



# --- shared helpers of the hardening tests (CLI, client and console) --------------------------------


def dead_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sandbox_settings(server, user: str = "demo@example.com", password: str = "demo-password",
                     company: str | None = "Demo Company", **extra) -> ClientSettings:
    """Client settings for a sandbox (its 2016 WSDL), by company name unless ``company_handle`` is given."""
    values = {"wsdl": server.wsdl_url_2016, "user": user, "password": password, "company_name": company,
              "timeout": 5.0}
    return ClientSettings(**{**values, **extra})


def set_password(db_path, email: str, password: str) -> None:
    """Change a user's password behind the sandbox's back, in its SQLite file (as an admin would)."""
    from activejob_tui.sandbox.store import hash_password

    salt, pw_hash = hash_password(password)
    with sqlite3.connect(db_path) as db:
        db.execute("UPDATE users SET salt=?, pw_hash=? WHERE email=?", (salt, pw_hash, email))


def set_membership(db_path, email: str, company_id: int) -> None:
    """Move a user's membership between the demo and the other company (1 and 2) to ``company_id``, in the
    sandbox's SQLite file (read on every request); other memberships ("Demo Studio") stay."""
    with sqlite3.connect(db_path) as db:
        db.execute("UPDATE memberships SET company_id=? WHERE user_id=(SELECT id FROM users WHERE email=?) "
                   "AND company_id IN (1, 2)", (company_id, email))


async def poll_for(clients, seconds: float, every: float = 0.1) -> tuple[list[int], list[BaseException]]:
    """Each client polls active jobs every ``every`` s (scheduled jobs and logs every third poll) for
    ``seconds``; returns the polls per client and every failure."""
    polls = [0] * len(clients)
    failures: list[BaseException] = []
    stop_at = asyncio.get_running_loop().time() + seconds

    async def poll(i: int, client) -> None:
        n = 0
        while asyncio.get_running_loop().time() < stop_at:
            try:
                jobs = await client.active_jobs()
                assert jobs and all(j.job_handle for j in jobs)
                if n % 3 == 0:
                    await client.scheduled_jobs()
                    await client.job_logs(limit=50)
            except BaseException as exc:  # noqa: BLE001 - counted, reported by the caller
                failures.append(exc)
            n += 1
            polls[i] = n
            await asyncio.sleep(every)

    await asyncio.gather(*(poll(i, c) for i, c in enumerate(clients)))
    return polls, failures


# Hostile text, submitted with plain zeep (not through activejob-tui) to a sandbox of its own.

HOSTILE = {
    "rich": "[bold red]BOOM[/] [link=https://evil.example]click[/link] [/]",
    "c1-csi": "\x9b31mC1 CSI red\x9b0m and DEL\x7f",
    "osc": "\x9d8;;https://evil.example\x9clink\x9d8;;\x9c",
    "controls": "tab\there\nnewline\rcarriage",
    "bidi": "invoice\u202egpj.exe\u202c \u2066isolate\u2069 zero\u200bwidth",
    "long": "L" * 9_990 + "-the-end!",
    "cjk-emoji": "漢字のジョブ名 🚀👩\u200d💻 ｆｕｌｌ",
    "zalgo": "Z\u0351\u0352a\u0353l\u0354g\u0355o",
}
# Characters a terminal acts on or reorders; none may reach the terminal raw. (ZWJ and ZWNJ are text:
# they build emoji sequences and Persian words, and are kept — issue 10, model/text.py.)
RAW_FORBIDDEN = ["\x1b", "\r", "\x7f", "\u202e", "\u202c", "\u2066", "\u2069", "\u200b"] + [
    chr(c) for c in range(0x80, 0xA0)
]


def submit_jobs(server, names: dict[str, str]) -> dict[str, str]:
    """Submit one optimizeImages job per entry with plain zeep (name and description = the text);
    returns key → jobHandle."""
    import zeep

    client = zeep.Client(server.wsdl_url_2016)
    service = client.create_service("{http://www.scene7.com/IpsApi}IpsApiServiceSoapBinding", server.endpoint)
    header = {"authHeader": {"user": "demo@example.com", "password": "demo-password", "appName": "t",
                             "appVersion": "1"}}
    return {key: service.submitJob(companyHandle="c|1", jobName=text, description=text,
                                   optimizeImagesJob={"emailSetting": "None"}, _soapheaders=header)
            for key, text in names.items()}


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
