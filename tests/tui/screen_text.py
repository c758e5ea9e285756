"""The text of the whole screen as the terminal shows it, read from Textual's public
``App.export_screenshot()`` (an SVG): one string per terminal line, each character at its cell
(a double-width character takes two cells: the next cell holds ``WIDE_TAIL``)."""

from __future__ import annotations

import html
import re
from typing import Any

from rich.cells import cell_len

WIDE_TAIL = "\u0000"
"""Marks the second cell of a double-width character in :func:`screen_cells`."""

_TEXT = re.compile(r'<text[^>]*\bx="([\d.]+)"[^>]*clip-path="url\(#terminal-\d+-line-(\d+)\)"[^>]*>([^<]*)</text>')
_SIZE = re.compile(r'<clipPath id="terminal-\d+-line-(\d+)">')


def _char_width(items: list[tuple[float, int, str]], svg: str) -> float:
    for match in re.finditer(r'<text[^>]*textLength="([\d.]+)"[^>]*>([^<]*)</text>', svg):
        text = html.unescape(match.group(2))
        if text and text.isascii() and float(match.group(1)) > 0:
            return float(match.group(1)) / len(text)
    raise AssertionError("no ASCII text in the screenshot to measure a cell by")


def screen_cells(app: Any, width: int | None = None) -> list[list[str]]:
    """Each terminal line of ``app``'s screen as a list of cells."""
    svg = app.export_screenshot()
    width = width or app.size.width
    items = [(float(x), int(line), html.unescape(text).replace("\xa0", " ")) for x, line, text in _TEXT.findall(svg)]
    cell = _char_width(items, svg)
    height = max([int(n) for n in _SIZE.findall(svg)] + [line for _x, line, _t in items]) + 1
    rows = [[" "] * width for _ in range(height)]
    for x, line, text in items:
        col = round(x / cell)
        for ch in text:
            if col >= width:
                break
            rows[line][col] = ch
            col += 1
            if cell_len(ch) == 2 and col < width:
                rows[line][col] = WIDE_TAIL
                col += 1
    return rows


def screen_lines(app: Any) -> list[str]:
    """Each terminal line of ``app``'s screen as text (trailing blanks removed)."""
    return ["".join(ch for ch in row if ch != WIDE_TAIL).rstrip() for row in screen_cells(app)]
