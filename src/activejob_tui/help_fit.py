"""``--help`` fitted to the terminal by cells, in any language.

argparse wraps by characters (``textwrap``), so a line of Chinese, two cells a character, came out
twice as wide as the terminal; and the descriptions and epilogs it keeps as written are written as one
line per paragraph or example, for the terminal's width to decide. :func:`fit` rewraps every line
wider than the terminal, and leaves every other line as argparse wrote it.

Widths come from the Unicode database in the standard library (``unicodedata``: East Asian Width W
and F take two cells, combining marks none), not from Rich's ``cell_len``, the console's one width
function: ``--help`` loads nothing heavy (tests/cli/test_imports.py; Rich's ``Text.wrap`` would add
some 25 ms of imports to a 64 ms start, over the ≤ 5× goal of benchmarks/cli_startup.py). For help
text — our catalogs' English and Chinese — the two agree. Lines break at spaces and between two
Chinese characters, as Chinese is written; a closing mark (，。、；：）」) never starts a line and an
opening one (（「) never ends one. No line-breaking library earns its place here: the one that
implements Unicode's line-breaking rules also breaks ``--endpoint`` after its ``--``, and costs
some 30 ms of imports.
"""

from __future__ import annotations

import re
import unicodedata

_ENTRY = re.compile(r"( +\S.*?  +)(?=\S)")
"""An option's invocation and the gap before its help (``  --timeout DURATION  ``), or an example and
the gap before its comment."""
HELP_INDENT = 4
"""A line indented deeper than this (and not an option's own line) is an option's help under it;
descriptions' and epilogs' examples are indented less."""
_CLOSING = frozenset("，。、；：！？）」』》〉…")
_OPENING = frozenset("（「『《〈")


def cells(text: str) -> int:
    """Terminal cells of ``text``: two for a wide (W) or fullwidth (F) character, none for a combining
    mark, one for any other."""
    return sum(0 if unicodedata.combining(c) else 2 if _wide(c) else 1 for c in text)


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def _breaks_before(last: str, char: str) -> bool:
    """A line may break between ``last`` and ``char``: after spaces, and before or after a wide
    character — never before a space or a closing mark, nor after an opening one."""
    if char.isspace() or char in _CLOSING or last in _OPENING:
        return False
    return last.isspace() or _wide(last) or _wide(char)


def _pieces(text: str) -> list[str]:
    """``text`` cut where a line may break, each piece with the spaces after it."""
    pieces: list[str] = []
    for char in text:
        if pieces and not _breaks_before(pieces[-1][-1], char):
            pieces[-1] += char
        else:
            pieces.append(char)
    return pieces


def wrap(text: str, width: int) -> list[str]:
    """``text`` (one line) as lines of at most ``width`` cells, trailing spaces dropped; a piece wider
    than a line is cut by cells. At least one line."""
    lines, line = [], ""
    for piece in _pieces(text):
        if line and cells((line + piece).rstrip()) > width:
            lines.append(line.rstrip())
            line = ""
        line += piece
        while cells(line.rstrip()) > width:  # one word wider than the line: cut it
            cut = next(k for k in range(len(line), 0, -1) if cells(line[:k]) <= width) if width > 1 else 1
            while cut > 1 and line[cut] in _CLOSING:  # the closing mark stays with what it closes
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    return [*lines, line.rstrip()] if line.strip() or not lines else lines


def _joined(pieces: list[str]) -> str:
    """Lines argparse broke, joined again: with a space, but not between two wide characters."""
    text = pieces[0]
    for piece in pieces[1:]:
        text += piece if text and _wide(text[-1]) and _wide(piece[0]) else " " + piece
    return text


def _continues(line: str, column: int) -> bool:
    """``line`` goes on with the help above it: indented exactly to its column."""
    return line.startswith(" " * column) and line[column:column + 1].strip() != ""


def fit(text: str, width: int) -> str:
    """``text`` (argparse's help or usage) with every line wider than ``width`` cells wrapped to it.

    An option's help keeps its column: the entry's lines argparse broke are joined again and wrapped
    under it (also a help argparse put under its option, indented deeper than :data:`HELP_INDENT`);
    with less than half the width beside it, the help goes under the option, indented 4. Any other line
    (a paragraph of a description, an example) is wrapped on its own, its continuation lines indented
    like it. A line that fits is left as it is."""
    lines, out, i = text.split("\n"), [], 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if cells(line) <= width:
            out.append(line)
            continue
        entry = _ENTRY.match(line)
        head = entry.group(1) if entry else line[: len(line) - len(line.lstrip(" "))]
        column = cells(head)
        parts = [line[entry.end():] if entry else line[column:]]
        if entry and column > width // 2:
            out.extend(fit(head.rstrip(), width).split("\n"))
            head, column = " " * 4, 4
        joins = entry is not None or column > HELP_INDENT  # an option's help, or a help under its option
        continuation = cells(entry.group(1)) if entry else column
        while joins and i < len(lines) and _continues(lines[i], continuation):
            parts.append(lines[i].lstrip(" "))
            i += 1
        wrapped = wrap(_joined(parts), max(width - column, 1))
        out.append(head + wrapped[0])
        out.extend(" " * column + rest for rest in wrapped[1:])
    return "\n".join(out)
