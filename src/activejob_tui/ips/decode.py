"""Fast, tolerant decoding of the big IPS answers straight from bytes into model objects.

zeep's generic deserializer costs 20–50× the lxml parse of a big getActiveJobs answer (see
``benchmarks/decode.py``). Here one hardened lxml parse is followed by a single pass over each
element's children, driven by per-class tables derived once from the model dataclasses
(``model.naming.ips_fields`` + ``typing.get_type_hints``).

Rules, identical for every answer:

* Elements are matched by **local name**; any prefix works. The answer element must be in an IPS
  schema namespace, any version: ``…/IpsApi/xsd``, ``…/xsd/2016-01-14-beta``, ``…/xsd/<any>``
  (a foreign namespace is refused). SOAP 1.1 and 1.2 envelopes are accepted.
* Tolerant where zeep's strict mode is not: an unknown element is skipped; a missing field is
  ``None``; an unknown enumeration value becomes the enum's pseudo-member (``recognized`` False);
  an unparseable int/float/bool/date is ``None``. An empty string element is ``None`` (as in zeep).
* Dates are timezone-aware: parsed as ISO 8601 (``datetime.fromisoformat``, then
  ``dateutil.parser.isoparse``); **a date without a zone is taken as UTC** and made aware.
* Exactly one sub-job per job: the first known sub-job element, or the first other element whose
  local name ends in ``Job`` (kept as :class:`UnknownSubJob` with its raw children).
* An array without any ``items`` is ``None``, like an absent one (zeep does the same, so
  ``<taskProgressArray/>`` is None). Empty ``<items/>`` of a handle array are dropped.
* Option groups and unknown sub-jobs are kept as ``RawRecord``: (local name, text or nested
  record) pairs in document order; empty children are left out (zeep makes them None).
* Security: the parser never resolves entities, never loads a DTD, never touches the network and
  keeps lxml's size limits; **any document with a DOCTYPE is refused** (billion laughs, XXE).
* Every failure — not XML, not SOAP, no Body, a SOAP fault, the wrong answer element — is a
  :class:`MalformedResponse` with an operator-readable message; no other exception escapes.

:class:`ActiveJobsDecoder` (and its siblings) add a cache for repeated polls: the answer's
top-level ``<items>`` are cut out of the raw bytes, and an item whose bytes did not change since
the previous poll reuses the previous poll's object; only new or changed items are parsed.
"""

from __future__ import annotations

import dataclasses
import gc
import re
import threading
import typing
from collections.abc import Callable
from datetime import datetime
from enum import Enum
from typing import Any, ClassVar, Generic, TypeVar

from lxml import etree

from ..model import jobs as _jobs
from ..model.dates import parse_datetime
from ..model.jobs import (
    SUB_JOB_TYPES,
    ActiveJob,
    JobLog,
    ScheduledJob,
    UnknownSubJob,
)
from ..model.naming import ips_fields
from .errors import MalformedResponse

__all__ = [
    "ActiveJobsDecoder",
    "IncrementalDecoder",
    "JobLogsDecoder",
    "ScheduledJobsDecoder",
    "decode_active_jobs",
    "decode_job_logs",
    "decode_scheduled_jobs",
    "parse_date",
    "parse_xml",
    "raw_record",
]

T = TypeVar("T")

SOAP11_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12_ENV = "http://www.w3.org/2003/05/soap-envelope"
_SOAP_ENVS = frozenset((SOAP11_ENV, SOAP12_ENV))


IPS_NAMESPACE = "http://www.scene7.com/IpsApi/xsd"
"""The unversioned schema namespace; every version is ``IPS_NAMESPACE + "/" + version``."""


def _is_ips_namespace(ns: str) -> bool:
    """``…/IpsApi/xsd`` or any versioned ``…/IpsApi/xsd/<version>`` (http or https)."""
    if ns.startswith("https://"):
        ns = "http://" + ns[8:]
    return ns == IPS_NAMESPACE or (ns.startswith(IPS_NAMESPACE + "/") and len(ns) > len(IPS_NAMESPACE) + 1)


