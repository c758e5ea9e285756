"""Turning whatever went wrong on the wire into one ``IpsError`` with an operator's sentence.

IPS faults are told apart by the detail element (``authenticationFault``, ``authorizationFault``,
``ipsApiFault``) and its ``code``, never by ``faultstring`` (IPS_JOBS_API.md §3.1).
"""

from __future__ import annotations

import re
import ssl
from urllib.parse import urlsplit

import httpx
from lxml import etree
from zeep.exceptions import (
    DTDForbidden,
    EntitiesForbidden,
    Fault,
    TransportError,
    XMLSyntaxError,
)

from ..model.text import printable
from . import errors
from .decode import doctype_refused

_FAULT_IN_HEAD = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?Fault[\s>/]")
_HTML_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def looks_like_fault(content: bytes) -> bool:
    """A cheap test for a SOAP Fault near the start of an answer (faults are small)."""
    return _FAULT_IN_HEAD.search(content, 0, 4096) is not None


def _local(tag: object) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _detail_child(detail: object) -> etree._Element | None:
    if isinstance(detail, etree._Element):
        for child in detail:
            if isinstance(child.tag, str):
                return child
    return None


def from_zeep_fault(fault: Fault, operation: str) -> errors.IpsError:
    """Map a zeep Fault to the IPS fault it carries, by detail element and code."""
    child = _detail_child(fault.detail)
    if child is None:
        said = printable((fault.message or "").strip())
        if said == "Unknown fault occured":
            return errors.MalformedResponse(
                f"The server's answer to {operation} is an error without a SOAP fault body."
            )
        return errors.ApiFault(f"{operation} failed: the server answered with a SOAP fault: {said or 'no reason given'}.")
    code_text = child.findtext("{*}code")
    reason = printable((child.findtext("{*}reason") or "").strip() or "no reason given")
    try:
        code: int | None = int(code_text) if code_text is not None else None
    except ValueError:
        code = None
    kind = _local(child.tag)
    if kind == "authenticationFault":
        return errors.AuthenticationError(f"Authentication failed: {reason} (IPS code {code}).", code)
    if kind == "authorizationFault":
        return errors.AuthorizationError(f"Not allowed to {operation}: {reason} (IPS code {code}).", code)
    return errors.ApiFault(f"{operation} failed: {reason} (IPS code {code}).", code, reason)


def from_http_status(status: int, content: bytes, operation: str) -> errors.IpsError:
    """An HTTP error answer that is not a SOAP fault (e.g. a proxy's HTML 502 page)."""
    title = _HTML_TITLE.search(content[:65536])
    shown = printable(title.group(1).decode("utf-8", "replace").strip()[:120]) if title else ""
    what = f"an HTML page ('{shown}')" if title else "no SOAP envelope"
    if 300 <= status < 400:
        return errors.MalformedResponse(
            f"The server redirected {operation} (HTTP {status}); point --endpoint at the final address."
        )
    return errors.MalformedResponse(f"The server answered {operation} with HTTP {status} and {what}.")


def from_transport(exc: Exception, endpoint: str, timeout: float) -> errors.IpsError:
    """Map an httpx exception to a connection error naming the host, never the request."""
    host = urlsplit(endpoint).netloc or endpoint
    if isinstance(exc, httpx.TimeoutException):
        return errors.Timeout(f"{host} did not answer within {timeout:g} s.")
    cause = exc.__cause__ or exc.__context__
    text = str(exc).lower()
    if isinstance(cause, ssl.SSLCertVerificationError) or "certificate verify failed" in text:
        return errors.ConnectionError(
            f"The TLS certificate of {host} could not be verified; if you trust this server, use --insecure."
        )
    if isinstance(cause, ssl.SSLError) or "ssl" in text:
        return errors.ConnectionError(f"The TLS handshake with {host} failed.")
    if "name or service not known" in text or "nodename nor servname" in text or "getaddrinfo" in text:
        return errors.ConnectionError(f"The host name {host} could not be resolved.")
    if isinstance(exc, httpx.ConnectError):
        return errors.ConnectionError(f"Cannot connect to {host}: connection refused. Is the server running?")
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError | httpx.WriteError):
        return errors.ConnectionError(f"{host} closed the connection before answering.")
    return errors.ConnectionError(f"The request to {host} failed: {type(exc).__name__}.")


def from_zeep_parse(exc: Exception, operation: str) -> errors.IpsError:
    """zeep could not read the answer: not XML, wrong envelope, wrong shape."""
    if isinstance(exc, DTDForbidden | EntitiesForbidden):
        return doctype_refused(f"The server's answer to {operation}")
    if isinstance(exc, TransportError):
        return errors.MalformedResponse(f"The server's answer to {operation} is not valid XML.")
    if isinstance(exc, XMLSyntaxError):
        return errors.MalformedResponse(f"The server's answer to {operation} is not the SOAP this client expects.")
    return errors.MalformedResponse(
        f"The server's answer to {operation} does not match the WSDL ({type(exc).__name__})."
    )
