"""Sorting and filtering a big job list, to the screen, printed as JSON (issue 12: 50,000 jobs fluid).

    python benchmarks/sort_filter.py [--jobs 50000] [--runs 4]
    PYTHONPATH=<export of an older commit>/src python benchmarks/sort_filter.py   # before/after

With ``--jobs`` generated active jobs in the console (no sandbox, no polls), times from the call
to the frame that shows it (``ui.RenderProbe``): ``o`` (the next sort column, ``action_cycle_sort``)
``runs`` times from the default sort, then ``runs`` times a filter (``progress<30``) and its clearing
(``list_view.apply_filter``, what the filter bar's Enter and Esc run). Each: median and [min–max]
in ms, the event loop thread's CPU time beside it (the machine's other work inflates the wall time,
not the CPU time), and the ratio to the baseline measured in the same run: ``configure`` of the
same jobs to the screen (the list refilled from scratch, as before issue 5).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO))

from tests.tui.fakes import FakeSource, fixed_clock, make_active  # noqa: E402
from ui import SIZE, RenderProbe, updates, wait_rows  # noqa: E402

from activejob_tui.model.query.parser import parse  # noqa: E402
from activejob_tui.poller import View  # noqa: E402
from activejob_tui.tui.app import ActiveJobApp  # noqa: E402
from activejob_tui.tui.screens.list_view import apply_filter  # noqa: E402


def summary(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.1f} [{min(values) * 1000:.1f}–{max(values) * 1000:.1f}]"


async def bench(n: int, runs: int) -> dict[str, Any]:
    source = FakeSource(make_active(n))

    async def connect() -> FakeSource:
        return source

    app = ActiveJobApp(connect, poll_interval=3600, now=fixed_clock())
    async with app.run_test(size=SIZE) as pilot:
        screen = app.console_screen
        table = screen.table
        probe = RenderProbe(screen, lambda: (table.row_count, updates(table)))
        await wait_rows(pilot, app, timeout=300)
        await probe.until(time.perf_counter(), lambda state: state[0] == n, timeout=300)
        app.poller.stop()
        table.focus()
        await pilot.pause(0.5)
        for _ in range(20):  # the cursor off the first row, as an operator's would be
            app.simulate_key("j")
        await pilot.pause(0.5)
        wall: dict[str, list[float]] = {"sort": [], "filter": [], "clear": [], "refill": []}
        cpu: dict[str, list[float]] = {key: [] for key in wall}

        async def timed(kind: str, action: Any) -> None:
            count = updates(table)
            c0, t0 = time.thread_time(), time.perf_counter()
            action()
            wall[kind].append(await probe.until(t0, lambda state: state[1] > count, timeout=60))
            cpu[kind].append(time.thread_time() - c0)
            await pilot.pause(0.2)

        for _ in range(runs):
            await timed("sort", table.action_cycle_sort)
        query = parse("progress<30")
        for _ in range(runs):
            await timed("filter", lambda: apply_filter(screen, query, "progress<30"))
            await timed("clear", lambda: apply_filter(screen, None, ""))
        jobs = dict(table.jobs)
        for _ in range(runs):
            await timed("refill", lambda: table.configure(View.ACTIVE, jobs))
    base = statistics.median(wall["refill"])
    out: dict[str, Any] = {"jobs": n, "runs": runs, "baseline": "refill: configure() of the same jobs to the screen"}
    for kind in wall:
        out[kind] = {"to_screen_ms": summary(wall[kind]), "cpu_ms": summary(cpu[kind])}
        if kind != "refill":
            out[kind]["ratio_to_refill"] = round(statistics.median(wall[kind]) / base, 2)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=4)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(bench(args.jobs, args.runs)), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
