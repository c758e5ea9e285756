"""Reading an HTTP answer before any parser sees it, and parsing XML safely.

One transport-level reading is shared by both readers of answers (zeep for faults and the small
answers, :mod:`.decode` for the big ones), so every quirk of a real server is handled once
(IPS_JOBS_API.md §10):

* **MTOM/XOP.** A ``multipart/related`` answer (``type="application/xop+xml"``, as Axis2 sends
  when MTOM is on) is reduced to its root part: the part named by the ``start`` parameter, else
  the first one (XOP, W3C 2005 §4). The parts are split with ``requests_toolbelt``'s
  ``MultipartDecoder``, the splitter zeep itself uses. ``xop:Include`` references are not
  resolved: no job operation answers with binary data.
* **Charset (RFC 7303).** A byte order mark wins; then the document's own XML declaration; then
  the ``charset`` of the Content-Type (of the root part, for MTOM); then UTF-8. A document in
  another charset that declares none is re-encoded to UTF-8 here, so both parsers read it.
* **HTML.** A page of a proxy, an SSO login or a servlet container (``<!DOCTYPE html>``,
  ``<html>``), at any status, is named by its ``<title>`` and never parsed: no DTD is ever read.
* **Safety.** :func:`parse_xml` never resolves entities, never loads a DTD, never touches the
  network and keeps lxml's size limits; any document with a DOCTYPE is refused.

Every failure is a :class:`~.errors.MalformedResponse` with an operator's sentence.
"""

from __future__ import annotations

import codecs
import re
import threading
from collections.abc import Mapping
from email.message import Message
from typing import Any

from lxml import etree
from requests_toolbelt.multipart.decoder import MultipartDecoder

from ..i18n import _
from ..model.text import printable
from .errors import MalformedResponse

__all__ = [
    "IPS_NAMESPACE",
    "SOAP11_ENV",
    "SOAP12_ENV",
    "doctype_refused",
    "find",
    "has_doctype",
    "html_title",
    "is_ips_namespace",
    "parse_xml",
    "read_answer",
]

SOAP11_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12_ENV = "http://www.w3.org/2003/05/soap-envelope"
SOAP_ENVS = frozenset((SOAP11_ENV, SOAP12_ENV))

IPS_NAMESPACE = "http://www.scene7.com/IpsApi/xsd"
"""The unversioned schema namespace; every version is ``IPS_NAMESPACE + "/" + version``."""


def is_ips_namespace(ns: str) -> bool:
    """``…/IpsApi/xsd`` or any versioned ``…/IpsApi/xsd/<version>`` (http or https), §1.4 and §10."""
    if ns.startswith("https://"):
        ns = "http://" + ns[8:]
    return ns == IPS_NAMESPACE or (ns.startswith(IPS_NAMESPACE + "/") and len(ns) > len(IPS_NAMESPACE) + 1)


# --- the HTTP answer ------------------------------------------------------------------------------

_HTML_START = re.compile(rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])",
                         re.IGNORECASE | re.DOTALL)
_HTML_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_XML_DECL = re.compile(rb"""<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._\-]+)["']""")
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
_UTF8_NAMES = frozenset(("utf-8", "utf8", "us-ascii", "ascii"))


def _content_type(value: str | None) -> Message:
    """A parsed Content-Type header (type and parameters), via the standard library's MIME parser."""
    msg = Message()
    msg["Content-Type"] = value or "text/xml"
    return msg


def html_title(content: bytes) -> str | None:
    """The ``<title>`` of an HTML page (escaped for display; ``""`` when it has none), or None when
    ``content`` is not an HTML page. Found with a regular expression: the page is never parsed."""
    if _HTML_START.match(content, 0) is None:
        return None
    found = _HTML_TITLE.search(content, 0, 65536)
    if found is None:
        return ""
    return printable(" ".join(found.group(1).decode("utf-8", "replace").split())[:120])


def html_page(operation: str, status: int, title: str) -> MalformedResponse:
    """The sentence for an HTML page where a SOAP answer was expected."""
    page = _("an HTML page ('{title}')").format(title=title) if title else _("an HTML page")
    if status != 200:
        return MalformedResponse(_("The server answered {operation} with HTTP {status} and {page}.").format(operation=operation, status=status, page=page))
    return MalformedResponse(
        _("The server answered {operation} with {page}, not SOAP — is the WSDL/endpoint URL right, or is a proxy asking you to log in?").format(operation=operation, page=page)
    )


