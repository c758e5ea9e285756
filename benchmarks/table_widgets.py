"""The job table two ways, side by side in one run: the console's ``JobTable`` against a bare line-API
prototype (``ScrollView`` + ``render_line``, as Toolong draws huge logs) that owns its rows and renders
only the visible lines — the floor for any widget that draws these cells.

    python benchmarks/table_widgets.py [--jobs 10000]
    PYTHONPATH=<checkout of an older commit>/src python benchmarks/table_widgets.py   # before/after

Since the line-API JobTable (issue 12) the first column is that widget; with an older checkout on
``PYTHONPATH`` it is the DataTable-based JobTable of that commit, so one script prints both.

Prints JSON: per widget, the fill to the screen (median and [min–max] of 3, and per job), a poll
applied to the screen with 5 % of the jobs changed (median, p95 of 20), and a cursor move to the
screen (p50, p95 of 100); and the ratio line-API / DataTable for each. The line-API widget is a
prototype for the measurement only — just enough to draw the same cells (header, cursor, fixed
widths, ellipsis) — without JobTable's sorting, filtering, marks, layout, mouse and messages.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from activejob_tui.console_state import ConsoleState  # noqa: E402
from activejob_tui.poller import View  # noqa: E402
from activejob_tui.tui.columns import COLUMNS, RowContext  # noqa: E402
from activejob_tui.tui.widgets.job_table import JobTable  # noqa: E402
from benchmarks.ui import RenderProbe, mutate, pct, updates  # noqa: E402
from tests.tui.fakes import fixed_clock, make_active  # noqa: E402

SIZE = (160, 48)


class LineTable(ScrollView, can_focus=True):
    """Rows of fixed-width cells drawn line by line; only the visible lines are ever rendered."""

    BINDINGS = [Binding("down,j", "down", show=False), Binding("up,k", "up", show=False)]
    cursor = reactive(0)

    def __init__(self, ctx: RowContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.columns = COLUMNS[View.ACTIVE]
        self.keys: list[str] = []
        self.jobs: dict[str, Any] = {}
        self.cells: dict[str, list[Any]] = {}
        self.strips: dict[tuple[str, bool], Strip] = {}
        self.updates = 0

    def cells_of(self, key: str, job: Any) -> list[Any]:
        return [column.cell(job, key, self.ctx, column.width) for column in self.columns]

    def fill(self, jobs: dict[str, Any]) -> None:
        self.jobs = dict(jobs)
        self.keys = list(jobs)
        self.cells = {key: self.cells_of(key, job) for key, job in jobs.items()}
        self.strips.clear()
        width = sum(c.width + 2 for c in self.columns)
        self.virtual_size = Size(width, len(self.keys) + 1)
        self.updates += 1
        self.refresh()

    def apply(self, jobs: dict[str, Any], changed: list[str]) -> None:
        self.jobs = dict(jobs)
        for key in changed:
            self.cells[key] = self.cells_of(key, jobs[key])
            self.strips.pop((key, False), None)
            self.strips.pop((key, True), None)
        self.updates += 1
        self.refresh()

    def watch_cursor(self) -> None:
        self.updates += 1
        self.refresh()

    def action_down(self) -> None:
        self.cursor = min(self.cursor + 1, len(self.keys) - 1)
        self.scroll_to_region_of_cursor()

    def action_up(self) -> None:
        self.cursor = max(self.cursor - 1, 0)
        self.scroll_to_region_of_cursor()

    def scroll_to_region_of_cursor(self) -> None:
        top = self.scroll_offset.y
        height = self.size.height - 1
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False)

    def _line(self, parts: list[Any], style: Style, console: Console) -> Strip:
        segments: list[Segment] = []
        for column, cell in zip(self.columns, parts, strict=True):
            text = cell.__rich__() if hasattr(cell, "__rich__") else cell
            if not isinstance(text, Text):
                text = Text(str(text))
            text = text.copy()
            text.truncate(column.width, overflow="ellipsis", pad=True)
            segments.append(Segment(" "))
            segments.extend(text.render(console))
            segments.append(Segment(" "))
        return Strip(Segment.apply_style(segments, post_style=style)).simplify()

    def render_line(self, y: int) -> Strip:
        console = self.app.console
        width = self.size.width
        if y == 0:
            return self._line([Text(c.label) for c in self.columns], Style(bold=True), console).crop_extend(0, width, None)
        row = self.scroll_offset.y + y - 1
        if row >= len(self.keys):
            return Strip.blank(width)
        key = self.keys[row]
        selected = row == self.cursor
        strip = self.strips.get((key, selected))
        if strip is None:
            style = Style(reverse=True) if selected else Style()
            strip = self.strips[(key, selected)] = self._line(self.cells[key], style, console)
        return strip.crop_extend(self.scroll_offset.x, self.scroll_offset.x + width, None)


class Bench(App[None]):
    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind
        self.state = ConsoleState(fixed_clock())
        self.ctx = RowContext(clock=self.state.clock, histories=self.state.histories, stopping=self.state.stopping,
                              marks=self.state.marks)

    def compose(self) -> ComposeResult:
        yield JobTable(self.ctx, self.state) if self.kind == "job_table" else LineTable(self.ctx)


def cursor(table: Any) -> int:
    return table.cursor if isinstance(table, LineTable) else table.cursor_row


async def measure(kind: str, n: int) -> dict[str, Any]:
    jobs = {j.job_handle: j for j in make_active(n)}
    app = Bench(kind)
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(JobTable if kind == "job_table" else LineTable)
        probe = RenderProbe(app.screen, lambda: (updates(table), cursor(table)))
        fills = []
        for _ in range(3):
            start = time.perf_counter()
            if isinstance(table, JobTable):
                table.configure(View.ACTIVE, jobs)
            else:
                table.fill(jobs)
            count = updates(table)
            fills.append(await probe.until(start, lambda s, count=count: s[0] >= count, timeout=60))
            await pilot.pause(0.1)
        rng = random.Random(1)
        current = jobs
        polls = []
        for step in range(1, 21):
            new = {j.job_handle: j for j in mutate(current, 0.05, rng, step)}
            changed = [k for k in new if new[k] is not current[k]]
            start = time.perf_counter()
            if isinstance(table, JobTable):
                table.apply(new, [], changed, [])
            else:
                table.apply(new, changed)
            current = new
            count = updates(table)
            polls.append(await probe.until(start, lambda s, count=count: s[0] >= count))
            await pilot.pause(0.05)
        table.focus()
        await pilot.pause(0.1)
        keys = []
        for i in range(100):
            key = "j" if i % 20 < 15 else "k"
            expected = cursor(table) + (1 if key == "j" else -1)
            start = time.perf_counter()
            app.simulate_key(key)
            keys.append(await probe.until(start, lambda s, expected=expected: s[1] == expected))
            await asyncio.sleep(0.02)
    return {
        "fill_ms": {"median": round(statistics.median(fills) * 1000, 1),
                    "min_max": [round(min(fills) * 1000, 1), round(max(fills) * 1000, 1)],
                    "per_job_us": round(statistics.median(fills) / n * 1e6, 1)},
        "poll_apply_ms": {"median": round(statistics.median(polls) * 1000, 1), "p95": round(pct(polls, 0.95) * 1000, 1),
                          "min_max": [round(min(polls) * 1000, 1), round(max(polls) * 1000, 1)]},
        "keypress_ms": {"p50": round(pct(keys, 0.5) * 1000, 1), "p95": round(pct(keys, 0.95) * 1000, 1),
                        "min_max": [round(min(keys) * 1000, 1), round(max(keys) * 1000, 1)]},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=10_000)
    args = parser.parse_args()
    result: dict[str, Any] = {"jobs": args.jobs}
    result["job_table_module"] = sys.modules[JobTable.__module__].__file__
    result["job_table_base"] = next(c.__name__ for c in JobTable.__mro__ if c.__module__.startswith("textual."))
    for kind in ("job_table", "line_api_prototype"):
        result[kind] = asyncio.run(measure(kind, args.jobs))
    d, line = result["job_table"], result["line_api_prototype"]
    result["ratio_prototype_over_job_table"] = {
        "fill": round(line["fill_ms"]["median"] / d["fill_ms"]["median"], 2),
        "poll_apply_p95": round(line["poll_apply_ms"]["p95"] / d["poll_apply_ms"]["p95"], 2),
        "keypress_p95": round(line["keypress_ms"]["p95"] / d["keypress_ms"]["p95"], 2),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
