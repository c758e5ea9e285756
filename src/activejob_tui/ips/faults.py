"""Turning whatever went wrong on the wire into one ``IpsError`` with an operator's sentence.

**One fault reader** (:func:`read_fault`, and :func:`from_zeep_fault` for a fault zeep met first,
both ending in :func:`fault_error`): IPS faults are told apart by the detail element — one of the
three IPS fault elements ``authenticationFault``, ``authorizationFault``, ``ipsApiFault`` in an
IPS namespace — and its ``code``, never by ``faultstring`` (IPS_JOBS_API.md §3.1). Anything else
(an Axis2 stack trace in ``<detail><Exception>``, no detail at all, §10) is reported by its
``faultstring`` and ``faultcode``. SOAP 1.1 and 1.2 faults are read alike.
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

from ..i18n import _
from ..model.text import printable
from . import errors
from .wire import SOAP_ENVS, doctype_refused, is_ips_namespace, local_name, namespace_of, parse_xml, soap_body_child

_FAULT_IN_HEAD = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?Fault[\s>/]")
IPS_FAULTS = frozenset(("authenticationFault", "authorizationFault", "ipsApiFault"))
"""The three IPS fault elements (§3.1)."""


def looks_like_fault(content: bytes) -> bool:
    """A cheap test for a SOAP Fault near the start of an answer (faults are small)."""
    return _FAULT_IN_HEAD.search(content, 0, 4096) is not None


def sentence(text: str) -> str:
    """``text`` ending in exactly one full stop (a server's ``"… later."`` is not given a second)."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?", "…", "。", "！", "？")) else text + "."


def _ips_detail(detail: object) -> etree._Element | None:
    """The IPS fault element inside a ``<detail>``, or None when the detail holds anything else."""
    if isinstance(detail, etree._Element):
        for child in detail:
            if (isinstance(child.tag, str) and local_name(child.tag) in IPS_FAULTS
                    and is_ips_namespace(namespace_of(child.tag))):
                return child
    return None


def _text(value: object) -> str:
    return printable(" ".join(str(value).split())) if value is not None else ""


def fault_error(operation: str, faultcode: object, faultstring: object, detail: object) -> errors.IpsError:
    """One SOAP fault → one IpsError: typed by the IPS detail element and code; otherwise an
    ApiFault naming the faultstring (never dropped) and the faultcode."""
    child = _ips_detail(detail)
    if child is None:
        said, code_text = _text(faultstring), _text(faultcode)
        if said == "Unknown fault occured":  # zeep's words for a non-SOAP error body
            return errors.MalformedResponse(
                _("The server's answer to {operation} is an error without a SOAP fault body.").format(operation=operation)
            )
        where = _(" (SOAP fault {code})").format(code=code_text) if code_text else _(" (SOAP fault)")
        if not said:
            return errors.ApiFault(_("{operation} failed: the server answered with a SOAP fault{where} and gave no reason.").format(operation=operation, where=where))
        return errors.ApiFault(sentence(_("{operation} failed: {reason}{where}").format(
            operation=operation, reason=said.rstrip("."), where=where)), None, said)
    code_text = child.findtext("{*}code")
    reason = _text(child.findtext("{*}reason")) or _("no reason given")
    try:
        code: int | None = int(code_text) if code_text is not None else None
    except ValueError:
        code = None
    kind = local_name(child.tag)
    shown = reason.rstrip(".") or reason
    if kind == "authenticationFault":
        return errors.AuthenticationError(_("Authentication failed: {shown} (IPS code {code}).").format(shown=shown, code=code), code)
    if kind == "authorizationFault":
        return errors.AuthorizationError(_("Not allowed to {operation}: {shown} (IPS code {code}).").format(operation=operation, shown=shown, code=code), code)
    return errors.ApiFault(_("{operation} failed: {shown} (IPS code {code}).").format(operation=operation, shown=shown, code=code), code, reason)


def read_fault(content: bytes, operation: str) -> errors.IpsError:
    """A SOAP 1.1 or 1.2 fault answer (bytes from :func:`.wire.read_answer`) → its IpsError.

    Raises MalformedResponse when ``content`` is not XML or not a SOAP envelope."""
    fault = soap_body_child(parse_xml(content, operation), operation)
    if local_name(fault.tag) != "Fault" or namespace_of(fault.tag) not in SOAP_ENVS:
        raise errors.MalformedResponse(_("The server's answer to {operation} mentions a fault but is not one.").format(operation=operation))
    code = string = detail = None
    for el in fault:
        name = local_name(el.tag)
        if name == "faultcode":
            code = el.text
        elif name == "faultstring":
            string = el.text
        elif name in ("detail", "Detail"):
            detail = el
        elif name == "Code":  # SOAP 1.2: Code/Value, Reason/Text
            code = el.findtext("{*}Value")
        elif name == "Reason":
            string = el.findtext("{*}Text")
    return fault_error(operation, code, string, detail)


def from_zeep_fault(fault: Fault, operation: str) -> errors.IpsError:
    """A zeep Fault (zeep read the answer first) → the same IpsError :func:`read_fault` gives."""
    return fault_error(operation, fault.code, fault.message, fault.detail)


def from_http_status(status: int, operation: str) -> errors.IpsError:
    """An HTTP error answer that is neither a SOAP fault nor an HTML page (read_answer names those)."""
    return errors.MalformedResponse(_("The server answered {operation} with HTTP {status} and no SOAP envelope.").format(operation=operation, status=status))


def from_transport(exc: Exception, endpoint: str, timeout: float) -> errors.IpsError:
    """Map an httpx exception to a connection error naming the host, never the request."""
    host = urlsplit(endpoint).netloc or endpoint
    if isinstance(exc, httpx.TimeoutException):
        return errors.Timeout(_("{host} did not answer within {timeout:g} s.").format(host=host, timeout=timeout))
    cause = exc.__cause__ or exc.__context__
    text = str(exc).lower()
    if isinstance(cause, ssl.SSLCertVerificationError) or "certificate verify failed" in text:
        return errors.IpsConnectionError(
            _("The TLS certificate of {host} could not be verified; if you trust this server, use --insecure.").format(host=host)
        )
    if isinstance(cause, ssl.SSLError) or "ssl" in text:
        return errors.IpsConnectionError(_("The TLS handshake with {host} failed.").format(host=host))
    if "name or service not known" in text or "nodename nor servname" in text or "getaddrinfo" in text:
        return errors.IpsConnectionError(_("The host name {host} could not be resolved.").format(host=host),
                                         first_hop=True)
    if isinstance(exc, httpx.ConnectError):
        return errors.IpsConnectionError(_("Cannot connect to {host}: connection refused. Is the server running?").format(host=host),
                                         first_hop=True)
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError | httpx.WriteError):
        return errors.IpsConnectionError(_("{host} closed the connection before answering.").format(host=host))
    return errors.IpsConnectionError(_("The request to {host} failed: {kind}.").format(host=host, kind=type(exc).__name__))


def from_zeep_parse(exc: Exception, operation: str) -> errors.IpsError:
    """zeep could not read the answer: not XML, wrong envelope, wrong shape."""
    if isinstance(exc, DTDForbidden | EntitiesForbidden):
        return doctype_refused(operation)
    if isinstance(exc, TransportError):
        return errors.MalformedResponse(_("The server's answer to {operation} is not valid XML.").format(operation=operation))
    if isinstance(exc, XMLSyntaxError):
        return errors.MalformedResponse(_("The server's answer to {operation} is not the SOAP this client expects.").format(operation=operation))
    return errors.MalformedResponse(
        _("The server's answer to {operation} does not match the WSDL ({kind}).").format(operation=operation, kind=type(exc).__name__)
    )
