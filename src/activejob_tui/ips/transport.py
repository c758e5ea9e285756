"""The HTTP side of the SOAP adapter: connection settings, zeep's async transport with a streaming
size cap, building the zeep client from a WSDL, and the ``--debug`` wire trace.

Only zeep's public API: a subclass of ``zeep.transports.AsyncTransport`` overriding ``post``, and
``Settings(raw_response=True)`` so that a call returns the HTTP answer for ``ips.wire`` to read.
"""

from __future__ import annotations

import asyncio
import io
import logging
import os
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import httpx
from lxml import etree
from zeep import AsyncClient, Settings
from zeep.exceptions import DTDForbidden, EntitiesForbidden
from zeep.exceptions import Error as ZeepError
from zeep.exceptions import TransportError as ZeepTransportError
from zeep.loader import parse_xml
from zeep.transports import AsyncTransport
from zeep.wsdl import Document

from ..config_error import ConfigError
from ..i18n import _
from ..model.humanize import size as human_size
from ..model.text import printable
from . import errors, faults, trust, wsdl_subset
from .settings import ClientSettings

log = logging.getLogger("activejob_tui.ips.client")


class CappedTransport(AsyncTransport):
    """zeep's async transport, reading each answer as a stream and refusing it past ``max_bytes``.

    ``post`` returns an ``httpx.Response`` whose body is fully read (zeep's ``post_xml`` turns it
    into the response object a raw-response call returns). Raises MalformedResponse when the
    answer is over the cap (announced or counted) and IpsError for transport failures.
    """

    def __init__(self, client: httpx.AsyncClient, wsdl_client: httpx.Client, settings: ClientSettings,
                 trace: Callable[[str, bytes], None] | None = None) -> None:
        super().__init__(client=client, wsdl_client=wsdl_client)
        self.client_settings = settings  # not "settings": zeep's Transport has a settings() method
        self.trace = trace

    async def post(self, address: str, message: bytes, headers: dict[str, str]) -> httpx.Response:
        """POST ``message`` and read the answer as a stream, up to ``settings.max_response_bytes``."""
        operation = str(headers.get("SOAPAction", "")).strip('"') or "the request"
        if self.trace is not None:
            self.trace(f"→ {operation} {address}", message)
        cap = self.client_settings.max_response_bytes
        try:
            async with self.client.stream("POST", address, content=message, headers=headers) as response:
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > cap:
                    raise errors.MalformedResponse(_too_big(cap, operation, _("{count:,} bytes announced").format(count=int(declared))))
                chunks: list[bytes] = []
                size = 0
                async for chunk in response.aiter_bytes():
                    size += len(chunk)
                    if size > cap:
                        raise errors.MalformedResponse(_too_big(cap, operation, _("more than {count:,} bytes").format(count=size)))
                    chunks.append(chunk)
        except httpx.HTTPError as exc:
            raise faults.from_transport(exc, address, self.client_settings.timeout) from None
        content = await join_chunks(chunks)
        del chunks
        if self.trace is not None:
            self.trace(f"← {operation} HTTP {response.status_code}, {len(content)} bytes", content[:65536])
        return httpx.Response(response.status_code, headers=response.headers, content=content,
                              request=response.request)


OFF_LOOP_JOIN = 1 << 20
"""Bytes: an answer at least this big is joined in a worker thread (``bytes.join`` lets go of the
interpreter lock for big copies; on the event loop the 79 MB of 50,000 jobs held the console's UI
for 100–150 ms)."""


async def join_chunks(chunks: list[bytes]) -> bytes:
    """The answer's chunks as one bytes object, off the event loop when it is big."""
    if sum(map(len, chunks)) < OFF_LOOP_JOIN:
        return b"".join(chunks)
    return await asyncio.to_thread(b"".join, chunks)


def _too_big(cap: int, operation: str, seen: str) -> str:
    return _("The server's answer to {operation} is larger than the {limit} limit ({seen}); refused.").format(
        operation=operation, limit=human_size(cap), seen=seen)