def _root_part(operation: str, content: bytes, content_type: str) -> tuple[bytes, str | None]:
    """(body, Content-Type) of the root part of a ``multipart/related`` (MTOM/XOP) answer."""
    try:
        parts = MultipartDecoder(content, content_type).parts
    except Exception as exc:  # noqa: BLE001 - ImproperBodyPartContentException, NonMultipartContentTypeException…
        raise MalformedResponse(
            _("The server's answer to {operation} is a multipart (MTOM) answer that could not be split: {kind}.").format(operation=operation, kind=type(exc).__name__)
        ) from None
    if not parts:
        raise MalformedResponse(_("The server's answer to {operation} is a multipart (MTOM) answer without parts.").format(operation=operation))
    start = _content_type(content_type).get_param("start")
    root = parts[0]
    if isinstance(start, str) and start:
        for part in parts:
            if part.headers.get(b"Content-ID", b"").decode("latin-1").strip() == start.strip():
                root = part
                break
    part_type = root.headers.get(b"Content-Type")
    return root.content, part_type.decode("latin-1") if part_type else None


def _declared_encoding(content: bytes) -> bool:
    """Whether the document itself says its encoding: a BOM, or an XML declaration with ``encoding``."""
    if content.startswith(_BOMS):
        return True
    return _XML_DECL.match(content.lstrip(b" \t\r\n")[:200]) is not None


def _recode(operation: str, content: bytes, charset: str) -> bytes:
    """``content`` in ``charset`` (from HTTP; the document declares none) → UTF-8 bytes."""
    try:
        codec = codecs.lookup(charset)
    except LookupError:
        raise MalformedResponse(
            _("The server's answer to {operation} is labelled with the unknown charset {value1!r}.").format(operation=operation, value1=printable(charset))
        ) from None
    if codec.name in ("utf-8", "ascii"):
        return content
    try:
        return content.decode(codec.name).encode("utf-8")
    except UnicodeDecodeError as exc:
        raise MalformedResponse(
            _("The server's answer to {operation} is not valid {value1}, the charset it is labelled with (byte {start}).").format(operation=operation, value1=printable(charset), start=exc.start)
        ) from None


def read_answer(operation: str, status: int, headers: Mapping[str, str], content: bytes) -> bytes:
    """The XML document an HTTP answer carries, as bytes a parser reads correctly.

    ``headers`` is any case-insensitive mapping (``httpx.Headers``). Returns the body itself, the
    root part of an MTOM/XOP answer, or the body re-encoded to UTF-8 when its HTTP charset is not
    UTF-8 and the document declares none. Raises MalformedResponse for a redirect and for an HTML
    page (named by its title). Faults and other statuses are left to the caller.
    """
    if 300 <= status < 400:
        raise MalformedResponse(
            _("The server redirected {operation} (HTTP {status}); point --endpoint at the final address.").format(operation=operation, status=status)
        )
    content_type = headers.get("content-type") or "text/xml"
    parsed = _content_type(content_type)
    if parsed.get_content_type() == "multipart/related":
        content, part_type = _root_part(operation, content, content_type)
        parsed = _content_type(part_type)
    title = html_title(content)
    if title is not None:
        raise html_page(operation, status, title)
    charset = parsed.get_param("charset")
    if isinstance(charset, str) and charset.strip().lower() not in _UTF8_NAMES and not _declared_encoding(content):
        return _recode(operation, content, charset.strip())
    return content


# --- hardened parsing ------------------------------------------------------------------------------


def _new_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_blank_text=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )


_LOCAL = threading.local()


def _parser() -> etree.XMLParser:
    """One parser per thread (a shared lxml parser serialises concurrent parses)."""
    parser = getattr(_LOCAL, "parser", None)
    if parser is None:
        parser = _LOCAL.parser = _new_parser()
    return parser


