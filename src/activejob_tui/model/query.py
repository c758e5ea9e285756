"""The filter language shared by the CLI (``--filter``) and the console (``/``).

Grammar (terms separated by whitespace, all terms must match — AND)::

    term     := ["!"] (phrase | word | field op value)
    phrase   := '"' chars '"'            (backslash escapes \\" and \\\\ inside quotes)
    op       := ":" | "=" | ">" | "<" | ">=" | "<="
    value    := word | phrase

- A bare word or phrase matches, case-insensitively as a substring, the name, handle, type and
  description of a job (for a JobLog: jobName, originalJobName, logType, description, jobHandle;
  for a JobLogDetail: logMessage, logType, assetName, assetHandle).
- ``field:value`` is a case-insensitive substring match on any field, named in snake_case or as
  IPS writes it (``job_handle:`` or ``jobHandle:``). A field of the job's sub-job may be named
  directly (``emailSetting:error``). Number fields compare by value (``progress:50``), boolean
  fields by truth (``fatalError:true``). ``field=value`` is an exact (case-insensitive) match.
- Aliases: ``name``, ``type`` (also the sub-job element: ``type:video`` matches ``VideoPublish``
  or a ``videoPublishJob``), ``state`` (ActiveJob state, ScheduledJob triggerState, JobLog
  outcome and logType), ``handle``, ``user`` (submitUserEmail), ``server`` (serverName),
  ``severity`` and ``outcome`` (logs), ``size`` (totalSize), ``subJob`` (the element name).
- ``field>N``, ``<``, ``>=``, ``<=``, ``=`` on numbers: ``progress>50``, ``totalSize>1.5gb``
  (units b, kb, mb, gb, tb, pb, 1024-based; ``%`` is ignored). On dates: a relative age
  (``startDate<1h`` = started less than an hour ago; units s, m, h, d, w, combinable as ``1h30m``)
  or an absolute ISO date (``startDate>=2024-05-01``; a date without a time is a whole UTC day).
  For ``nextFireTime`` a relative value is the time *until* it (``nextFireTime<1h`` = fires within
  the hour).
- ``!`` negates a term. A field that the job's class does not have (``server:`` on a JobLog),
  or a field that is None, does not match (so its negation does). A field unknown to every
  class is an error.

``parse()`` raises only :class:`QueryError`; matching never raises for any job.
"""

from __future__ import annotations

import difflib
import math
import operator
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import UTC, datetime, timedelta
from enum import Enum
from typing import Any, TypeVar

from .dates import parse_datetime
from .jobs import (
    SUB_JOB_TYPES,
    ActiveJob,
    JobLog,
    JobLogDetail,
    ScheduledJob,
    UnknownSubJob,
    sub_job_element,
)
from .naming import ips_name
from .schema import field_spec

__all__ = ["Query", "QueryError", "Term", "field_names", "parse"]

J = TypeVar("J")
Getter = Callable[[Any], Any]
Test = Callable[[Any, datetime], bool]
Pred = Callable[[Any, datetime], bool]

TEXT, NUMBER, DATETIME, BOOL = "text", "number", "datetime", "bool"

# --- errors -----------------------------------------------------------------------------------


