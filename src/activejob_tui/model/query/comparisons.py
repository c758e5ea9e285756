"""Value tests: a field's kind, an operator and the value text become a test (value, now) → bool.

Numbers take size units, dates a relative age or an ISO date; a bad value raises through ``fail``.
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from ...i18n import _
from ..dates import parse_datetime
from .catalogue import _FUTURE_FIELDS, BOOL, NUMBER, TEXT, Test, _Field
from .errors import QueryError
from .values import _as_bool, _as_datetime, _as_number, _shown_words, _text

_SIZE_UNITS = {
    "": 1, "b": 1, "%": 1,
    "k": 1024, "kb": 1024, "kib": 1024,
    "m": 1024**2, "mb": 1024**2, "mib": 1024**2,
    "g": 1024**3, "gb": 1024**3, "gib": 1024**3,
    "t": 1024**4, "tb": 1024**4, "tib": 1024**4,
    "p": 1024**5, "pb": 1024**5, "pib": 1024**5,
}  # fmt: skip
_NUMBER_RE = re.compile(r"([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))\s*([a-z%]*)", re.IGNORECASE)
_DURATION_UNITS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400, "w": 604800}
_DURATION_RE = re.compile(r"(?:[0-9]+(?:\.[0-9]+)?(?:sec|min|hr|s|m|h|d|w))+", re.IGNORECASE)
_DURATION_PART_RE = re.compile(r"([0-9]+(?:\.[0-9]+)?)(sec|min|hr|s|m|h|d|w)", re.IGNORECASE)
_ABS_DATE_RE = re.compile(r"[0-9]{4}-|[0-9]{8}")
_DATE_ONLY_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{8}")

_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "=": operator.eq,
    ">": operator.gt,
    "<": operator.lt,
    ">=": operator.ge,
    "<=": operator.le,
}



def _build_test(spec: _Field, op: str, value: str, fail: Callable[[str], QueryError]) -> Test:
    """Turn (field kind, operator, value text) into a value test, or raise via ``fail``."""
    name = spec.display
    if spec.kind == TEXT:
        if op not in (":", "="):
            raise fail(_("'{name}' is text: use {name}:{value} (contains) or {name}={value} (equals)").format(name=name, value=value))
        needle = value.casefold()
        if op == ":":
            return lambda v, now: (needle in (v.casefold() if isinstance(v, str) else _text(v).casefold())
                                   or any(needle in word for word in _shown_words(v)))
        return lambda v, now: ((v.casefold() if isinstance(v, str) else _text(v).casefold()) == needle
                               or needle in _shown_words(v))
    if spec.kind == BOOL:
        if op not in (":", "="):
            raise fail(_("'{name}' is true or false: use {name}:true or {name}:false").format(name=name))
        wanted = _as_bool(value)
        if wanted is None:
            raise fail(_("'{name}' is true or false, not '{value}'").format(name=name, value=value))
        return lambda v, now: _as_bool(v) is wanted
    if spec.kind == NUMBER:
        m = _NUMBER_RE.fullmatch(value.strip())
        if m is None:
            raise fail(_("'{name}' needs a number (e.g. {name}>50, {name}>1.5gb), not '{value}'").format(name=name, value=value))
        unit = m.group(2).casefold()
        if unit not in _SIZE_UNITS:
            raise fail(_("unknown unit '{unit}' (use b, kb, mb, gb, tb or pb)").format(unit=m.group(2)))
        target = float(m.group(1)) * _SIZE_UNITS[unit]
        if math.isinf(target):
            raise fail(_("number too large: '{value}'").format(value=value))
        compare = _OPS["=" if op == ":" else op]

        def number_test(v: Any, now: datetime) -> bool:
            if v.__class__ is int or v.__class__ is float:
                return compare(v, target)
            n = _as_number(v)
            return n is not None and compare(n, target)

        return number_test
    # DATETIME
    return _build_date_test(spec, op, value, fail)


def _build_date_test(spec: _Field, op: str, value: str, fail: Callable[[str], QueryError]) -> Test:
    name = spec.display
    text = value.strip()
    if op == ":":
        needle = text.casefold()
        return lambda v, now: needle in _text(v).casefold()
    if _DURATION_RE.fullmatch(text):
        if op == "=":
            raise fail(_("a relative age needs < or > ({name}<{text} or {name}>{text}), not =").format(name=name, text=text))
        seconds = sum(float(n) * _DURATION_UNITS[u.casefold()] for n, u in _DURATION_PART_RE.findall(text))
        if math.isinf(seconds):
            raise fail(_("duration too large: '{value}'").format(value=value))
        compare = _OPS[op]
        future = spec.attr in _FUTURE_FIELDS

        if future:

            def until_test(v: Any, now: datetime) -> bool:
                dt = v if v.__class__ is datetime and v.tzinfo is not None else _as_datetime(v)
                return dt is not None and compare((dt - now).total_seconds(), seconds)

            return until_test

        def age_test(v: Any, now: datetime) -> bool:
            dt = v if v.__class__ is datetime and v.tzinfo is not None else _as_datetime(v)
            return dt is not None and compare((now - dt).total_seconds(), seconds)

        return age_test
    when = parse_datetime(text) if _ABS_DATE_RE.match(text) else None
    if when is None:
        raise fail(
            _("'{name}' needs a relative age (e.g. {name}<10m, units s m h d w) or an ISO date (e.g. {name}>2024-05-01), not '{value}'").format(name=name, value=value)
        )
    if _DATE_ONLY_RE.fullmatch(text):
        start = when
        try:
            end = when + timedelta(days=1)
        except OverflowError:
            end = datetime.max.replace(tzinfo=UTC)
        day_ops: dict[str, Callable[[datetime], bool]] = {
            "=": lambda dt: start <= dt < end,
            "<": lambda dt: dt < start,
            ">=": lambda dt: dt >= start,
            ">": lambda dt: dt >= end,
            "<=": lambda dt: dt < end,
        }
        in_range = day_ops[op]

        def day_test(v: Any, now: datetime) -> bool:
            dt = _as_datetime(v)
            return dt is not None and in_range(dt)

        return day_test
    compare = _OPS[op]

    def instant_test(v: Any, now: datetime) -> bool:
        dt = _as_datetime(v)
        return dt is not None and compare(dt, when)

    return instant_test

