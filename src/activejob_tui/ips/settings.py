"""What is needed to open a connection to IPS, free of zeep and httpx.

``config`` resolves flags, environment and profiles into a :class:`ClientSettings`; the SOAP
adapter (:mod:`.transport`, :mod:`.client`) opens it. Keeping the class here lets ``--help`` and
``--version`` resolve settings without loading the adapter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__

__all__ = ["ClientSettings", "wsdl_location"]


@dataclass(frozen=True)
class ClientSettings:
    """Everything needed to open a connection. The password never shows in a repr."""

    wsdl: str
    """A URL, or an absolute path of a WSDL file (see :func:`wsdl_location`)."""
    user: str
    password: str = field(repr=False)
    endpoint: str | None = None
    """The SOAP endpoint; None: the SOAP 1.1 address in the WSDL."""
    company_name: str | None = None
    company_handle: str | None = None
    locale: str | None = "en-US"
    app_name: str = "activejob-tui"
    app_version: str = __version__
    timeout: float = 30.0
    """Seconds per request."""
    verify_tls: bool = True
    label: str | None = None
    """Shown in headers instead of the endpoint host (the embedded sandbox says "sandbox")."""
    max_response_bytes: int = 256 * 1024 * 1024
    trace: bool = False
    """Log every request and answer at DEBUG (the password masked)."""
    poll_index: bool = True
    """Keep the steady-poll index (``ips.incremental``): repeated ``active_jobs()`` calls reuse the
    objects of unchanged jobs. A one-shot command (``jobs`` without ``--watch``) turns it off and
    saves indexing the answer's bytes and keeping them until the next poll."""
    nested_on_read: bool = True
    """Decode a job's tasks and sub-job on first read (``ips.lazy``): a caller that shows a few
    columns never pays for them. False: all at once, for a one-shot caller that reads every job
    whole (JSON, CSV): one pass is cheaper than re-reading each job's bytes on first read."""


def wsdl_location(value: str) -> str:
    """A WSDL given as a path is made absolute so zeep reads the file, not a URL."""
    if "://" in value:
        return value
    return str(Path(value).expanduser().resolve())
