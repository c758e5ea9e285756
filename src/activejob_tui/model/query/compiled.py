"""The compiled query: an AND of terms, its predicates compiled once per job class."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, TypeVar

from .catalogue import DATETIME, Pred
from .terms import Term, _bare_words_predicate

J = TypeVar("J")


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
        for pred in preds:  # noqa: SIM110 - a plain loop: per job per poll, all(genexpr) is slower
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

    def missing_fields(self, cls: type) -> tuple[str, ...]:
        """The field names, as typed, of the terms that ``cls`` has no such field for (``progress`` on a
        ``JobLog``): such a term matches no job of ``cls`` (negated: every job), so the console and the
        CLI say so instead of showing an empty list without a word. Each name once, in order."""
        return tuple(dict.fromkeys(t.field for t in self.terms
                                   if t.field is not None and t._spec is not None and t._spec.getters(cls) is None))

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
