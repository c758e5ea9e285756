"""Opening a connection: to the configured IPS, or to the embedded sandbox when none is configured.

Both go through the same ``IpsClient``; the embedded case only adds starting a ``SandboxProcess``
(on a free loopback port, its database in the user's data dir) and stopping it on close.
"""

from __future__ import annotations

import asyncio
import fcntl
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import httpx

from . import i18n, proxy
from .config import Resolved, data_dir
from .config_error import ConfigError
from .ips import errors
from .ips.client import ClientSettings, IpsClient
from .sandbox_keeper import Acquired, SandboxKeeper, alive

DEMO_USER = "demo@example.com"
DEMO_PASSWORD = "demo-password"
DEMO_COMPANY = "Demo Company"


async def open_source(resolved: Resolved, announce: Callable[[str], None] | None = None,
                      polls: bool = True, reads_whole_jobs: bool = False) -> IpsClient:
    """A connected client for ``resolved``; ``announce`` gets the one line about the sandbox.
    ``polls`` False: a one-shot command, no steady-poll index (``ClientSettings.poll_index``);
    ``reads_whole_jobs``: nested parts decoded at once (``ClientSettings.nested_on_read`` off).

    Raises ``IpsError``; ``proxy.ProxyError`` (exit code 8) when a proxy from the environment is
    unusable or does not carry the connection."""
    proxy.check()
    if resolved.client is None:
        return await _open_embedded(resolved, announce, polls, reads_whole_jobs)
    settings = replace(resolved.client, poll_index=polls, nested_on_read=not reads_whole_jobs)
    try:
        return await IpsClient.open(settings)
    except errors.IpsConnectionError as err:
        target = settings.endpoint or settings.wsdl
        via = proxy.for_url(target)
        if via is None or isinstance(err, proxy.ProxyError):
            raise
        raise proxy.unreachable(*via, httpx.URL(target).host, err) from None


async def _open_embedded(resolved: Resolved, announce: Callable[[str], None] | None, polls: bool,
                         reads_whole_jobs: bool) -> IpsClient:
    from .sandbox.paths import (
        ENDPOINT_PATH,
        WSDL_2016_PATH,
    )

    proxy.bypass_loopback()  # the embedded sandbox is on 127.0.0.1, never behind a proxy
    acquired = await asyncio.to_thread(_embedded_sandbox)
    base_url, stop = acquired.base_url, acquired.stop
    if stop is None:  # joined another process's sandbox: keep it when that process quits
        stop = SandboxKeeper(acquired, _embedded_sandbox).start().close
    endpoint = base_url + ENDPOINT_PATH
    if announce is not None:
        announce(
            i18n._("No IPS configured: using the embedded sandbox at {endpoint} as {user} "
                   "(see --help to connect to a real IPS).").format(endpoint=endpoint, user=DEMO_USER)
        )
    settings = ClientSettings(
        wsdl=base_url + WSDL_2016_PATH,
        user=DEMO_USER,
        password=DEMO_PASSWORD,
        company_name=DEMO_COMPANY,
        label="sandbox",
        locale=i18n.ips_locale(),
        trace=resolved.trace,
        poll_index=polls,
        nested_on_read=not reads_whole_jobs,
    )
    return await IpsClient.open(settings, on_close=stop)


def _embedded_sandbox(port: int = 0) -> Acquired:
    """The embedded sandbox: its base URL, process id, and how to stop it (None when another
    process owns it). Started on ``port`` (0: a free one) when none is running.

    One sandbox serves one database: a second console or ``jobs`` run while one is open reuses the
    running sandbox (found through ``sandbox.json``) instead of simulating the same jobs twice, and
    keeps it when its owner quits (:mod:`.sandbox_keeper`).
    """
    from .sandbox.paths import WSDL_LEGACY_PATH
    from .sandbox.process import SandboxProcess

    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    state = folder / "sandbox.json"
    with open(folder / "sandbox.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        running = _running_sandbox(state, WSDL_LEGACY_PATH)
        if running is not None:
            return running
        sandbox = SandboxProcess(db_path=folder / "sandbox.db", port=port)
        try:
            sandbox.start()
        except (RuntimeError, OSError) as exc:  # the sandbox's own last line says why (its stderr follows the first)
            reason = (str(exc).strip().splitlines() or [type(exc).__name__])[-1]
            raise ConfigError(i18n._("The embedded IPS sandbox did not start: {error}").format(error=reason)) from None
        state.write_text(json.dumps({"pid": sandbox.pid, "base_url": sandbox.base_url}))

    def stop() -> None:
        # SIGTERM now; sandbox/process.py reaps it when the interpreter exits (after the console has
        # restored the terminal): quitting never waits for the sandbox's own shutdown, and no process
        # is left behind (its exit hook escalates to SIGKILL after a timeout).
        state.unlink(missing_ok=True)
        sandbox.terminate()

    return Acquired(sandbox.base_url, sandbox.pid or 0, stop)


def _running_sandbox(state: Path, probe_path: str) -> Acquired | None:
    """The sandbox recorded in ``state`` if it still answers (owned by another process: no ``stop``)."""
    try:
        recorded = json.loads(state.read_text())
        pid = int(recorded["pid"])
        if not alive(pid):
            return None
        base_url = str(recorded["base_url"])
        httpx.get(base_url + probe_path, timeout=2, trust_env=False).raise_for_status()
        return Acquired(base_url, pid, None)
    except (OSError, ValueError, KeyError, TypeError, httpx.HTTPError):
        return None
