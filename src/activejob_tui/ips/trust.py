"""The TLS context of the SOAP adapter's two HTTP clients, its certificate authorities loaded by the
first TLS handshake (issue 9: the console's memory).

httpx builds a verifying context with its CA bundle loaded at once — ``SSL_CERT_FILE``, else
``SSL_CERT_DIR``, else certifi's bundle (``httpx.create_ssl_context``): OpenSSL parses ~150
certificates into the context's store, 1.4 MiB resident the first time in a process and 0.8 MiB each
time after (``benchmarks/README.md``, issue 9). The embedded sandbox, and many IPS test set-ups, speak
plain HTTP: a console that never opens a TLS connection kept that store all its life.

:func:`verifying_context` returns the same context as httpx's — TLS client protocol, certificate and
host name required, ``SSLKEYLOGFILE`` honoured, the same CA source — except that the store is filled
on the first ``wrap_socket`` (the WSDL's synchronous client) or ``wrap_bio`` (the async client, through
anyio or asyncio), before the handshake, under a lock. Verification is never weaker: no handshake
happens with an empty store. ``tests/ips/test_trust.py`` compares its settings with httpx's.

``--insecure`` (no verification) needs no store: httpx's own context is used.
"""

from __future__ import annotations

import os
import ssl
import sys
import threading
from typing import Any

import httpx

from ..config_error import ConfigError
from ..i18n import _


class LazyTrust(ssl.SSLContext):
    """A client ``ssl.SSLContext`` whose CA store is loaded (``cafile`` or ``capath``) on first use."""

    def __new__(cls, cafile: str | None = None, capath: str | None = None) -> LazyTrust:
        return super().__new__(cls, ssl.PROTOCOL_TLS_CLIENT)

    def __init__(self, cafile: str | None = None, capath: str | None = None) -> None:
        self.verify_mode = ssl.CERT_REQUIRED  # PROTOCOL_TLS_CLIENT's defaults, set as create_default_context sets them
        self.check_hostname = True
        keylog = os.environ.get("SSLKEYLOGFILE")
        if keylog and not sys.flags.ignore_environment:
            self.keylog_filename = keylog
        self._source = (cafile, capath)
        self._lock = threading.Lock()
        self._loaded = False

    @property
    def loaded(self) -> bool:
        """Whether the CA store has been filled (by a handshake, or :meth:`load_now`)."""
        return self._loaded

    def load_now(self) -> None:
        """Fill the CA store from its source, once (thread-safe)."""
        if self._loaded:
            return
        with self._lock:
            if not self._loaded:
                cafile, capath = self._source
                self.load_verify_locations(cafile=cafile, capath=capath)
                self._loaded = True

    def wrap_socket(self, *args: Any, **kwargs: Any) -> ssl.SSLSocket:
        """``ssl.SSLContext.wrap_socket`` once the store is filled (httpx's synchronous client)."""
        self.load_now()
        return super().wrap_socket(*args, **kwargs)

    def wrap_bio(self, *args: Any, **kwargs: Any) -> ssl.SSLObject:
        """``ssl.SSLContext.wrap_bio`` once the store is filled (the async client, through anyio or asyncio)."""
        self.load_now()
        return super().wrap_bio(*args, **kwargs)


def verifying_context(verify: bool, environ: dict[str, str] | None = None) -> ssl.SSLContext:
    """The context for both clients: a :class:`LazyTrust` with httpx's CA source when ``verify``,
    httpx's non-verifying context for ``--insecure``.

    The source is chosen now, as httpx chooses it (``SSL_CERT_FILE``, ``SSL_CERT_DIR``, certifi);
    raises ConfigError when the variable names a path that does not exist (httpx would fail with a
    bare ``FileNotFoundError``)."""
    if not verify:
        return httpx.create_ssl_context(verify=False)
    env = os.environ if environ is None else environ
    for name, key in (("SSL_CERT_FILE", "cafile"), ("SSL_CERT_DIR", "capath")):
        path = env.get(name)
        if path:
            if not os.path.exists(path):
                raise ConfigError(_("{variable} names {path}, which does not exist: set it to a CA bundle "
                                    "(or unset it).").format(variable=name, path=path))
            return LazyTrust(**{key: path})
    import certifi  # httpx's own dependency: its default CA bundle

    return LazyTrust(cafile=certifi.where())
