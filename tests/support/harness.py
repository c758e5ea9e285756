"""Helpers of the fault tests (CLI, client and console alike): connection settings and CLI flags for the rogue
server and for a sandbox, the CLI's one-line error, a sandbox changed behind its back (a password, a
membership), and a polling load."""

from __future__ import annotations

import asyncio
import socket
import sqlite3

from activejob_tui.ips.client import ClientSettings

from .rogue_server import RogueServer


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


def one_line_error(result) -> str:
    """The CLI's stderr must be one line, without a traceback; returns it."""
    text = result.stderr.strip()
    assert "Traceback" not in text, text
    lines = [line for line in text.splitlines() if not line.startswith("warning:")]
    assert len(lines) == 1, text
    assert lines[0].startswith("activejob-tui: "), text
    return lines[0]


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


