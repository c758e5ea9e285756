"""Fast, tolerant, table-driven decoding of the big IPS answers into model objects.

zeep's generic deserializer costs 20–50× the lxml parse of a big getActiveJobs answer (see
``benchmarks/decode.py``). Here one hardened lxml parse (:func:`.wire.parse_xml`) is followed by a
single pass over each element's children, driven by per-class tables derived once from the model
dataclasses (their ``model.schema`` description). The bytes given here are
what :func:`.wire.read_answer` made of the HTTP answer (MTOM root part, charset); repeated polls
reuse unchanged items through :mod:`.incremental`.

Rules, identical for every answer:

* Elements are matched by **local name**; any prefix works. The answer element must be in an IPS
  schema namespace, any version: ``…/IpsApi/xsd``, ``…/xsd/2016-01-14-beta``, ``…/xsd/<any>``
  (a foreign namespace is refused). SOAP 1.1 and 1.2 envelopes are accepted.
* Tolerant where zeep's strict mode is not: an unknown element is skipped; a missing field is
  ``None``; an unknown enumeration value becomes the enum's pseudo-member (``recognized`` False);
  an unparseable int/float/bool/date is ``None``.
* **Empty is unknown** (IPS_JOBS_API.md §10: real servers send ``<progressMessage/>``,
  ``<urlArray/>``, ``<mediaOptions/>`` … instead of leaving them out): an empty element of any
  kind — string, number, array, option group, nested record — is ``None``, exactly like an absent
  one. An array without any ``items`` is ``None``, never ``()``.
* Dates are timezone-aware: parsed as ISO 8601 (``datetime.fromisoformat``, then
  ``dateutil.parser.isoparse``); **a date without a zone is taken as UTC** and made aware.
* Exactly one sub-job per job: the first known sub-job element, or the first other element whose
  local name ends in ``Job`` (kept as :class:`UnknownSubJob` with its raw children).
* Option groups and unknown sub-jobs are kept as ``RawRecord``: (local name, text or nested
  record) pairs in document order; empty children are left out.
* Every failure — not XML, not SOAP, no Body, a SOAP fault, the wrong answer element — is a
  :class:`MalformedResponse` with an operator-readable message; no other exception escapes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

from lxml import etree

from ..i18n import _
from ..model.jobs import (
    SUB_JOB_TYPES,
    ActiveJob,
    JobLog,
    ScheduledJob,
    UnknownSubJob,
)
from ..model.lazy import Pending, lazy_names
from ..model.schema import FieldSpec, schema
from .convert import (
    BOOLS,
    DATE_CACHE,
    LOCALS,
    Members,
    enum_value,
    handles,
    local_of,
    parse_date,
    raw_record,
    raw_record_or_none,
)
from .errors import MalformedResponse
from .wire import IPS_NAMESPACE, SOAP_ENVS, is_ips_namespace, local_name, namespace_of, parse_xml, soap_body_child

__all__ = [
    "decode_active_jobs",
    "decode_job_logs",
    "decode_scheduled_jobs",
    "parse_date",
    "parse_xml",
    "raw_record",
]

T = TypeVar("T")


def answer_element(root: etree._Element, operation: str, returns: tuple[str, ...]) -> etree._Element:
    """The ``<op>Return`` element inside Envelope/Body, checked; MalformedResponse otherwise."""
    answer = soap_body_child(root, operation)
    local = local_name(answer.tag)
    if local == "Fault" and namespace_of(answer.tag) in SOAP_ENVS:
        raise MalformedResponse(
            _("The server answered {operation} with a SOAP fault; faults are read before decoding.").format(operation=operation)
        )
    if local in returns and not is_ips_namespace(namespace_of(answer.tag)):
        raise MalformedResponse(
            _("The server's answer to {operation} is in the namespace {value1!r}, which is not an IPS API namespace ({IPS_NAMESPACE} or {IPS_NAMESPACE}/<version>).").format(operation=operation, value1=namespace_of(answer.tag), IPS_NAMESPACE=IPS_NAMESPACE)
        )
    if local not in returns:
        raise MalformedResponse(
            _("The server's answer to {operation} carries {local!r} where {value1} was expected.").format(operation=operation, local=local, value1=' or '.join(map(repr, returns)))
        )
    return answer


# --- per-class tables ------------------------------------------------------------------------------

# Converter kinds, inlined in the hot loop (a function call per field costs more than a branch).
_STR, _CALL, _INT, _DATE, _ENUM, _BOOL, _FLOAT, _SUB, _DEFER = range(9)

_Entry = tuple[str, int, Any]


class _ClassDecoder:
    """Decodes one element into one dataclass; table-driven, one pass over the children."""

    __slots__ = ("by_local", "by_tag", "cls", "defer", "sub_jobs")

    def __init__(self, cls: type, defer: frozenset[str] = frozenset()) -> None:
        self.cls = cls
        self.defer = defer
        """Attributes left as one ``model.lazy.Pending`` per record (:mod:`.lazy` binds and resolves it)."""
        self.by_local: dict[str, _Entry] = {}
        self.by_tag: dict[str, _Entry | None] = {}
        self.sub_jobs = any(f.name == "sub_job" for f in dataclasses.fields(cls))

    def build(self) -> None:
        """Fill the tables: one entry per IPS element of the class (``model.schema``)."""
        for spec in schema(self.cls):
            if spec.kind != "sub_job":
                kind, conv = _converter_for(spec)
                self.by_local[spec.ips_name] = (spec.name, kind, conv)
        if self.sub_jobs:
            for element, sub_cls in SUB_JOB_TYPES.items():
                self.by_local[element] = ("sub_job", _SUB, decoder_for(sub_cls).decode)
        for element, (attr, _kind, _conv) in list(self.by_local.items()):
            if attr in self.defer:
                self.by_local[element] = (attr, _DEFER, None)

    def resolve(self, tag: Any) -> _Entry | None:
        """The table entry of a tag seen for the first time (an unknown ``…Job`` is a sub-job); cached by tag."""
        if tag.__class__ is not str:  # never for a parsed element (comments/PIs are removed)
            return None
        local = local_of(tag)
        if local is None:
            return None
        entry = self.by_local.get(local)
        if entry is None and self.sub_jobs and local.endswith("Job"):
            entry = ("sub_job", _DEFER, None) if "sub_job" in self.defer else ("sub_job", _SUB, _unknown_sub_job)
        if len(self.by_tag) < 2048:
            self.by_tag[tag] = entry
        return entry

    def decode(self, el: etree._Element) -> Any:
        """One element → one instance of the class: unknown children skipped, absent and empty ones None."""
        # The kinds are literals here (0 str, 1 call, 2 int, 3 date, 4 enum, 5 bool, 6 float,
        # 7 sub-job, 8 deferred): a global lookup per branch is measurable at 500,000 elements.
        by_tag = self.by_tag
        dates = DATE_CACHE
        kw: dict[str, Any] = {}
        pending = None
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
                    member = conv.get(text)
                    kw[attr] = member if member is not None else enum_value(conv.enum, text)
            elif kind == 5:
                text = child.text
                if text is not None:
                    flag = BOOLS.get(text)
                    kw[attr] = flag if flag is not None else BOOLS.get(text.strip())
            elif kind == 6:
                text = child.text
                if text is not None:
                    try:
                        kw[attr] = float(text)
                    except ValueError:
                        kw[attr] = None
            elif kind == 7:
                if "sub_job" not in kw:  # exactly one sub-job, the first one
                    kw["sub_job"] = conv(child)
            else:  # 8: a nested part decoded on first read (ips.lazy), one Pending per record
                if pending is None:
                    pending = Pending()
                kw[attr] = pending
        return self.cls(**kw)


def _record_or_none(decode: Callable[[etree._Element], Any]) -> Callable[[etree._Element], Any]:
    """A nested record; None when its element has no children (``<autoSetCreationOptions/>``, §10)."""

    def convert(el: etree._Element) -> Any:
        return decode(el) if len(el) else None

    return convert


def _unknown_sub_job(el: etree._Element) -> UnknownSubJob:
    return UnknownSubJob(element=local_of(el.tag) or "", fields=raw_record(el))


_DECODERS: dict[type, _ClassDecoder] = {}


def decoder_for(cls: type) -> _ClassDecoder:
    """The (cached) table-driven decoder of one model dataclass; built on first use."""
    decoder = _DECODERS.get(cls)
    if decoder is None:
        decoder = _DECODERS[cls] = _ClassDecoder(cls)
        decoder.build()
    return decoder


_TOP_DECODERS: dict[type, _ClassDecoder] = {}


def top_level_decoder_for(cls: type) -> _ClassDecoder:
    """The decoder of ``cls`` that leaves its lazy fields (``model.lazy``) as one ``Pending``.

    For a class without lazy fields it is :func:`decoder_for`'s decoder.
    """
    decoder = _TOP_DECODERS.get(cls)
    if decoder is None:
        names = frozenset(lazy_names(cls))
        if not names:
            decoder = decoder_for(cls)
        else:
            decoder = _ClassDecoder(cls, names)
            decoder.build()
        _TOP_DECODERS[cls] = decoder
    return decoder


def _array_of(cls: type) -> Callable[[etree._Element], tuple | None]:
    item_decoder = decoder_for(cls)

    def convert(el: etree._Element) -> tuple | None:
        decode = item_decoder.decode
        locals_ = LOCALS
        out = [decode(child) for child in el if (locals_.get(child.tag) or local_of(child.tag)) == "items"]
        return tuple(out) if out else None

    return convert


def _converter_for(spec: FieldSpec) -> tuple[int, Any]:
    """(kind, converter) for one field, from its ``model.schema`` description; see the ``_STR``… kinds."""
    kind = spec.kind
    simple = {"text": _STR, "bool": _BOOL, "int": _INT, "float": _FLOAT, "datetime": _DATE}
    if kind in simple:
        return simple[kind], None
    if kind == "enum":
        return _ENUM, Members(spec.item)
    if kind == "record":
        return _CALL, _record_or_none(decoder_for(spec.item).decode)
    if kind == "handles":
        return _CALL, handles
    if kind == "raw_record":
        return _CALL, raw_record_or_none
    if kind == "array":
        return _CALL, _array_of(spec.item)
    raise TypeError(f"decode: no converter for {spec.name}: {spec.type!r}")  # a model change: fail at import


# --- answers ---------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Answer:
    """One list answer: its operation, the accepted return elements, the array and the item class."""

    operation: str
    returns: tuple[str, ...]
    array: str
    item_cls: type


ACTIVE = Answer("getActiveJobs", ("getActiveJobsReturn",), "jobArray", ActiveJob)
SCHEDULED = Answer("getScheduledJobs", ("getScheduledJobsReturn",), "jobArray", ScheduledJob)
LOGS = Answer("getJobLogs", ("getJobLogsReturn", "getJobLogDetailsReturn"), "jobLogArray", JobLog)


def array_element(answer_el: etree._Element, spec: Answer) -> etree._Element | None:
    """The answer's array child (``jobArray``/``jobLogArray``), or None when the server sent none."""
    for child in answer_el:
        if local_name(child.tag) == spec.array:
            return child
    return None