# --- hardened parsing ----------------------------------------------------------------------------


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


def _first_bytes(data: bytes, n: int = 60) -> str:
    head = bytes(data[:n]).decode("utf-8", "replace")
    head = "".join(ch if ch.isprintable() else " " for ch in head).strip()
    if not head:
        return "an empty answer" if not data else "only blank or unprintable bytes"
    return repr(head + ("…" if len(data) > n else ""))


def has_doctype(content: bytes) -> bool:
    """Whether an answer declares a DTD (entities, external references): a SOAP answer never does."""
    return b"<!DOCTYPE" in content


def doctype_refused(what: str) -> MalformedResponse:
    """The one sentence for a document with a DOCTYPE, whichever parser met it."""
    return MalformedResponse(
        f"{what} contains a DOCTYPE (entity or DTD declarations); refused for safety, nothing in it was read."
    )


def parse_xml(data: bytes, operation: str) -> etree._Element:
    """Parse ``data`` with the hardened parser; refuse a DOCTYPE; MalformedResponse on any error."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise MalformedResponse(f"The server's answer to {operation} is not bytes (got {type(data).__name__}).")
    data = bytes(data)
    if has_doctype(data):  # (the tree's docinfo is checked too, e.g. for UTF-16 input)
        raise doctype_refused(f"The server's answer to {operation}")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise MalformedResponse(
            f"The server's answer to {operation} is not XML, or is cut short "
            f"(it starts with {_first_bytes(data)}): {exc}"
        ) from None
    except Exception as exc:  # ValueError (e.g. unicode with encoding declaration), MemoryError…
        raise MalformedResponse(
            f"The server's answer to {operation} could not be parsed as XML ({_first_bytes(data)}): {exc}"
        ) from None
    if root is None:
        raise MalformedResponse(f"The server's answer to {operation} is empty.")
    try:
        docinfo = root.getroottree().docinfo
        if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
            raise doctype_refused(f"The server's answer to {operation}")
    except MalformedResponse:
        raise
    except Exception:  # pragma: no cover - docinfo is robust, but never let anything escape
        pass
    return root


def _local(tag: Any) -> str | None:
    if tag.__class__ is not str:
        return None
    return tag.rpartition("}")[2]


def _namespace(tag: str) -> str:
    return tag[1:].partition("}")[0] if tag[:1] == "{" else ""


def _find_fault_text(fault: etree._Element) -> str:
    texts: list[str] = []
    for el in fault.iter():
        local = _local(el.tag)
        if local in ("faultstring", "Text", "reason", "code") and el.text and el.text.strip():
            texts.append(f"{local}={el.text.strip()[:200]}")
    return "; ".join(texts[:4]) or "no details"


def _answer_element(root: etree._Element, operation: str, returns: tuple[str, ...]) -> etree._Element:
    """The ``<op>Return`` element inside Envelope/Body, checked; MalformedResponse otherwise."""
    tag = root.tag
    if _local(tag) != "Envelope" or _namespace(tag) not in _SOAP_ENVS:
        raise MalformedResponse(
            f"The server's answer to {operation} is XML but not a SOAP envelope "
            f"(root element {_local(tag) or '?'!r} in namespace {_namespace(tag) if isinstance(tag, str) else '?'!r})."
        )
    env_ns = _namespace(tag)
    body = None
    for child in root:
        if child.tag == f"{{{env_ns}}}Body":
            body = child
            break
    if body is None:
        raise MalformedResponse(f"The server's answer to {operation} is a SOAP envelope without a Body.")
    answer = None
    for child in body:
        if isinstance(child.tag, str):
            answer = child
            break
    if answer is None:
        raise MalformedResponse(f"The server's answer to {operation} has an empty SOAP Body.")
    local = _local(answer.tag)
    if local == "Fault" and _namespace(answer.tag) in _SOAP_ENVS:
        raise MalformedResponse(
            f"The server answered {operation} with a SOAP fault ({_find_fault_text(answer)}); "
            "faults are handled before decoding."
        )
    if local in returns and not _is_ips_namespace(_namespace(answer.tag)):
        raise MalformedResponse(
            f"The server's answer to {operation} is in the namespace {_namespace(answer.tag)!r}, which is "
            f"not an IPS API namespace ({IPS_NAMESPACE} or {IPS_NAMESPACE}/<version>)."
        )
    if local not in returns:
        raise MalformedResponse(
            f"The server's answer to {operation} carries {local!r} where {' or '.join(map(repr, returns))} was expected."
        )
    return answer


# --- scalar converters -----------------------------------------------------------------------------


_BOOLS = {"true": True, "1": True, "false": False, "0": False}


_DATE_CACHE: dict[str, datetime | None] = {}
"""Date text → datetime, for the dates many items share (a batch's start and trigger times). Kept small:
every poll brings new ``lastProgressUpdate`` texts, and a large cache only turns them into resident memory
(at 100,000 entries a 50-client soak grew ~0.2 MiB/min until the next clear)."""
_DATE_CACHE_MAX = 4096


def parse_date(text: str | None) -> datetime | None:
    """xsd:dateTime text → aware datetime (no zone → UTC), or None when unparseable."""
    if not text:
        return None
    cached = _DATE_CACHE.get(text)
    if cached is not None or text in _DATE_CACHE:
        return cached
    value = parse_datetime(text)
    if len(_DATE_CACHE) >= _DATE_CACHE_MAX:
        _DATE_CACHE.clear()
    _DATE_CACHE[text] = value
    return value


_LOCALS: dict[str, str] = {}
"""Clark tag (``{ns}local``) → local name; bounded (tags come from a small schema)."""


def _local_of(tag: Any) -> str | None:
    if tag.__class__ is not str:
        return None
    local = tag.rpartition("}")[2]
    if len(_LOCALS) < 4096:
        _LOCALS[tag] = local
    return local


def _handles(el: etree._Element) -> tuple[str, ...] | None:
    out = []
    seen = False
    locals_ = _LOCALS
    for child in el:
        tag = child.tag
        local = locals_.get(tag) or _local_of(tag)
        if local == "items":
            seen = True
            text = child.text
            if text is not None:
                out.append(text)
    return tuple(out) if seen else None


def raw_record(el: etree._Element) -> _jobs.RawRecord:
    """Children of ``el`` as (local name, text or nested record) pairs, in document order.

    Empty children (no text, no non-empty children) are left out, as zeep leaves them None.
    """
    out = []
    locals_ = _LOCALS
    for child in el:
        tag = child.tag
        local = locals_.get(tag) or _local_of(tag)
        if local is None:
            continue
        if len(child):
            nested = raw_record(child)
            if nested:
                out.append((local, nested))
        else:
            text = child.text
            if text is not None:
                out.append((local, text))
    return tuple(out)


# --- per-class tables ------------------------------------------------------------------------------

# Converter kinds, inlined in the hot loop (a function call per field costs more than a branch).
_STR, _CALL, _INT, _DATE, _ENUM, _BOOL, _FLOAT, _SUB = range(8)
_MISSING = object()

_Entry = tuple[str, int, Any]


class _ClassDecoder:
    """Decodes one element into one dataclass; table-driven, one pass over the children."""

    __slots__ = ("by_local", "by_tag", "cls", "sub_jobs")

    def __init__(self, cls: type) -> None:
        self.cls = cls
        self.by_local: dict[str, _Entry] = {}
        self.by_tag: dict[str, _Entry | None] = {}
        self.sub_jobs = any(f.name == "sub_job" for f in dataclasses.fields(cls))

    def build(self) -> None:
        hints = typing.get_type_hints(self.cls)
        for attr, element in ips_fields(self.cls):
            kind, conv = _converter_for(hints[attr])
            self.by_local[element] = (attr, kind, conv)
        if self.sub_jobs:
            for element, sub_cls in SUB_JOB_TYPES.items():
                self.by_local[element] = ("sub_job", _SUB, _decoder_for(sub_cls).decode)

    def resolve(self, tag: Any) -> _Entry | None:
        if tag.__class__ is not str:  # never for a parsed element (comments/PIs are removed)
            return None
        local = _local_of(tag)
        if local is None:
            return None
        entry = self.by_local.get(local)
        if entry is None and self.sub_jobs and local.endswith("Job"):
            entry = ("sub_job", _SUB, _unknown_sub_job)
        if len(self.by_tag) < 2048:
            self.by_tag[tag] = entry
        return entry

    def decode(self, el: etree._Element) -> Any:
        # The kinds are literals here (0 str, 1 call, 2 int, 3 date, 4 enum, 5 bool, 6 float,
        # 7 sub-job): a global lookup per branch is measurable at 500,000 elements.
        by_tag = self.by_tag
        dates = _DATE_CACHE
        kw: dict[str, Any] = {}
        for child in el:
            tag = child.tag
            try:
                entry = by_tag[tag]
            except KeyError:
                entry = self.resolve(tag)
            if entry is None:
                continue
            attr, kind, conv = entry
            if kind == 0:
                kw[attr] = child.text
            elif kind == 1:
                kw[attr] = conv(child)
            elif kind == 2:
                text = child.text
                if text is not None:
                    try:
                        kw[attr] = int(text)
                    except ValueError:
                        kw[attr] = None
            elif kind == 3:
                text = child.text
                if text is not None:
                    value = dates.get(text, dates)
                    kw[attr] = parse_date(text) if value is dates else value
            elif kind == 4:
                text = child.text
                if text is not None:
                    member = conv._value2member_map_.get(text)
                    kw[attr] = member if member is not None else _enum_value(conv, text)
            elif kind == 5:
                text = child.text
                if text is not None:
                    value = _BOOLS.get(text)
                    kw[attr] = value if value is not None else _BOOLS.get(text.strip())
            elif kind == 6:
                text = child.text
                if text is not None:
                    try:
                        kw[attr] = float(text)
                    except ValueError:
                        kw[attr] = None
            elif "sub_job" not in kw:  # 7: exactly one sub-job, the first one
                kw["sub_job"] = conv(child)
        return self.cls(**kw)


def _enum_value(cls: type[Enum], text: str) -> Any:
    try:
        return cls(text)
    except Exception:
        return None


def _unknown_sub_job(el: etree._Element) -> UnknownSubJob:
    return UnknownSubJob(element=_local_of(el.tag) or "", fields=raw_record(el))


_DECODERS: dict[type, _ClassDecoder] = {}


def _decoder_for(cls: type) -> _ClassDecoder:
    decoder = _DECODERS.get(cls)
    if decoder is None:
        decoder = _DECODERS[cls] = _ClassDecoder(cls)
        decoder.build()
    return decoder


def _array_of(cls: type) -> Callable[[etree._Element], tuple | None]:
    item_decoder = _decoder_for(cls)

    def convert(el: etree._Element) -> tuple | None:
        decode = item_decoder.decode
        locals_ = _LOCALS
        out = [decode(child) for child in el if (locals_.get(child.tag) or _local_of(child.tag)) == "items"]
        return tuple(out) if out else None

    return convert


def _is_raw_record(hint: Any) -> bool:
    args = typing.get_args(hint)
    if typing.get_origin(hint) is not tuple or len(args) != 2 or args[1] is not Ellipsis:
        return False
    inner = args[0]
    inner_args = typing.get_args(inner)
    return typing.get_origin(inner) is tuple and len(inner_args) == 2 and inner_args[0] is str


def _converter_for(hint: Any) -> tuple[int, Any]:
    """(kind, converter) for one annotated field; see the ``_STR``… kinds."""
    args = typing.get_args(hint)
    if type(hint).__name__ == "UnionType" or typing.get_origin(hint) is typing.Union:
        non_none = [a for a in args if a is not type(None)]
        if len(non_none) == 1:
            hint = non_none[0]
            args = typing.get_args(hint)
    if hint is str:
        return _STR, None
    if hint is bool:
        return _BOOL, None
    if hint is int:
        return _INT, None
    if hint is float:
        return _FLOAT, None
    if hint is datetime:
        return _DATE, None
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _ENUM, hint
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _CALL, _decoder_for(hint).decode
    if typing.get_origin(hint) is tuple:
        if args == (str, Ellipsis):
            return _CALL, _handles
        if _is_raw_record(hint):
            return _CALL, raw_record
        if len(args) == 2 and args[1] is Ellipsis and dataclasses.is_dataclass(args[0]):
            return _CALL, _array_of(args[0])
    raise TypeError(f"decode: no converter for field type {hint!r}")  # a model change: fail at import


# --- answers ---------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _Answer:
    operation: str
    returns: tuple[str, ...]
    array: str
    item_cls: type


_ACTIVE = _Answer("getActiveJobs", ("getActiveJobsReturn",), "jobArray", ActiveJob)
_SCHEDULED = _Answer("getScheduledJobs", ("getScheduledJobsReturn",), "jobArray", ScheduledJob)
_LOGS = _Answer("getJobLogs", ("getJobLogsReturn", "getJobLogDetailsReturn"), "jobLogArray", JobLog)


def _array_element(answer_el: etree._Element, spec: _Answer) -> etree._Element | None:
    for child in answer_el:
        if _local(child.tag) == spec.array:
            return child
    return None


def _decode_items(array_el: etree._Element | None, spec: _Answer) -> list:
    if array_el is None:
        return []
    decode = _decoder_for(spec.item_cls).decode
    return [decode(child) for child in array_el if _local(child.tag) == "items"]


def _decode_full(data: bytes, spec: _Answer) -> tuple[list, etree._Element | None]:
    with _no_gc():
        root = parse_xml(data, spec.operation)
        answer = _answer_element(root, spec.operation, spec.returns)
        array_el = _array_element(answer, spec)
        return _guard(spec, _decode_items, array_el, spec), array_el


def _guard(spec: _Answer, fn: Callable[..., T], *args: Any) -> T:
    """Run a decode step; anything unexpected becomes MalformedResponse (never another type)."""
    try:
        return fn(*args)
    except MalformedResponse:
        raise
    except RecursionError:
        raise MalformedResponse(f"The server's answer to {spec.operation} is nested too deeply.") from None
    except Exception as exc:  # a bug or an input we did not foresee: still one error family
        raise MalformedResponse(
            f"The server's answer to {spec.operation} could not be decoded ({type(exc).__name__}: {exc})."
        ) from None


def decode_active_jobs(data: bytes) -> list[ActiveJob]:
    """A whole getActiveJobs SOAP answer → the list of ActiveJob (``[]`` for an empty jobArray)."""
    return _decode_full(data, _ACTIVE)[0]


def decode_scheduled_jobs(data: bytes) -> list[ScheduledJob]:
    """A whole getScheduledJobs SOAP answer → the list of ScheduledJob."""
    return _decode_full(data, _SCHEDULED)[0]


def decode_job_logs(data: bytes) -> list[JobLog]:
    """A whole getJobLogs or getJobLogDetails SOAP answer → the list of JobLog.

    For getJobLogDetails each JobLog carries ``detail_total_rows`` (2016) and ``detail_array``.
    """
    return _decode_full(data, _LOGS)[0]


# --- incremental decoding of repeated polls --------------------------------------------------------

_NAME = rb"[A-Za-z_][\w.\-]*"
_XMLDECL = re.compile(rb"\s*<\?xml[^>]*\?>")
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._\-]+)["']""")
_ATTRS = re.compile(rb"""(?:\s+[\w:.\-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*\s*""")
"""A well-formed attribute list (so the '>' that ended a tag match is not inside a value)."""
_FIRST_ITEM = re.compile(rb"\s*<(" + _NAME + rb":)?items>")
_ASCII_COMPATIBLE = frozenset(
    (b"utf-8", b"utf8", b"us-ascii", b"ascii", b"iso-8859-1", b"latin-1", b"latin1")
)


