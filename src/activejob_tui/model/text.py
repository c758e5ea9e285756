"""Server text made safe to show, and measured the way the terminal draws it.

Job names, descriptions and messages come from whoever submitted the job. Shown raw, an ANSI or OSC
sequence would drive the operator's terminal and a bidi override would reorder what they read; so
every such character is replaced by its escape (``\\x1b``, ``\\u202e``), and everything printable,
CJK and emoji included, is kept as it is. The zero-width joiner and non-joiner (U+200D, U+200C)
and emoji tag characters are text, not controls: they build emoji sequences (``👩‍🔬``) and
Persian or Indic words, so they are kept.

**One width function** for the CLI's tables and the console: :func:`cell_width` is Rich's
grapheme-aware ``cell_len``, the very function Textual lays its widgets out with, so a CLI column
and a console cell agree with each other and with what the console actually draws (see
docs/DECISIONS.md for the cases checked: CJK, emoji + VS16, skin tones, ZWJ families, ZWNJ,
combining accents).
"""

from __future__ import annotations

import unicodedata

_KEEP = frozenset(" \u200c\u200d")
"""Characters of a control/format category that are text: space, ZWNJ, ZWJ."""


def _is_text(ch: str) -> bool:
    return ch in _KEEP or 0xE0020 <= ord(ch) <= 0xE007F  # emoji tag sequences (subdivision flags)


def printable(value: object) -> str:
    """``str(value)`` with every control (Cc) and format (Cf) character written as an escape."""
    text = str(value)
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and not _is_text(ch):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def cell_width(text: str) -> int:
    """Terminal cells ``text`` takes, grapheme by grapheme (Rich's ``cell_len``, Textual's measure):
    CJK and emoji 2, an emoji sequence (ZWJ family, skin tone, VS16) 2 in all, combining marks 0."""
    if text.isascii():
        return len(text)
    from rich.cells import cell_len  # loaded on the first non-ASCII text: --help and --version never pay for it

    return cell_len(text)


def truncate_middle(text: str, width: int) -> str:
    """Cut ``text`` to ``width`` cells with ``…`` in the middle, keeping its end (two fifths of the
    room): IPS names runs of a scheduled job ``Name_2026-11-30-09:31:00`` and copies ``Name (2)``, so
    jobs whose names differ only at the end stay apart in a narrow column."""
    if cell_width(text) <= width:
        return text
    if width <= 4:
        return truncate_plain(text, width)
    tail_room = (width - 1) * 2 // 5
    start = len(text)
    while start > 0 and cell_width(text[start - 1:]) <= tail_room:
        start -= 1
    while start < len(text) and unicodedata.combining(text[start]):  # never open on a combining mark
        start += 1
    tail = text[start:]
    from rich.cells import chop_cells

    head = chop_cells(text[:start], width - 1 - cell_width(tail))[0]
    return head + "…" + tail


def truncate_plain(text: str, width: int) -> str:
    """Cut ``text`` to ``width`` cells on a grapheme boundary, ending with ``…`` when anything was cut."""
    if cell_width(text) <= width:
        return text
    if width <= 1:
        return "…" if width == 1 else ""
    from rich.cells import chop_cells

    return chop_cells(text, width - 1)[0] + "…"
