"""One parsed term and the predicates it compiles to per job class."""

from __future__ import annotations

import dataclasses
import operator
import re
from dataclasses import dataclass, is_dataclass
from datetime import datetime
from typing import Any

from .catalogue import _BARE, _BARE_DEFAULT, Pred, Test, _Field, localized_fields
from .values import _leaves, _text

# --- terms ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Term:
    """One parsed term. ``field`` is None for a bare word or phrase; ``op`` is None then too."""

    negated: bool
    field: str | None
    op: str | None
    value: str
    position: int = dataclasses.field(default=0, compare=False)
    raw: str = dataclasses.field(default="", compare=False)
    _spec: _Field | None = dataclasses.field(default=None, compare=False, repr=False)
    _test: Test | None = dataclasses.field(default=None, compare=False, repr=False)

    def __str__(self) -> str:
        bang = "!" if self.negated else ""
        if self.field is None:
            return f"{bang}{_quote(self.value, bare=True)}"
        return f"{bang}{self.field}{self.op}{_quote(self.value, bare=False)}"

    def predicate(self, cls: type) -> Pred:
        """A function (job, now) → bool for objects of ``cls``."""
        pred = self._bare_predicate(cls) if self._spec is None else self._field_predicate(cls)
        if self.negated:

            def negated(job: Any, now: datetime) -> bool:
                return not pred(job, now)

            return negated
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
        try:  # every bare-word field of the model is text; "" adds nothing a bare word can find
            return "\x00".join([v for v in values if v is not None]).casefold()
        except TypeError:  # a non-text value (False and 0 too): read as its text, as a field term reads it
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
        for needle, negated in needles:  # noqa: SIM110 - a plain loop: per job per poll, all(genexpr) is slower
            if (needle in hay) is negated:
                return False
        return True

    return pred

_FIELD_TERM_RE = re.compile(r"([^\W\d]\w*)(>=|<=|:|=|>|<)(.*)", re.DOTALL)
"""A field term: a name (any letters: a field may be named in the operator's language), an operator, a value."""
_OPERATOR_RE = re.compile(r">=|<=|:|=|>|<")


def _field_term(body: str) -> tuple[str, str, str] | None:
    """(name, operator, value text) when ``body`` reads as a field term, else None (a bare word).

    The name is a word of letters, digits and underscores (any script), or a word the current
    language shows for a field whatever signs it holds (``⟦type⟧`` in the pseudo language, a
    translator's ``E-mail`` label: ``catalogue.localized_fields``), up to the first operator."""
    m = _FIELD_TERM_RE.fullmatch(body)
    if m is not None:
        return m[1], m[2], m[3]
    op = _OPERATOR_RE.search(body)
    if op is not None and body[: op.start()].casefold() in localized_fields():
        return body[: op.start()], op[0], body[op.end() :]
    return None


def _quote(value: str, *, bare: bool) -> str:
    needs = (
        not value
        or any(c.isspace() for c in value)
        or '"' in value
        or (bare and (value.startswith("!") or _field_term(value) is not None))
    )
    if not needs:
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

