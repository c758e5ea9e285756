"""In Traditional Chinese the job list's columns stay aligned (issue 15): read back from the screen
(``App.export_screenshot()``), every row's column boundaries are at the same cell offsets as the
header's, the padding between columns is blank on every row, and no double-width character is cut in
half or spills over a boundary — at 160 and at 80 columns, in the three views, with a job name that
mixes CJK, emoji and control characters (``scenarios.HOSTILE_NAME``)."""

from __future__ import annotations

import pytest

from activejob_tui import i18n
from activejob_tui.tui.column_layout import CELL_PADDING

from . import scenarios
from .screen_text import WIDE_TAIL, screen_cells

SCENES = {"active": "active", "scheduled": "scheduled", "finished": "finished-with-log"}


@pytest.fixture
def zh_tw():
    i18n.set_language("zh_TW")
    yield
    i18n.set_language("en")


def column_spans(table) -> list[tuple[int, int, str]]:
    """(first cell, cell after the last, id) of each column's content, in screen cells."""
    x = table.content_region.x - round(table.scroll_x)
    spans = []
    for laid in table.laid():
        start = x + CELL_PADDING
        spans.append((start, start + laid.width, laid.key))
        x = start + laid.width + CELL_PADDING
    return spans


@pytest.mark.parametrize("size", [(160, 48), (80, 24)], ids=["160x48", "80x24"])
@pytest.mark.parametrize("view", list(SCENES))
async def test_columns_stay_aligned_in_traditional_chinese(zh_tw, view, size):
    prepare, _size, readonly = scenarios.SCENES[SCENES[view]]
    app, _ = scenarios.make(readonly=readonly)
    async with app.run_test(size=size) as pilot:
        await prepare(pilot)
        table = app.console_screen.table
        cells = screen_cells(app)
        spans = column_spans(table)
        right = table.content_region.right
        top = table.content_region.y
        rows = range(top, top + min(table.row_count + 1, table.content_region.height))
        assert len(spans) >= 4 and table.row_count > 0
        header = "".join(ch for ch in cells[top] if ch != WIDE_TAIL)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in header), header  # the header is in Chinese
        problems = []
        for y in rows:
            line = cells[y]
            for start, end, key in spans:
                if start >= right:
                    break
                if line[start] == WIDE_TAIL:
                    problems.append(f"row {y}: a wide character spills into {key!r} at cell {start}")
                for pad in (start - 1, end):
                    if pad < right and line[pad] != " ":
                        problems.append(f"row {y}: padding of {key!r} at cell {pad} holds {line[pad]!r}")
            if y == top:
                for start, end, key in spans:
                    label = table.columns[key].column.label.strip()
                    if label and start < right:
                        shown = "".join(ch for ch in line[start:min(end, right)] if ch != WIDE_TAIL)
                        assert shown.startswith(label[: len(shown.rstrip("▲▼ "))].rstrip()), (key, shown, label)
        assert not problems, "\n".join(problems)
        if view == "active":  # the hostile name (CJK, emoji) is among the rows drawn
            assert any("[bold" in "".join(cells[y]) for y in rows)  # its markup as text (cut in the middle at 80)