def build_zeep(settings: ClientSettings, trace: Callable[[str, bytes], None] | None = None) -> AsyncClient:
    """Construct the zeep client (synchronous: parses the WSDL). Runs in a worker thread."""
    timeout = httpx.Timeout(settings.timeout)
    # One TLS context for both clients (and any proxy transport they mount), as each would build its own;
    # its CA store is filled by the first TLS handshake, from where httpx would take it (ips/trust.py).
    tls = trust.verifying_context(settings.verify_tls)
    http = httpx.AsyncClient(verify=tls, timeout=timeout, follow_redirects=False)
    wsdl_http = httpx.Client(verify=tls, timeout=timeout, follow_redirects=True)
    transport = CappedTransport(http, wsdl_http, settings, trace)
    zeep_settings = Settings(strict=True, raw_response=True, xml_huge_tree=False, forbid_dtd=True,
                             forbid_entities=True, forbid_external=True)
    try:
        return AsyncClient(_document(settings.wsdl, transport, zeep_settings), transport=transport,
                           settings=zeep_settings)
    except (httpx.HTTPError, OSError) as exc:
        wsdl_http.close()
        raise wsdl_error(settings, exc) from None
    except ZeepTransportError as exc:  # the WSDL URL answered, but not with 200
        wsdl_http.close()
        raise ConfigError(_("The WSDL {wsdl} could not be fetched: HTTP {status_code}.").format(wsdl=settings.wsdl, status_code=exc.status_code)) from None
    except (DTDForbidden, EntitiesForbidden):
        wsdl_http.close()
        raise ConfigError(
            _("The WSDL {wsdl} contains a DOCTYPE (entity or DTD declarations); refused for safety.").format(wsdl=settings.wsdl)
        ) from None
    except (ZeepError, etree.LxmlError, ValueError) as exc:
        wsdl_http.close()
        raise ConfigError(_("The WSDL {wsdl} could not be read: {kind}.").format(wsdl=settings.wsdl, kind=type(exc).__name__)) from None


def _document(location: str, transport: CappedTransport, zeep_settings: Settings) -> Document:
    """zeep's WSDL document of the operations the client calls (:mod:`.wsdl_subset`), read once through
    ``transport`` (a file or a URL) and parsed with zeep's safe parser; the whole WSDL when it cannot be
    cut (it imports another) or zeep refuses the cut one (logged; the whole one is then read as before)."""
    if urlsplit(location).scheme not in ("http", "https", "file"):
        location = os.path.abspath(os.path.expanduser(location))
    content = transport.load(location)
    loader: Any = transport  # zeep annotates Document's transport as a class; it takes the instance Client passes
    whole = parse_xml(content, transport, base_url=location, settings=zeep_settings)
    cut = wsdl_subset.subset(whole)
    if cut is not None:
        try:
            document = Document(io.BytesIO(etree.tostring(cut)), loader, base=location, settings=zeep_settings)
            lacking = wsdl_subset.missing(whole, document.bindings)
            if not lacking:
                return document
            log.warning("the WSDL's operations read apart lacked %s; reading all of it", ", ".join(lacking))
        except (ZeepError, LookupError, ValueError) as exc:
            log.warning("the WSDL's operations could not be read apart (%s: %s); reading all of it", type(exc).__name__, exc)
    return Document(io.BytesIO(content), loader, base=location, settings=zeep_settings)


def wsdl_error(settings: ClientSettings, exc: Exception) -> errors.IpsError:
    """Why the WSDL could not be loaded, as a ConfigError (file) or a connection error (URL)."""
    if isinstance(exc, FileNotFoundError):
        return ConfigError(_("The WSDL file {wsdl} does not exist.").format(wsdl=settings.wsdl))
    if isinstance(exc, httpx.HTTPError):
        return faults.from_transport(exc, settings.wsdl, settings.timeout)
    return ConfigError(_("The WSDL {wsdl} could not be read: {value1}.").format(wsdl=settings.wsdl, value1=getattr(exc, "strerror", None) or exc))


def trace_logger(settings: ClientSettings) -> Callable[[str, bytes], None]:
    """The --debug trace of every request and answer: the password masked, controls escaped."""

    def trace(what: str, data: bytes) -> None:
        """Log one request or answer at DEBUG: ``what`` is the header line, ``data`` the bytes."""
        text = data.decode("utf-8", "replace")
        text = re.sub(r"(<(?:\w+:)?password(?:\s[^>]*)?>)[^<]*(</)", r"\1********\2", text)
        if settings.password:
            text = text.replace(settings.password, "********")
        log.debug("%s\n%s", what, "\n".join(map(printable, text.split("\n"))))

    return trace


