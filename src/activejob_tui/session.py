"""Opening a connection: to the configured IPS, or to the embedded sandbox when none is configured.

Both go through the same ``IpsClient``; the embedded case only adds starting a ``SandboxProcess``
(on a free loopback port, its database in the user's data dir) and stopping it on close.
"""

from __future__ import annotations

import asyncio
from typing import Callable

from .config import Resolved, data_dir
from .ips.client import ClientSettings, IpsClient
from .ips.errors import ConfigError


DEMO_USER = "demo@example.com"
DEMO_PASSWORD = "demo-password"
DEMO_COMPANY = "Demo Company"


async def open_source(resolved: Resolved, announce: Callable[[str], None] | None = None) -> IpsClient:
    """A connected client for ``resolved``; ``announce`` gets the one line about the sandbox."""
    if resolved.client is not None:
        return await IpsClient.open(resolved.client)
    return await _open_embedded(resolved, announce)


async def _open_embedded(resolved: Resolved, announce: Callable[[str], None] | None) -> IpsClient:
    from .sandbox.process import SandboxProcess  # only the embedded case pays for it

    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    sandbox = SandboxProcess(db_path=folder / "sandbox.db")
    try:
        await asyncio.to_thread(sandbox.start)
    except (RuntimeError, OSError) as exc:
        raise ConfigError(f"The embedded IPS sandbox did not start: {exc}") from None
    if announce is not None:
        announce(
            f"No IPS configured: using the embedded sandbox at {sandbox.endpoint} as {DEMO_USER} "
            "(see --help to connect to a real IPS)."
        )
    settings = ClientSettings(
        wsdl=sandbox.wsdl_url_2016,
        user=DEMO_USER,
        password=DEMO_PASSWORD,
        company_name=DEMO_COMPANY,
        label="sandbox",
        trace=resolved.trace,
    )
    return await IpsClient.open(settings, on_close=sandbox.stop)
