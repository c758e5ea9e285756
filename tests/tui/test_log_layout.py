"""The log pane's lines are padded like its title and the detail pane (one blank cell inside the border)."""

from __future__ import annotations

import re

from .helpers import running_console, settle, wait_until
from .screen_text import screen_lines

LINE = re.compile(r"\d\d:\d\d:\d\d [·✓!✗?] ")


def log_rows(app) -> tuple[int, list[int]]:
    """(the column of the log title's first letter, the column where each log line on screen starts)."""
    rows = screen_lines(app)
    title = next(row for row in rows if "detail lines" in row)
    title_col = title.index("Log", title.index("││")) if "││" in title else title.index("Log")
    return title_col, [m.start() for row in rows for m in [LINE.search(row, title_col - 3)] if m is not None]


async def test_log_lines_start_one_cell_inside_the_border_like_the_title():
    async with running_console() as (pilot, app, screen, _source):
        await pilot.press("3")
        await settle(pilot, app)
        await wait_until(pilot, lambda: len(screen.log_pane.log_widget.lines) > 3, timeout=10)
        await pilot.pause(0.2)
        title_col, starts = log_rows(app)
        assert starts and set(starts) == {title_col}, (title_col, starts)