def decode_items(array_el: etree._Element | None, spec: Answer, top_level: bool = False) -> list:
    """The ``items`` children of the array element, decoded; ``top_level``: lazy fields left pending."""
    if array_el is None:
        return []
    decode = (top_level_decoder_for if top_level else decoder_for)(spec.item_cls).decode
    return [decode(child) for child in array_el if local_name(child.tag) == "items"]


def decode_full(data: bytes, spec: Answer) -> tuple[list, etree._Element | None]:
    """(items, the array element) of a whole answer; MalformedResponse for anything else."""
    root = parse_xml(data, spec.operation)
    answer = answer_element(root, spec.operation, spec.returns)
    array_el = array_element(answer, spec)
    return guard(spec, decode_items, array_el, spec), array_el


def guard(spec: Answer, fn: Callable[..., T], *args: Any) -> T:
    """Run a decode step; anything unexpected becomes MalformedResponse (never another type)."""
    try:
        return fn(*args)
    except MalformedResponse:
        raise
    except RecursionError:
        raise MalformedResponse(_("The server's answer to {operation} is nested too deeply.").format(operation=spec.operation)) from None
    except Exception as exc:  # noqa: BLE001 - a bug or an input we did not foresee: still one error family
        raise MalformedResponse(
            _("The server's answer to {operation} could not be decoded ({kind}: {exc}).").format(operation=spec.operation, kind=type(exc).__name__, exc=exc)
        ) from None


