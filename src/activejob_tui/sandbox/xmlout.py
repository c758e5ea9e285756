"""XML text building: escaping, xsd:dateTime formatting, and a table-driven renderer.

Answers are built as strings (the hot path is thousands of jobs), always escaped here.
Children are written unprefixed under a default namespace declared on the ``<op>Return``
element, so every child is qualified in the request's namespace.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from . import xsd

# Characters XML 1.0 cannot carry at all (C0 controls except TAB/LF/CR, surrogates, U+FFFE/FFFF).
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NEEDS_ESCAPE = re.compile("[&<>\r\"\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Replace characters XML 1.0 cannot represent with U+FFFD (documented in SANDBOX.md)."""
    return _INVALID_XML.sub("\ufffd", text)


def esc(text: str) -> str:
    if not _NEEDS_ESCAPE.search(text):
        return text
    text = _INVALID_XML.sub("\ufffd", text)
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("\r", "&#13;"))


def fmt_dt(ts: float) -> str:
    """Epoch seconds -> ``2026-11-25T21:49:47.123Z`` (offset and milliseconds, always UTC)."""
    dt = datetime.fromtimestamp(ts, UTC)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def fmt_value(typ: str, value: Any) -> str:
    if typ == "b":
        return "true" if value else "false"
    if typ == "dt":
        return fmt_dt(value) if isinstance(value, (int, float)) else esc(str(value))
    if typ == "d":
        return repr(float(value))
    if typ in ("i", "l"):
        return str(int(value))
    return esc(str(value))


class MissingRequired(Exception):
    pass


def render_fields(version: str, fields: tuple[xsd.Field, ...], data: dict[str, Any]) -> str:
    """The children of a complex value, walking ``fields`` in order, values from ``data``.

    Keys of ``data`` that the version's type does not have are ignored (that is how a 2016 value
    is shown to a legacy client); an optional complex child that lacks a required field of this
    version is left out.
    """
    types = xsd.TYPES[version]
    out: list[str] = []
    for f in fields:
        value = data.get(f.name)
        if value is None:
            if f.min_occurs:
                raise MissingRequired(f.name)
            continue
        values = value if f.unbounded else (value,)
        for v in values:
            if f.simple:
                out.append(f"<{f.name}>{fmt_value(f.type, v)}</{f.name}>")
            else:
                try:
                    inner = render_fields(version, types[f.type], v)
                except MissingRequired:
                    if f.min_occurs:
                        raise
                    continue
                out.append(f"<{f.name}>{inner}</{f.name}>" if inner else f"<{f.name}/>")
    return "".join(out)


def render_type(version: str, type_name: str, data: dict[str, Any]) -> str:
    return render_fields(version, xsd.TYPES[version][type_name], data)
