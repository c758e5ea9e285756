"""Server text is data: the one place that turns it into something safe to show.

Everything the server sends (names, descriptions, messages, paths) goes through :func:`safe_str`
or :func:`safe_text` before it reaches a widget. Control characters are *shown*, never executed:
every control or format character (C0, C1, ESC, bidi overrides…) is written as a visible escape
(``\\x1b``, ``\\u202e``), the same policy as the CLI's. Rich markup is never
interpreted because the result is a plain ``str`` or a ``rich.text.Text`` (never parsed as markup).
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from ..model.text import cell_width, printable, truncate_middle


def safe_str(value: object, *, keep_newlines: bool = False) -> str:
    """``value`` as a string with every control/format character written as a visible escape.

    The escaping policy is the project's one (:func:`model.text.printable`, shared with the CLI):
    ``\\x1b``, ``\\u202e``… ``None`` becomes ``""``. With ``keep_newlines`` a plain ``\\n``
    survives (multi-line descriptions in the detail pane); ``\\r`` and the rest are still escaped.
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if keep_newlines and "\n" in text:
        return "\n".join(printable(part) for part in text.split("\n"))
    return printable(text)


def safe_text(
    value: object,
    style: str | Style = "",
    *,
    width: int | None = None,
    keep_newlines: bool = False,
    middle: bool = False,
) -> Text:
    """A ``Text`` of ``value`` made safe; with ``width``, truncated with an ellipsis to that many cells
    (``middle``: the ellipsis in the middle, the end kept — ``model.text.truncate_middle``)."""
    if width is not None and middle:
        return Text(truncate_middle(safe_str(value), width), style=style, end="", no_wrap=True)
    text = Text(safe_str(value, keep_newlines=keep_newlines), style=style, end="", no_wrap=width is not None)
    if width is not None:
        return truncate_rich(text, width)
    return text


def rjust(value: str, width: int) -> str:
    """``value`` right-aligned in ``width`` terminal cells (``str.rjust`` counts characters, and a
    translated unit such as 分 takes two cells)."""
    return " " * max(0, width - cell_width(value)) + value


def ljust(value: str, width: int) -> str:
    """``value`` left-aligned in ``width`` terminal cells."""
    return value + " " * max(0, width - cell_width(value))


def truncate_rich(text: Text, width: int) -> Text:
    """``text`` cut to ``width`` terminal cells (CJK and emoji count double) ending in ``…``."""
    if cell_width(text.plain) <= width:
        return text
    cut = text.copy()
    cut.truncate(max(width, 1), overflow="ellipsis")
    return cut


def capitalized(word: str) -> str:
    """``word`` with its first letter upper-case (``str.capitalize`` would lower the rest; a
    Chinese word is left as it is)."""
    return word[:1].upper() + word[1:]