class QueryError(ValueError):
    """A filter expression that cannot be parsed; ``position`` is the 0-based offset of ``term``."""

    def __init__(self, message: str, position: int = 0, term: str = "", expression: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.term = term
        self.expression = expression

    def __str__(self) -> str:
        return self.message

    def caret(self) -> str:
        """The expression with ``^`` marks under the bad term, for a terminal or a status line."""
        expr = self.expression.replace("\n", " ").replace("\t", " ")
        marks = "^" * max(1, len(self.term.splitlines()[0]) if self.term else 1)
        return f"{expr}\n{' ' * self.position}{marks}"


# --- the field catalogue ----------------------------------------------------------------------

_CLASSES: tuple[type, ...] = (ActiveJob, ScheduledJob, JobLog, JobLogDetail)

_BARE: dict[type, tuple[str, ...]] = {
    ActiveJob: ("name", "job_handle", "type", "description"),
    ScheduledJob: ("name", "job_handle", "type", "description"),
    JobLog: ("job_name", "original_job_name", "log_type", "description", "job_handle"),
    JobLogDetail: ("log_message", "log_type", "asset_name", "asset_handle"),
}
_BARE_DEFAULT = ("name", "job_handle", "type", "description")

_FUTURE_FIELDS = frozenset({"next_fire_time"})
"""Date fields whose relative values count the time until them rather than their age."""


def _norm(name: str) -> str:
    return name.replace("_", "").casefold()


def _kind_of(cls: type, attr: str) -> str:
    """The filter's kind of one field, from its ``model.schema`` kind."""
    kind = field_spec(cls, attr).kind
    if kind == "datetime":
        return DATETIME
    if kind in ("int", "float"):
        return NUMBER
    if kind == "bool":
        return BOOL
    return TEXT  # strings, enums, records, arrays, nested objects: matched on their text


def _sub_job_element(job: Any) -> str | None:
    sub = getattr(job, "sub_job", None)
    if sub is None:
        return None
    try:
        return sub_job_element(sub)
    except (KeyError, AttributeError, TypeError):
        return type(sub).__name__


def _sub_job_getter(attr: str) -> Getter:
    element_name = ips_name(attr)

    def get(job: Any) -> Any:
        sub = job.sub_job
        if sub is None:
            return None
        if sub.__class__ is UnknownSubJob:
            try:
                found = tuple(v for k, v in sub.fields if k == element_name)
            except (TypeError, ValueError):
                return None
            return found[0] if len(found) == 1 else (found or None)
        return getattr(sub, attr, None)

    return get


@dataclass(frozen=True, slots=True)
class _Field:
    display: str
    kind: str
    attr: str | None = None
    """The model attribute for a plain field; None for an alias."""
    per_class: tuple[tuple[type, tuple[str | Getter, ...]], ...] = ()
    """For an alias: (class, attribute names or getters) pairs."""
    sub_job_field: bool = False

    def getters(self, cls: type) -> tuple[Getter, ...] | None:
        """How to read this field from an object of ``cls``; None when ``cls`` has no such field."""
        if self.attr is None:
            for klass, sources in self.per_class:
                if issubclass(cls, klass):
                    return tuple(operator.attrgetter(s) if isinstance(s, str) else s for s in sources)
            return None
        if hasattr(cls, self.attr):
            return (operator.attrgetter(self.attr),)
        if self.sub_job_field and hasattr(cls, "sub_job"):
            return (_sub_job_getter(self.attr),)
        return None


def _build_catalogue() -> dict[str, _Field]:
    catalogue: dict[str, _Field] = {}
    for cls in _CLASSES:
        for f in fields(cls):
            if f.name == "sub_job":
                continue
            catalogue.setdefault(_norm(f.name), _Field(ips_name(f.name), _kind_of(cls, f.name), f.name))
    for cls in SUB_JOB_TYPES.values():
        for f in fields(cls):
            key = _norm(f.name)
            if key not in catalogue:
                catalogue[key] = _Field(ips_name(f.name), _kind_of(cls, f.name), f.name, sub_job_field=True)
    jobs = (ActiveJob, ScheduledJob)
    aliases: dict[str, tuple[str, dict[type, tuple[str | Getter, ...]]]] = {
        "name": (TEXT, {**dict.fromkeys(jobs, ("name",)), JobLog: ("job_name",), JobLogDetail: ("asset_name",)}),
        "type": (
            TEXT,
            {
                **dict.fromkeys(jobs, ("type", _sub_job_element)),
                JobLog: ("log_type", "job_sub_type"),
                JobLogDetail: ("log_type", "asset_type"),
            },
        ),
        "state": (TEXT, {ActiveJob: ("state",), ScheduledJob: ("trigger_state",), JobLog: ("outcome", "log_type")}),
        "handle": (TEXT, {**dict.fromkeys((*jobs, JobLog), ("job_handle",)), JobLogDetail: ("asset_handle",)}),
        "user": (TEXT, dict.fromkeys((*jobs, JobLog), ("submit_user_email",))),
        "server": (TEXT, {ActiveJob: ("server_name",)}),
        "severity": (TEXT, dict.fromkeys((JobLog, JobLogDetail), ("severity",))),
        "outcome": (TEXT, {JobLog: ("outcome",)}),
        "size": (NUMBER, {ActiveJob: ("total_size",)}),
        "subJob": (TEXT, dict.fromkeys(jobs, (_sub_job_element,))),
    }
    for display, (kind, per_class) in aliases.items():
        catalogue[_norm(display)] = _Field(display, kind, None, tuple(per_class.items()))
    return catalogue


_CATALOGUE = _build_catalogue()


def field_names() -> list[str]:
    """Every field name the language accepts, as displayed (IPS spelling or alias), sorted."""
    return sorted({f.display for f in _CATALOGUE.values()}, key=str.casefold)


# --- values -----------------------------------------------------------------------------------

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
_TRUE = frozenset({"true", "yes", "y", "1", "on"})
_FALSE = frozenset({"false", "no", "n", "0", "off"})

_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "=": operator.eq,
    ">": operator.gt,
    "<": operator.lt,
    ">=": operator.ge,
    "<=": operator.le,
}


