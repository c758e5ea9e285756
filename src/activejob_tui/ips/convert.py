"""Element → value converters of the table-driven decoder (:mod:`.decode`): dates, handle arrays,
option records, enumeration values, local names. Kept small and allocation-light: they run once
per field of every item of a 20 MB answer."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum
from typing import Any

from lxml import etree

from ..model import jobs as _jobs
from ..model.dates import parse_datetime

BOOLS = {"true": True, "1": True, "false": False, "0": False}


DATE_CACHE: dict[str, datetime | None] = {}
"""Date text → datetime, for the dates many items share (a batch's start and trigger times). Kept small:
every poll brings new ``lastProgressUpdate`` texts, and a large cache only turns them into resident memory
(at 100,000 entries a 50-client soak grew ~0.2 MiB/min until the next clear; at 4,096 the 17-job demo
console held ~580 KiB of them after 12 minutes, issue 9)."""
DATE_CACHE_MAX = 512
"""Entries before the cache is emptied: the decode of 10,000 jobs is as fast as with 4,096
(``benchmarks/decode.py``, cold 2.12–2.34× against 2.26–2.37×, steady 0.31–0.34× against 0.32–0.33×)."""


def parse_date(text: str | None) -> datetime | None:
    """xsd:dateTime text → aware datetime (no zone → UTC), or None when unparseable."""
    if not text:
        return None
    cached = DATE_CACHE.get(text)
    if cached is not None or text in DATE_CACHE:
        return cached
    try:  # the common case, a UTC stamp (``…Z``): no range check needed (model.dates.parse_datetime)
        value = datetime.fromisoformat(text)
    except ValueError:
        value = None
    if value is None or value.tzinfo is not UTC:
        value = parse_datetime(text)
    if len(DATE_CACHE) >= DATE_CACHE_MAX:
        DATE_CACHE.clear()
    DATE_CACHE[text] = value
    return value


LOCALS: dict[str, str] = {}
"""Clark tag (``{ns}local``) → local name; bounded (tags come from a small schema)."""


def local_of(tag: Any) -> str | None:
    """``{ns}local`` → ``local`` (None for a comment's tag), remembered in :data:`LOCALS`."""
    if tag.__class__ is not str:
        return None
    local = tag.rpartition("}")[2]
    if len(LOCALS) < 4096:
        LOCALS[tag] = local
    return local


def handles(el: etree._Element) -> tuple[str, ...] | None:
    """``<items>`` texts of a handle or URL array; None when it holds none (§10: empty = unknown)."""
    out = []
    locals_ = LOCALS
    for child in el:
        tag = child.tag
        local = locals_.get(tag) or local_of(tag)
        if local == "items":
            text = child.text
            if text is not None:
                out.append(text)
    return tuple(out) if out else None


def raw_record(el: etree._Element) -> _jobs.RawRecord:
    """Children of ``el`` as (local name, text or nested record) pairs, in document order.

    Empty children (no text, no non-empty children) are left out, as zeep leaves them None.
    """
    out = []
    locals_ = LOCALS
    for child in el:
        tag = child.tag
        local = locals_.get(tag) or local_of(tag)
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


def raw_record_or_none(el: etree._Element) -> _jobs.RawRecord | None:
    """An option group; None when it is empty (``<mediaOptions/>``, §10)."""
    return raw_record(el) or None


class Members(dict):
    """Value → member of one enumeration (a dict for the hot loop), and the enumeration itself."""

    __slots__ = ("enum",)

    def __init__(self, enum: type[Enum]) -> None:
        super().__init__((member.value, member) for member in enum)
        self.enum = enum


def enum_value(cls: type[Enum], text: str) -> Any:
    """An enumeration value the table does not know → the enum's pseudo-member (``recognized`` False), or None."""
    try:
        return cls(text)
    except (ValueError, TypeError):  # not a value of the enumeration, nor a pseudo-member
        return None
