"""The filter's lexer and parser by behaviour (issue 16: the survivors of the mutation run over
``model/query/parser.py``): backslashes in quoted values, where a term starts and ends."""

from __future__ import annotations

from activejob_tui.model.query import parse


def test_a_backslash_escapes_only_a_quote_or_a_backslash() -> None:
    (term,) = parse('name:"a\\Xb"').terms
    assert term.value == "a\\Xb"  # kept before any other character
    (term,) = parse('name:"a\\"b"').terms
    assert term.value == 'a"b'
    (term,) = parse('name:"a\\\\b"').terms
    assert term.value == "a\\b"
    (phrase,) = parse('"x\\ny"').terms
    assert phrase.value == "x\\ny"