def _text(value: Any) -> str:
    """A value as the text a filter sees (enums by value, dates in ISO, booleans as true/false)."""
    if isinstance(value, str):
        return str.__str__(value) if isinstance(value, Enum) else value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        try:
            return value.isoformat(timespec="milliseconds")
        except (ValueError, TypeError):
            return str(value)
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def _leaves(value: Any, depth: int = 0) -> Iterator[Any]:
    """Scalars inside nested tuples, lists and dataclasses (records, arrays, sub-objects)."""
    if isinstance(value, (tuple, list)):
        if depth < 12:
            for item in value:
                yield from _leaves(item, depth + 1)
    elif is_dataclass(value) and not isinstance(value, type):
        if depth < 12:
            for f in fields(value):
                item = getattr(value, f.name, None)
                if item is not None:
                    yield from _leaves(item, depth + 1)
    elif value is not None:
        yield value


def _as_number(value: Any) -> float | int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def _as_datetime(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    if isinstance(value, str):
        return parse_datetime(value)
    return None


def _as_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().casefold()
        return True if word in _TRUE else False if word in _FALSE else None
    return None


# --- terms ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Term:
    """One parsed term. ``field`` is None for a bare word or phrase; ``op`` is None then too."""

    negated: bool
    field: str | None
    op: str | None
    value: str
    position: int = field(default=0, compare=False)
    raw: str = field(default="", compare=False)
    _spec: _Field | None = field(default=None, compare=False, repr=False)
    _test: Test | None = field(default=None, compare=False, repr=False)

    def __str__(self) -> str:
        bang = "!" if self.negated else ""
        if self.field is None:
            return f"{bang}{_quote(self.value, bare=True)}"
        return f"{bang}{self.field}{self.op}{_quote(self.value, bare=False)}"

    def predicate(self, cls: type) -> Pred:
        """A function (job, now) → bool for objects of ``cls``."""
        pred = self._bare_predicate(cls) if self._spec is None else self._field_predicate(cls)
        if self.negated:
            return lambda job, now, _p=pred: not _p(job, now)
        return pred

    def _bare_predicate(self, cls: type) -> Pred:
        return _bare_words_predicate(cls, ((self.value.casefold(), False),))

    def _field_predicate(self, cls: type) -> Pred:
        assert self._spec is not None and self._test is not None
        getters = self._spec.getters(cls)
        if not getters:
            return lambda job, now: False
        test = self._test

        def slow(value: Any, now: datetime) -> bool:
            try:
                if isinstance(value, (tuple, list)) or (is_dataclass(value) and not isinstance(value, type)):
                    return any(test(leaf, now) for leaf in _leaves(value))
                return test(value, now)
            except (TypeError, ValueError, OverflowError, AttributeError):
                return False

        if len(getters) == 1:
            (get,) = getters

            def pred_one(job: Any, now: datetime) -> bool:
                value = get(job)
                if value is None:
                    return False
                if value.__class__ in _SCALARS or isinstance(value, str):
                    try:
                        return test(value, now)
                    except (TypeError, ValueError, OverflowError, AttributeError):
                        return False
                return slow(value, now)

            return pred_one

        def pred_many(job: Any, now: datetime) -> bool:
            for get in getters:
                value = get(job)
                if value is None:
                    continue
                if value.__class__ in _SCALARS or isinstance(value, str):
                    try:
                        if test(value, now):
                            return True
                    except (TypeError, ValueError, OverflowError, AttributeError):
                        continue
                elif slow(value, now):
                    return True
            return False

        return pred_many


_SCALARS = frozenset({str, int, float, bool, datetime})


def _bare_words_predicate(cls: type, needles: tuple[tuple[str, bool], ...]) -> Pred:
    """One predicate for all bare words of a query: (casefolded needle, negated) pairs, ANDed.

    The searched text of a job is built once per job, not once per word.
    """
    attrs = tuple(a for a in _BARE.get(cls, _BARE_DEFAULT) if hasattr(cls, a))
    if not attrs:
        return lambda job, now: all(negated for _, negated in needles)
    get = operator.attrgetter(*attrs)
    single = len(attrs) == 1
    exact = any("\x00" in needle for needle, _ in needles)

    def haystack(job: Any) -> str:
        values = (get(job),) if single else get(job)
        try:
            return "\x00".join([v for v in values if v]).casefold()
        except TypeError:  # a non-text value where text was expected
            return "\x00".join(_text(v) for v in values if v is not None).casefold()

    if exact:  # a needle holding the separator must not match across two fields

        def pred_exact(job: Any, now: datetime) -> bool:
            values = (get(job),) if single else get(job)
            texts = [_text(v).casefold() for v in values if v is not None]
            return all(any(n in t for t in texts) is not neg for n, neg in needles)

        return pred_exact

    if len(needles) == 1:
        ((needle, negated),) = needles
        if negated:
            return lambda job, now: needle not in haystack(job)
        return lambda job, now: needle in haystack(job)

    def pred(job: Any, now: datetime) -> bool:
        hay = haystack(job)
        for needle, negated in needles:
            if (needle in hay) is negated:
                return False
        return True

    return pred

_FIELD_TERM_RE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(>=|<=|:|=|>|<)(.*)", re.DOTALL)


def _quote(value: str, *, bare: bool) -> str:
    needs = (
        not value
        or any(c.isspace() for c in value)
        or '"' in value
        or (bare and (value.startswith("!") or _FIELD_TERM_RE.fullmatch(value) is not None))
    )
    if not needs:
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _build_test(spec: _Field, op: str, value: str, fail: Callable[[str], QueryError]) -> Test:
    """Turn (field kind, operator, value text) into a value test, or raise via ``fail``."""
    name = spec.display
    if spec.kind == TEXT:
        if op not in (":", "="):
            raise fail(f"'{name}' is text: use {name}:{value} (contains) or {name}={value} (equals)")
        needle = value.casefold()
        if op == ":":
            return lambda v, now: needle in (v.casefold() if isinstance(v, str) else _text(v).casefold())
        return lambda v, now: (v.casefold() if isinstance(v, str) else _text(v).casefold()) == needle
    if spec.kind == BOOL:
        if op not in (":", "="):
            raise fail(f"'{name}' is true or false: use {name}:true or {name}:false")
        wanted = _as_bool(value)
        if wanted is None:
            raise fail(f"'{name}' is true or false, not '{value}'")
        return lambda v, now: _as_bool(v) is wanted
    if spec.kind == NUMBER:
        m = _NUMBER_RE.fullmatch(value.strip())
        if m is None:
            raise fail(f"'{name}' needs a number (e.g. {name}>50, {name}>1.5gb), not '{value}'")
        unit = m.group(2).casefold()
        if unit not in _SIZE_UNITS:
            raise fail(f"unknown unit '{m.group(2)}' (use b, kb, mb, gb, tb or pb)")
        target = float(m.group(1)) * _SIZE_UNITS[unit]
        if math.isinf(target):
            raise fail(f"number too large: '{value}'")
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
            raise fail(f"a relative age needs < or > ({name}<{text} or {name}>{text}), not =")
        seconds = sum(float(n) * _DURATION_UNITS[u.casefold()] for n, u in _DURATION_PART_RE.findall(text))
        if math.isinf(seconds):
            raise fail(f"duration too large: '{value}'")
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
            f"'{name}' needs a relative age (e.g. {name}<10m, units s m h d w) or an ISO date "
            f"(e.g. {name}>2024-05-01), not '{value}'"
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


# --- parsing ----------------------------------------------------------------------------------


def _split(expr: str) -> Iterator[tuple[int, str]]:
    """(offset, raw text) of each whitespace-separated term; quotes group, backslash escapes in them."""
    i, n = 0, len(expr)
    while i < n:
        if expr[i].isspace():
            i += 1
            continue
        start, in_quote, quote_at = i, False, -1
        while i < n and (in_quote or not expr[i].isspace()):
            c = expr[i]
            if in_quote and c == "\\":
                i += 2
                continue
            if c == '"':
                in_quote = not in_quote
                quote_at = i
            i += 1
        if in_quote:
            raw = expr[start:n]
            raise QueryError(
                f"unterminated quote in '{raw}' (at column {quote_at + 1})", quote_at, expr[quote_at:], expr
            )
        yield start, expr[start:min(i, n)]


def _unquote(text: str) -> tuple[str, str]:
    """(content of a leading quoted string, what follows its closing quote)."""
    out: list[str] = []
    i = 1
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text) and text[i + 1] in '"\\':
            out.append(text[i + 1])
            i += 2
            continue
        if c == '"':
            return "".join(out), text[i + 1 :]
        out.append(c)
        i += 1
    return "".join(out), ""  # unreachable after _split: quotes are balanced