def _markup_decl(data: bytes, start: int, end: int) -> bool:
    """Whether ``data[start:end]`` holds ``<!`` or ``<?`` (comment, CDATA, DOCTYPE, PI).

    Scans for the rare ``!``/``?`` bytes (memchr speed) and looks one byte back, which is several
    times faster than searching for the two-byte strings in a 20 MB answer.
    """
    for mark in (b"!", b"?"):
        i = data.find(mark, start, end)
        while i >= 0:
            if i > 0 and data[i - 1] == 60:  # b"<"
                return True
            i = data.find(mark, i + 1, end)
    return False


class _Cut:
    """Where the top-level ``<items>`` of one answer are, found by scanning its bytes."""

    __slots__ = ("encoding", "skeleton", "slices", "tags")

    def __init__(self, skeleton: bytes, slices: list[bytes], encoding: bytes, tags: tuple[bytes, ...]) -> None:
        self.skeleton = skeleton
        self.slices = slices
        self.encoding = encoding
        self.tags = tags  # (b"<P:items", b"<P:items>", b"<P:items/>", b"</P:items", b"</P:items>")

    def piece_ok(self, piece: bytes) -> bool:
        """A new piece: no comment/CDATA/PI, and balanced (see :meth:`balanced`)."""
        return not _markup_decl(piece, 0, len(piece)) and self.balanced(piece)

    def balanced(self, piece: bytes) -> bool:
        """True when ``piece`` is a run of complete <items> elements at the top level.

        Every item tag of this prefix is counted (comments, CDATA and PIs were excluded, and ``<``
        cannot occur in text or attribute values), and only attribute-free tags are accepted.
        """
        any_open, open_, empty, any_close, close = self.tags
        n_open = piece.count(open_)
        return (
            piece.count(any_open) == n_open + piece.count(empty)
            and piece.count(any_close) == piece.count(close) == n_open
        )


