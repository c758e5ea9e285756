"""JSON and JSON Lines of jobs and log lines, keyed by IPS names (``--format json|jsonl``, ``--watch``'s
events, the console's ``y`` view): one job per line, every control or bidi character escaped."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from typing import Any

from .model.serialize import to_ips_dict

_JSON_UNSAFE = re.compile(
    "[\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b\u200e\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001]"
)
"""The characters ``model.text.printable`` escapes (Unicode Cc, Cf, Zl, Zp) above U+001F, which JSON
already escapes: C1 controls, bidi overrides and other format characters a terminal may act on or
reorder. ``json.dumps(ensure_ascii=False)`` would write them raw."""


def as_json(rows: Sequence[Any]) -> str:
    """A JSON array keyed by IPS names, one job per line (grep- and diff-friendly; ``jq`` pretty-prints).
    ``indent`` would switch json to its pure-Python encoder, 4x slower on 10,000 jobs. UTF-8 text as
    is, but every control or bidi character as a ``\\uXXXX`` escape, so the exact text round-trips
    through a JSON parser and nothing reaches the terminal raw."""
    return "".join(json_chunks(rows, array=True))


def json_chunks(rows: Sequence[Any], *, array: bool, per_chunk: int = 500) -> Iterator[str]:
    """``as_json`` (``array``) or ``as_jsonl`` in pieces of ``per_chunk`` jobs, ending in a newline
    only for the array's closing bracket: a reader that stops early (``| head -1``) stops the work."""
    if array and not rows:
        yield "[]"
        return
    encode = json.JSONEncoder(ensure_ascii=False).encode
    separator = ",\n" if array else "\n"
    if array:
        yield "[\n"
    for start in range(0, len(rows), per_chunk):
        lines = separator.join(_escape_unsafe(encode(to_ips_dict(r))) for r in rows[start : start + per_chunk])
        yield (separator if start else "") + lines
    if array:
        yield "\n]"


def _escape_unsafe(line: str) -> str:
    if line.isascii():  # the common case, and a C-speed check
        return line
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", line)


def json_line(value: Any) -> str:
    """One JSON value on one line, with control and bidi characters escaped (see ``as_json``)."""
    return _escape_unsafe(json.JSONEncoder(ensure_ascii=False).encode(value))


def as_jsonl(rows: Sequence[Any]) -> str:
    """One JSON object per line, nothing else (JSON Lines): what ``jq -c`` and log shippers read."""
    return "".join(json_chunks(rows, array=False))
