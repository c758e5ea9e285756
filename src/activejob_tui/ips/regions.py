"""Which IPS a connection reaches, in the words of IPS_JOBS_API.md §1 (regional API hosts).

``where(endpoint, label)`` → ``"EMEA s7sps3apissl.scene7.com"``, ``"North America staging
s7sps1apissl-staging.scene7.com"``, ``"embedded sandbox 127.0.0.1:41234"``,
``"127.0.0.1:18080 (this machine)"`` or the bare ``host[:port]`` of any other server.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from ..i18n import N_, _

REGIONS = {"s7sps1apissl": N_("North America"), "s7sps3apissl": N_("EMEA"), "s7sps5apissl": N_("Japan/APAC")}
"""The first label of a regional API host → its region (§1; each also has a ``-staging`` host)."""


def region(host: str) -> str | None:
    """``"EMEA"``, ``"EMEA staging"`` … for a regional scene7.com API host, else None."""
    host = host.lower().rstrip(".")
    if not host.endswith(".scene7.com"):
        return None
    first = host.split(".", 1)[0]
    staging = first.endswith("-staging")
    name = REGIONS.get(first.removesuffix("-staging"))
    if name is None:
        return None
    return _("{region} staging").format(region=_(name)) if staging else _(name)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def where(endpoint: str, label: str | None = None, short: bool = False) -> str:
    """The region and host of ``endpoint`` for the header; ``label`` ``"sandbox"``: the embedded one.
    ``short`` (a narrow terminal): a known region without its host, the embedded sandbox (always on
    the loopback) as ``sandbox :PORT``."""
    try:
        parts = urlsplit(endpoint)
        host, netloc = parts.hostname or "", parts.netloc.rpartition("@")[2]
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return endpoint
    if label == "sandbox":
        return _("sandbox {port}").format(port=port).strip() if short else _("embedded sandbox {host}").format(host=netloc)
    named = region(host)
    if named is not None:
        return named if short else f"{named} {netloc}"
    if _loopback(host):
        return _("{host} (this machine)").format(host=netloc)
    return netloc or endpoint