def first_bytes(data: bytes, n: int = 60) -> str:
    """The start of ``data`` for an error message: printable characters only, quoted."""
    head = bytes(data[:n]).decode("utf-8", "replace")
    head = "".join(ch if ch.isprintable() else " " for ch in head).strip()
    if not head:
        return "an empty answer" if not data else "only blank or unprintable bytes"
    return repr(head + ("…" if len(data) > n else ""))


WINDOW = 1 << 20
"""Bytes searched per C call in a long search (:func:`find`)."""


def find(data: bytes, sub: bytes, start: int, end: int) -> int:
    """``data.find(sub, start, end)``, searched a window at a time: one search over a whole 79 MB
    answer (50,000 jobs) holds the interpreter lock for 60–100 ms, during which the console's UI
    thread cannot run; between windows it can."""
    step = max(WINDOW, 2 * len(sub))
    while start < end:
        stop = min(end, start + step)
        i = data.find(sub, start, min(end, stop + len(sub) - 1))
        if i >= 0:
            return i
        start = stop
    return -1


def has_doctype(content: bytes) -> bool:
    """Whether an answer declares a DTD (entities, external references): a SOAP answer never does."""
    return find(content, b"<!DOCTYPE", 0, len(content)) >= 0


def doctype_refused(operation: str) -> MalformedResponse:
    """The one sentence for an answer to ``operation`` with a DOCTYPE, whichever parser met it."""
    return MalformedResponse(
        _("The server's answer to {operation} contains a DOCTYPE (entity or DTD declarations); refused for safety, "
          "nothing in it was read.").format(operation=operation)
    )


def parse_xml(data: Any, operation: str, markup_scanned: bool = False) -> etree._Element:
    """Parse ``data`` with the hardened parser; refuse a DOCTYPE; MalformedResponse on any error.

    ``markup_scanned``: the caller built ``data`` from bytes it proved free of ``<!`` (``ips.cut``'s
    whole cut), so the search for a DOCTYPE is skipped; the tree's docinfo is still checked."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise MalformedResponse(_("The server's answer to {operation} is not bytes (got {kind}).").format(operation=operation, kind=type(data).__name__))
    data = bytes(data)
    if not markup_scanned and has_doctype(data):  # (the tree's docinfo is checked too, e.g. for UTF-16 input)
        raise doctype_refused(operation)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise MalformedResponse(
            _("The server's answer to {operation} is not XML, or is cut short (it starts with {value1}): {exc}").format(operation=operation, value1=first_bytes(data), exc=exc)
        ) from None
    except Exception as exc:  # noqa: BLE001 - ValueError (e.g. unicode with encoding declaration), MemoryError…
        raise MalformedResponse(
            _("The server's answer to {operation} could not be parsed as XML ({value1}): {exc}").format(operation=operation, value1=first_bytes(data), exc=exc)
        ) from None
    if root is None:
        raise MalformedResponse(_("The server's answer to {operation} is empty.").format(operation=operation))
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise doctype_refused(operation)
    return root


def local_name(tag: Any) -> str | None:
    """``{ns}local`` → ``local``; None for a comment's or PI's tag."""
    if tag.__class__ is not str:
        return None
    return tag.rpartition("}")[2]


def namespace_of(tag: str) -> str:
    """``{ns}local`` → ``ns`` (``""`` without a namespace)."""
    return tag[1:].partition("}")[0] if tag[:1] == "{" else ""


def soap_body_child(root: etree._Element, operation: str) -> etree._Element:
    """The first element in a SOAP 1.1 or 1.2 Envelope's Body; MalformedResponse otherwise."""
    tag = root.tag
    if local_name(tag) != "Envelope" or namespace_of(tag) not in SOAP_ENVS:
        raise MalformedResponse(
            _("The server's answer to {operation} is XML but not a SOAP envelope (root element {value1!r} in namespace {value2!r}).").format(operation=operation, value1=local_name(tag) or '?', value2=namespace_of(tag) if isinstance(tag, str) else '?')
        )
    body = root.find(f"{{{namespace_of(tag)}}}Body")
    if body is None:
        raise MalformedResponse(_("The server's answer to {operation} is a SOAP envelope without a Body.").format(operation=operation))
    for child in body:
        if isinstance(child.tag, str):
            return child
    raise MalformedResponse(_("The server's answer to {operation} has an empty SOAP Body.").format(operation=operation))
