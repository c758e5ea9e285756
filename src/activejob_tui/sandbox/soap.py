"""Request side: hardened XML parsing, envelope checks, dispatch QName, typed parameters."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from dateutil import parser as dtparser
from lxml import etree

from . import xsd
from .faults import (
    INVALID_PARAMETER,
    INVALID_REQUEST_XML,
    MISSING_PARAMETER,
    SOAP11_ENV,
    SOAP12_ENV,
    IpsFault,
)

MAX_BODY = 1024 * 1024  # 1 MiB

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                          huge_tree=False, remove_pis=True, collect_ids=False)


@dataclass(slots=True)
class Credentials:
    user: str | None = None
    password: str | None = None
    fault_status: int | None = None
    locale: str | None = None
    app_name: str | None = None
    gzip: bool | None = None


@dataclass(slots=True)
class SoapRequest:
    soap12: bool
    version: str
    op: str
    params: dict[str, Any]
    creds: Credentials = field(default_factory=Credentials)
    param_el: Any = None
    namespace: str = ""
    """The request's schema namespace, answered in (any ``…/IpsApi/xsd/<version>``, IPS_JOBS_API.md §10)."""

    def decode(self) -> None:
        """Decode the typed parameters (after authentication, as the real server checks credentials first)."""
        self.params = decode_fields(self.version, xsd.ELEMENTS[self.version][self.op + "Param"], self.param_el,
                                    self.namespace)
        self.param_el = None


def bad_xml(reason: str) -> IpsFault:
    return IpsFault.api(INVALID_REQUEST_XML, reason)


def parse_envelope(body: bytes, basic_auth: str | None) -> SoapRequest:
    if not body.strip():
        raise bad_xml("Empty request body")
    try:
        root = etree.fromstring(body, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise bad_xml(f"Request is not well-formed XML: {exc.msg}") from None
    doc = root.getroottree()
    if doc.docinfo.doctype or doc.docinfo.internalDTD is not None:
        raise bad_xml("DTDs and entity declarations are not allowed")
    if root.tag == f"{{{SOAP11_ENV}}}Envelope":
        soap12, env = False, SOAP11_ENV
    elif root.tag == f"{{{SOAP12_ENV}}}Envelope":
        soap12, env = True, SOAP12_ENV
    else:
        raise bad_xml(f"Root element is not a SOAP Envelope: {root.tag}")
    header = root.find(f"{{{env}}}Header")
    body_el = root.find(f"{{{env}}}Body")
    if body_el is None:
        raise bad_xml("SOAP Body missing")
    children = [c for c in body_el if isinstance(c.tag, str)]
    if len(children) != 1:
        raise bad_xml("SOAP Body must contain exactly one element")
    param = children[0]
    qn = etree.QName(param)
    version = xsd.version_of(qn.namespace or "")
    if version is None or not qn.localname.endswith("Param"):
        raise bad_xml(f"Unknown operation element {param.tag}")
    op = qn.localname[: -len("Param")]
    if op not in xsd.OPERATIONS:
        raise bad_xml(f"Unknown operation element {param.tag}")
    return SoapRequest(soap12, version, op, {}, _credentials(header, qn.namespace or "", basic_auth), param,
                       qn.namespace or "")


def _text(el: etree._Element) -> str:
    return el.text or ""


def _credentials(header: etree._Element | None, namespace: str, basic_auth: str | None) -> Credentials:
    creds = Credentials()
    if header is not None:
        ns_ok = {xsd.NS_LEGACY, namespace}
        for h in header:
            if not isinstance(h.tag, str):
                continue
            qn = etree.QName(h)
            if qn.localname == "authHeader" and qn.namespace in ns_ok:
                for c in h:
                    if not isinstance(c.tag, str):
                        continue
                    name, val = etree.QName(c).localname, _text(c).strip()
                    if name == "user":
                        creds.user = val
                    elif name == "password":
                        creds.password = _text(c)
                    elif name == "locale":
                        creds.locale = val
                    elif name == "appName":
                        creds.app_name = val
                    elif name == "gzipResponse":
                        creds.gzip = val in ("true", "1")
                    elif name == "faultHttpStatusCode":
                        try:
                            code = int(val)
                        except ValueError:
                            code = 0
                        if 200 <= code <= 599:
                            creds.fault_status = code
            elif qn.namespace == xsd.WSDL_NS and qn.localname == "AuthUser":  # pre-3.8 form
                creds.user = _text(h).strip()
            elif qn.namespace == xsd.WSDL_NS and qn.localname == "AuthPassword":
                creds.password = _text(h)
    if not creds.user and basic_auth and basic_auth[:6].lower() == "basic ":
        try:
            user, sep, pw = base64.b64decode(basic_auth[6:].strip(), validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            user, sep, pw = "", "", ""
        if sep:
            creds.user, creds.password = user, pw
    return creds


def _convert(typ: str, raw: str, name: str) -> Any:
    try:
        if typ == "s":
            return raw
        if typ in ("i", "l"):
            return int(raw.strip())
        if typ == "d":
            return float(raw.strip())
        if typ == "b":
            v = raw.strip()
            if v in ("true", "1"):
                return True
            if v in ("false", "0"):
                return False
            raise ValueError(v)
        if typ == "dt":
            dt = dtparser.isoparse(raw.strip())
            if dt.tzinfo is None:
                dt = dt.replace(tzinfo=UTC)
            return dt.timestamp()
    except (ValueError, OverflowError):
        raise IpsFault.api(INVALID_PARAMETER, f"Invalid value for '{name}': {raw[:80]!r}") from None
    raise AssertionError(typ)


def decode_fields(version: str, fields: tuple[xsd.Field, ...], el: etree._Element, ns: str) -> dict[str, Any]:
    by_name = {f.name: f for f in fields}
    out: dict[str, Any] = {}
    for c in el:
        if not isinstance(c.tag, str):
            continue
        qn = etree.QName(c)
        f = by_name.get(qn.localname)
        if f is None or qn.namespace != ns:
            raise IpsFault.api(INVALID_PARAMETER, f"Unexpected element {c.tag} in {etree.QName(el).localname}")
        if f.simple:
            value = _convert(f.type, _text(c), f.name)
        else:
            value = decode_fields(version, xsd.TYPES[version][f.type], c, ns)
        if f.unbounded:
            out.setdefault(f.name, []).append(value)
        else:
            out[f.name] = value
    for f in fields:
        if f.min_occurs and f.name not in out:
            raise IpsFault.api(MISSING_PARAMETER, f"Missing required parameter '{f.name}'"
                               f" in {etree.QName(el).localname}")
    return out


def now_ts() -> float:
    return datetime.now(UTC).timestamp()
