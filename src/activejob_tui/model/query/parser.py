"""The lexer and parser: an expression text becomes a :class:`Query` of terms, or a :class:`QueryError`."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ...i18n import _
from .catalogue import _CATALOGUE, _norm, field_names, localized_fields
from .comparisons import _build_test
from .compiled import Query
from .errors import QueryError
from .terms import Term, _field_term

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
                _("unterminated quote in '{raw}' (at column {column})").format(raw=raw, column=quote_at + 1), quote_at, expr[quote_at:], expr
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
        return QueryError(_("{problem} (term '{raw}' at column {column})").format(problem=problem, raw=raw, column=position + 1), position, raw, expr)

    negated = raw.startswith("!")
    body = raw[1:] if negated else raw
    if not body:
        raise fail(_("'!' needs a term after it"))
    if body.startswith("!"):
        raise fail(_("double negation"))
    if body.startswith('"'):
        value, rest = _unquote(body)
        if rest:
            raise fail(_("unexpected text after the closing quote"))
        if not value:
            raise fail(_("empty phrase"))
        return Term(negated, None, None, value, position, raw)
    found = _field_term(body)
    if found is None:
        if '"' in body:
            raise fail(_("unexpected quote (quote the whole word or value)"))
        return Term(negated, None, None, body, position, raw)
    name, op, value_text = found
    spec = _CATALOGUE.get(_norm(name)) or _CATALOGUE.get(_norm(localized_fields().get(name.casefold(), "")))
    if spec is None:
        if not name.isascii():  # not a field in this language: the whole term is text, as before
            return Term(negated, None, None, body, position, raw)
        close = difflib.get_close_matches(name, field_names(), n=1, cutoff=0.75)
        hint = _("; did you mean '{name}'?").format(name=close[0]) if close else ""
        message = _("unknown field '{name}' in '{raw}' (at column {column}){hint}").format(
            name=name, raw=raw, column=position + 1, hint=hint)
        raise QueryError(message, position, raw, expr)
    if value_text.startswith('"'):
        value, rest = _unquote(value_text)
        if rest:
            raise fail(_("unexpected text after the closing quote"))
    else:
        if '"' in value_text:
            raise fail(_("unexpected quote (quote the whole value)"))
        value = value_text
    if not value:
        raise fail(_("missing value after '{name}{op}'").format(name=name, op=op))
    test = _build_test(spec, op, value, fail)
    return Term(negated, spec.display, op, value, position, raw, spec, test)


def parse(expr: str) -> Query:
    """Parse a filter expression; an empty one matches everything. Raises only :class:`QueryError`."""
    if not isinstance(expr, str):
        raise QueryError(_("a filter expression must be text"), 0, "", "")
    try:
        terms = tuple(_parse_term(expr, position, raw) for position, raw in _split(expr))
    except QueryError:
        raise
    except Exception as exc:  # defensive: never leak another exception type to the caller
        raise QueryError(_("cannot parse the filter: {exc}").format(exc=exc), 0, expr, expr) from exc
    return Query(terms, expr)