def decode_active_jobs(data: bytes) -> list[ActiveJob]:
    """A whole getActiveJobs SOAP answer → the list of ActiveJob (``[]`` for an empty jobArray)."""
    return decode_full(data, ACTIVE)[0]


def decode_scheduled_jobs(data: bytes) -> list[ScheduledJob]:
    """A whole getScheduledJobs SOAP answer → the list of ScheduledJob."""
    return decode_full(data, SCHEDULED)[0]


def decode_job_logs(data: bytes) -> list[JobLog]:
    """A whole getJobLogs or getJobLogDetails SOAP answer → the list of JobLog.

    For getJobLogDetails each JobLog carries ``detail_total_rows`` (2016) and ``detail_array``.
    """
    return decode_full(data, LOGS)[0]


# Build every table at import: a model field without a converter fails here, not mid-poll.
for _cls in (ActiveJob, ScheduledJob, JobLog):
    decoder_for(_cls)
    top_level_decoder_for(_cls)
del _cls


def deferred_elements(cls: type) -> frozenset[str]:
    """Local names of the elements :func:`top_level_decoder_for` leaves pending (``taskProgressArray``
    and every known sub-job element of an ActiveJob); empty for a class without lazy fields."""
    decoder = top_level_decoder_for(cls)
    return frozenset(local for local, (_attr, kind, _conv) in decoder.by_local.items() if kind == _DEFER)