def _parse_term(expr: str, position: int, raw: str) -> Term:
    def fail(problem: str) -> QueryError:
        return QueryError(f"{problem} (term '{raw}' at column {position + 1})", position, raw, expr)

    negated = raw.startswith("!")
    body = raw[1:] if negated else raw
    if not body:
        raise fail("'!' needs a term after it")
    if body.startswith("!"):
        raise fail("double negation")
    if body.startswith('"'):
        value, rest = _unquote(body)
        if rest:
            raise fail("unexpected text after the closing quote")
        if not value:
            raise fail("empty phrase")
        return Term(negated, None, None, value, position, raw)
    m = _FIELD_TERM_RE.fullmatch(body)
    if m is None:
        if '"' in body:
            raise fail("unexpected quote (quote the whole word or value)")
        return Term(negated, None, None, body, position, raw)
    name, op, value_text = m.groups()
    spec = _CATALOGUE.get(_norm(name))
    if spec is None:
        close = difflib.get_close_matches(name, field_names(), n=1, cutoff=0.75)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        message = f"unknown field '{name}' in '{raw}' (at column {position + 1}){hint}"
        raise QueryError(message, position, raw, expr)
    if value_text.startswith('"'):
        value, rest = _unquote(value_text)
        if rest:
            raise fail("unexpected text after the closing quote")
    else:
        if '"' in value_text:
            raise fail("unexpected quote (quote the whole value)")
        value = value_text
    if not value:
        raise fail(f"missing value after '{name}{op}'")
    test = _build_test(spec, op, value, fail)
    return Term(negated, spec.display, op, value, position, raw, spec, test)