class IncrementalDecoder(Generic[T]):
    """Decodes repeated answers of one operation, reusing the objects of unchanged items.

    How: the answer's top-level ``<items>`` are cut out of the raw bytes. Each starts where an
    ``<P:items>`` tag is directly followed by the item type's first element (``companyHandle`` for
    jobs and job logs), and each cut piece must hold as many ``<P:items>`` tags as ``</P:items>``
    tags, so it is a run of whole elements. The first answer is decoded in full and the cut is
    accepted only if it yields exactly as many pieces as the full parse found items. Later, a piece
    whose bytes equal a piece of the previous answer reuses that answer's object; the new or
    changed pieces are parsed together in one small document that re-declares the answer's
    namespaces, and must yield one ``items`` element each. The skeleton (the answer without its
    items) is parsed on its own whenever it changes, so a broken envelope is still refused. Any
    doubt (comments, CDATA, attributes on items, an unusual encoding…) falls back to the full
    decode. The result always equals ``decode_*`` of the same bytes.

    Not thread-safe: use one decoder per poller (decode one answer at a time).
    """

    spec: ClassVar[_Answer]
    first_field: ClassVar[bytes] = b"companyHandle"

    def __init__(self) -> None:
        self._cache: dict[bytes, T] = {}
        self._skeleton: bytes | None = None
        self._wrap_open: bytes = b""
        self._wrap_close: bytes = b""
        self.last_stats: dict[str, Any] = {}
        """How the last answer was decoded: ``{"mode": "full"|"incremental", "items", "parsed"}``."""

    def reset(self) -> None:
        """Forget the previous answer (the next one is decoded in full)."""
        self._cache = {}
        self._skeleton = None

    def decode(self, data: bytes) -> list[T]:
        """A whole SOAP answer → model objects; MalformedResponse for anything else."""
        if isinstance(data, (bytearray, memoryview)):
            data = bytes(data)
        with _no_gc():
            if self._skeleton is not None and isinstance(data, bytes):
                try:
                    result = self._decode_incremental(data)
                except Exception:  # any doubt: the full path gives the authoritative answer
                    result = None
                if result is not None:
                    return result
            return self._decode_full_and_index(data)

    # -- full path ----------------------------------------------------------------------------

    def _decode_full_and_index(self, data: bytes) -> list[T]:
        spec = self.spec
        self._cache = {}
        self._skeleton = None
        items, array_el = _decode_full(data, spec)
        self.last_stats = {"mode": "full", "items": len(items), "parsed": len(items)}
        if array_el is None or not items:
            return items
        cut = self._checked_cut(data)
        if cut is None or len(cut.slices) != len(items):
            return items
        try:
            self._wrap_open, self._wrap_close = self._wrapper(cut.skeleton, cut.encoding)
        except Exception:
            return items
        self._cache = dict(zip(cut.slices, items))
        self._skeleton = cut.skeleton
        return items

    def _checked_cut(self, data: bytes) -> _Cut | None:
        """The cut of a first answer, each piece checked to be a run of whole elements."""
        try:
            cut = self._cut(data, whole=True)
            if cut is None:
                return None
            open_, close = cut.tags[1], cut.tags[4]
            if not all(piece.count(open_) == piece.count(close) for piece in cut.slices):
                return None
            return cut
        except Exception:
            return None

    # -- the byte-level cut ---------------------------------------------------------------------

    def _cut(self, data: bytes, whole: bool) -> _Cut | None:
        """The top-level item pieces, or None when in doubt.

        ``whole``: also check the pieces themselves (first poll); otherwise only the head and the
        tail are checked here and each new piece is checked by :meth:`_Cut.piece_ok`.
        """
        array = self.spec.array.encode()
        head_match = re.search(rb"<(" + _NAME + rb":)?" + array + rb"(?=[\s/>])([^>]*)>", data)
        if head_match is None or head_match.group(2).endswith(b"/"):
            return None  # no array, or an empty one: nothing to reuse
        if _ATTRS.fullmatch(head_match.group(2)) is None:
            return None
        open_end = head_match.end()
        close_tag = b"</" + (head_match.group(1) or b"") + array
        close_start = data.rfind(close_tag)
        if close_start < open_end or data.find(close_tag, open_end) != close_start:
            return None
        # Markup that could hide or fake an item tag (comments, CDATA, PIs, DOCTYPE): doubt.
        if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:3] == b"\xef\xbb\xbf" or data[:1] == b"\x00":
            return None  # UTF-16/32 and BOMs: leave those documents to the full path
        decl = _XMLDECL.match(data)
        if _markup_decl(data, decl.end() if decl else 0, open_end) or _markup_decl(data, close_start, len(data)):
            return None
        if whole and _markup_decl(data, open_end, close_start):
            return None
        encoding = b"utf-8"
        if decl is not None:
            enc = _ENCODING.search(decl.group(0))
            if enc is not None:
                encoding = enc.group(1).lower()
        if encoding not in _ASCII_COMPATIBLE:
            return None
        first = _FIRST_ITEM.match(data, open_end, close_start)
        if first is None:
            return None
        prefix = first.group(1) or b""
        starts_re = re.compile(
            rb"<" + re.escape(prefix) + rb"items>\s*<(?:" + _NAME + rb":)?" + self.first_field + rb"[\s/>]"
        )
        starts = [m.start() for m in starts_re.finditer(data, open_end, close_start)]
        if not starts or starts[0] != first.end() - len(prefix) - 7:
            return None
        p = b"<" + prefix + b"items"
        c = b"</" + prefix + b"items"
        tags = (p, p + b">", p + b"/>", c, c + b">")
        starts.append(close_start)
        # A piece ends at its last '>': the whitespace between items is not part of the key, so a
        # server that re-indents its answer still hits the cache. Anything else there is doubt.
        rfind = data.rfind
        ends = [rfind(b">", a, b) + 1 for a, b in zip(starts, starts[1:])]
        for e, b in zip(ends, starts[1:]):
            if e < b and data[e:b].strip(b" \t\r\n"):
                return None
        slices = [data[a:e] for a, e in zip(starts, ends)]
        return _Cut(data[:open_end] + data[close_start:], slices, encoding, tags)

    def _wrapper(self, skeleton: bytes, encoding: bytes) -> tuple[bytes, bytes]:
        """A root element that declares every namespace in scope at the array element.

        Parsing the skeleton (the answer without its items) also checks the envelope.
        """
        root = parse_xml(skeleton, self.spec.operation)
        answer = _answer_element(root, self.spec.operation, self.spec.returns)
        array_el = _array_element(answer, self.spec)
        if array_el is None:
            raise MalformedResponse("no array in the skeleton")
        decls = []
        for prefix, uri in array_el.nsmap.items():
            attr = "xmlns" if prefix is None else f"xmlns:{prefix}"
            quoted = uri.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
            decls.append(f' {attr}="{quoted}"')
        enc = encoding.decode("ascii")
        return (
            f'<?xml version="1.0" encoding="{enc}"?>\n<_w{"".join(decls)}>'.encode(enc),
            b"</_w>",
        )

    # -- steady path ----------------------------------------------------------------------------

    def _decode_incremental(self, data: bytes) -> list[T] | None:
        cut = self._cut(data, whole=False)
        if cut is None:
            return None
        slices = cut.slices
        cache = self._cache
        get = cache.get
        out: list[Any] = list(map(get, slices))
        missing = [i for i, obj in enumerate(out) if obj is None]
        if cut.skeleton != self._skeleton:
            # A different envelope: parse and check it on its own (raises MalformedResponse).
            self._wrap_open, self._wrap_close = self._wrapper(cut.skeleton, cut.encoding)
            self._skeleton = cut.skeleton
        parsed = 0
        if missing:
            unique = list(dict.fromkeys(slices[i] for i in missing))
            if not all(map(cut.piece_ok, unique)):
                return None
            root = parse_xml(self._wrap_open + b"".join(unique) + self._wrap_close, self.spec.operation)
            children = list(root)
            if len(children) != len(unique) or any(_local_of(c.tag) != "items" for c in children):
                return None
            decode = _decoder_for(self.spec.item_cls).decode
            fresh = dict(zip(unique, _guard(self.spec, lambda: [decode(c) for c in children])))
            for i in missing:
                out[i] = fresh[slices[i]]
            parsed = len(unique)
        self._cache = dict(zip(slices, out))
        self.last_stats = {"mode": "incremental", "items": len(out), "parsed": parsed}
        return out


class _no_gc:
    """Pause the cyclic GC while decoding: the new objects hold no cycles, and a collection per
    few hundred allocations (tens of thousands here) costs a third of the decode time."""

    __slots__ = ("was",)

    def __enter__(self) -> None:
        self.was = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc: object) -> None:
        if self.was:
            gc.enable()


class ActiveJobsDecoder(IncrementalDecoder[ActiveJob]):
    """Repeated getActiveJobs answers → list[ActiveJob], reusing unchanged jobs' objects."""

    spec = _ACTIVE


class ScheduledJobsDecoder(IncrementalDecoder[ScheduledJob]):
    """Repeated getScheduledJobs answers → list[ScheduledJob]."""

    spec = _SCHEDULED


class JobLogsDecoder(IncrementalDecoder[JobLog]):
    """Repeated getJobLogs / getJobLogDetails answers → list[JobLog]."""

    spec = _LOGS


# Build every table at import: a model field without a converter fails here, not mid-poll.
for _cls in (ActiveJob, ScheduledJob, JobLog):
    _decoder_for(_cls)
del _cls
