"""Server text made safe to show: control and bidi-override characters become visible escapes.

Job names, descriptions and messages come from whoever submitted the job. Shown raw, an ANSI or OSC
sequence would drive the operator's terminal and a bidi override would reorder what they read; so
every such character is replaced by its escape (``\\x1b``, ``\\u202e``), and everything printable,
CJK and emoji included, is kept as it is.
"""

from __future__ import annotations

import unicodedata

_KEEP = frozenset(" ")


def printable(value: object) -> str:
    """``str(value)`` with every control (Cc) and format (Cf) character written as an escape."""
    text = str(value)
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch not in _KEEP and unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def _char_width(ch: str) -> int:
    if unicodedata.east_asian_width(ch) in "WF":
        return 2
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me"):
        return 0  # combining marks draw over the previous character
    return 1


def cell_width(text: str) -> int:
    """Terminal cells ``text`` takes (East Asian wide and full-width characters take two, combining
    marks none)."""
    if text.isascii():
        return len(text)
    return sum(map(_char_width, text))


def truncate(text: str, width: int) -> str:
    """Cut ``text`` to ``width`` cells, ending with an ellipsis when anything was cut."""
    if cell_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = _char_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"