def parse(expr: str) -> Query:
    """Parse a filter expression; an empty one matches everything. Raises only :class:`QueryError`."""
    if not isinstance(expr, str):
        raise QueryError("a filter expression must be text", 0, "", "")
    try:
        terms = tuple(_parse_term(expr, position, raw) for position, raw in _split(expr))
    except QueryError:
        raise
    except Exception as exc:  # defensive: never leak another exception type to the caller
        raise QueryError(f"cannot parse the filter: {exc}", 0, expr, expr) from exc
    return Query(terms, expr)


# --- the compiled query -----------------------------------------------------------------------


class Query:
    """An AND of terms, compiled lazily per job class; build one with :func:`parse`."""

    __slots__ = ("_compiled", "_needs_now", "expression", "terms")

    def __init__(self, terms: Iterable[Term] = (), expression: str = "") -> None:
        self.terms: tuple[Term, ...] = tuple(terms)
        self.expression = expression
        self._compiled: dict[type, tuple[Pred, ...]] = {}
        self._needs_now = any(t._spec is not None and t._spec.kind == DATETIME for t in self.terms)

    @property
    def is_empty(self) -> bool:
        """True when the query has no terms (and so matches everything)."""
        return not self.terms

    def _predicates(self, cls: type) -> tuple[Pred, ...]:
        preds = self._compiled.get(cls)
        if preds is None:
            bare = tuple((t.value.casefold(), t.negated) for t in self.terms if t.field is None)
            compiled = [_bare_words_predicate(cls, bare)] if bare else []
            compiled += [t.predicate(cls) for t in self.terms if t.field is not None]
            preds = self._compiled[cls] = tuple(compiled)
        return preds

    def matches(self, job: Any, now: datetime | None = None) -> bool:
        """Whether ``job`` satisfies every term; ``now`` (default: the current time) anchors ages."""
        preds = self._compiled.get(job.__class__) or self._predicates(job.__class__)
        if not preds:
            return True
        if self._needs_now:
            now = _now(now)
        for pred in preds:
            if not pred(job, now):  # type: ignore[arg-type]
                return False
        return True

    def filter(self, jobs: Iterable[J], now: datetime | None = None) -> list[J]:
        """The jobs that match, in their order."""
        if not self.terms:
            return list(jobs)
        when = _now(now) if self._needs_now else now
        out: list[J] = []
        cls: type | None = None
        preds: tuple[Pred, ...] = ()
        for job in jobs:
            if job.__class__ is not cls:
                cls = job.__class__
                preds = self._predicates(cls)
            for pred in preds:
                if not pred(job, when):  # type: ignore[arg-type]
                    break
            else:
                out.append(job)
        return out

    def __str__(self) -> str:
        return " ".join(str(t) for t in self.terms)

    def __repr__(self) -> str:
        return f"Query({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Query) and self.terms == other.terms

    def __hash__(self) -> int:
        return hash(self.terms)


def _now(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    return now if now.tzinfo is not None else now.replace(tzinfo=UTC)
