"""Proxies from the environment (``HTTPS_PROXY``, ``HTTP_PROXY``, ``ALL_PROXY``, ``NO_PROXY``), as the
HTTP library reads them: checked before a connection opens, so an unusable one is one sentence that
names the variable, never a traceback from deep inside the transport.

Imports nothing heavy: ``urllib.request`` reads the variables the same way the HTTP library does.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Mapping, MutableMapping
from urllib.parse import urlsplit

# public in urllib.request since Python 2 (no underscore) but left out of typeshed's stubs; proxy_bypass,
# which the stubs do list, also reads the macOS/Windows system settings, which the HTTP library does not
from urllib.request import proxy_bypass_environment  # type: ignore[attr-defined]

from .i18n import _
from .ips import errors

SCHEMES = ("http", "https", "all")
"""The ``<scheme>_proxy`` variables the HTTP library honours, most specific first."""
USABLE = frozenset({"http", "https", "socks5", "socks5h"})
LOOPBACK = ("127.0.0.1", "localhost", "::1")


class ProxyError(errors.IpsConnectionError):
    """A proxy from the environment cannot be used: unknown scheme, SOCKS without SOCKS support, or it
    does not answer. Exit code 8."""

    exit_code = 8
    kind = "proxy"


def _variable(env: Mapping[str, str], scheme: str) -> tuple[str, str] | None:
    """(variable name, value) for ``<scheme>_proxy``; the lower-case name wins, as in ``urllib``."""
    for name in (f"{scheme}_proxy", f"{scheme.upper()}_PROXY"):
        if env.get(name):
            return name, env[name]
    return None


def configured(env: Mapping[str, str] = os.environ) -> list[tuple[str, str]]:
    """Every proxy variable that is set, as (name, value)."""
    return [found for scheme in SCHEMES if (found := _variable(env, scheme)) is not None]


def check(env: Mapping[str, str] = os.environ) -> None:
    """Raise ``ProxyError`` for a proxy variable the HTTP library could not use. It builds a transport
    for every proxy variable when a client is created, so one bad variable breaks every request."""
    for name, value in configured(env):
        scheme = (urlsplit(value if "://" in value else f"http://{value}").scheme or "").lower()
        if scheme not in USABLE:
            raise ProxyError(
                _("{name}={value} is not a proxy this client can use (http, https, socks5 or socks5h); fix it or unset {name}.").format(name=name, value=value)
            )
        if scheme.startswith("socks") and importlib.util.find_spec("socksio") is None:
            raise ProxyError(
                _("{name}={value} is a SOCKS proxy, but SOCKS support is not installed: pip install 'httpx[socks]', or unset {name}.").format(name=name, value=value)
            )


def for_url(url: str, env: Mapping[str, str] = os.environ) -> tuple[str, str] | None:
    """The proxy variable a request to ``url`` goes through, or None (direct, or ``NO_PROXY``)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    no_proxy = _variable(env, "no")
    if no_proxy is not None and no_proxy[1].strip() == "*":
        return None
    if no_proxy is not None and proxy_bypass_environment(parts.netloc, {"no": no_proxy[1]}):
        return None
    return _variable(env, parts.scheme) or _variable(env, "all")


def unreachable(name: str, value: str, host: str, cause: errors.IpsError) -> ProxyError:
    """The sentence for a proxy that did not carry a request to ``host``. When nothing left this machine
    (``cause.first_hop``: the proxy's name did not resolve or it refused the connection) the sentence
    blames the proxy, not ``host``, which was never reached."""
    if isinstance(cause, errors.IpsConnectionError) and cause.first_hop:
        return ProxyError(
            _("The proxy in {name} ({value}) cannot be reached: it refused the connection or its name does not resolve, so nothing was sent to {host}. Check the proxy, or unset {name} (or add {host} to NO_PROXY).").format(
                name=name, value=value, host=host)
        )
    return ProxyError(
        _("Cannot reach {host} through the proxy in {name} ({value}): {message} Check the proxy, or unset {name} (or add {host} to NO_PROXY).").format(host=host, name=name, value=value, message=cause.message)
    )


def bypass_loopback(env: MutableMapping[str, str] = os.environ) -> None:
    """Add the loopback addresses to ``NO_PROXY``: the embedded sandbox listens on 127.0.0.1 and is
    never behind a proxy, whatever the environment says for the outside world."""
    current = (_variable(env, "no") or ("", ""))[1]
    entries = [e.strip() for e in current.split(",") if e.strip()]
    missing = [host for host in LOOPBACK if host not in entries]
    if missing:
        value = ",".join(entries + missing)
        env["no_proxy"] = env["NO_PROXY"] = value
