"""How long a poll of many jobs keeps the event loop (the console's UI) from running, printed as JSON.

    python benchmarks/poll_lag.py [--jobs 50000] [--polls 4] [--url http://127.0.0.1:PORT]

Starts a sandbox with ``--jobs`` demo jobs (or uses ``--url``, a running sandbox's base URL), opens the
real client as the console does and polls getActiveJobs ``--polls`` times in a row, while a probe on
the same event loop sleeps 5 ms again and again and records how late it wakes. A late wake is time
the UI could not run: a keypress in that window waits at least that long. Printed: per poll its
duration, the probe's p50/p95/max lag and the stalls of 50 ms or more; for all polls together the
same; and beside it the lag of the probe alone (no poll) in the same run — the baseline.

The collector is paused around each fetch, as the console's poller does (``tui/heap.py``).
Goal (issue 12): keypress p95 ≤ 50 ms at 50,000 jobs while polls run, so lag p95 well under that and
no stall of a second.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from activejob_tui.ips.client import ClientSettings, IpsClient  # noqa: E402
from activejob_tui.sandbox.paths import WSDL_2016_PATH  # noqa: E402

TICK = 0.005


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def summary(lags: list[float]) -> dict[str, Any]:
    return {"wakes": len(lags), "p50_ms": round(pct(lags, 0.5) * 1000, 1), "p95_ms": round(pct(lags, 0.95) * 1000, 1),
            "max_ms": round(max(lags, default=0.0) * 1000, 1),
            "stalls_ms": [round(x * 1000) for x in lags if x >= 0.05]}


async def probe(lags: list[float], stop: asyncio.Event) -> None:
    while not stop.is_set():
        t0 = time.perf_counter()
        await asyncio.sleep(TICK)
        lags.append(max(0.0, time.perf_counter() - t0 - TICK))


async def measure(url: str, polls: int) -> dict[str, Any]:
    settings = ClientSettings(wsdl=url + WSDL_2016_PATH, user="demo@example.com",
                              password="demo-password", company_name="Demo Company", timeout=300, label="bench")
    client = await IpsClient.open(settings)
    result: dict[str, Any] = {}
    try:
        idle: list[float] = []
        stop = asyncio.Event()
        task = asyncio.create_task(probe(idle, stop))
        await asyncio.sleep(2.0)
        stop.set()
        await task
        result["baseline_no_poll"] = summary(idle)
        every: list[float] = []
        result["polls"] = []
        for _ in range(polls):
            lags: list[float] = []
            stop = asyncio.Event()
            task = asyncio.create_task(probe(lags, stop))
            t0 = time.perf_counter()
            gc.disable()
            try:
                jobs = await client.active_jobs()
            finally:
                gc.enable()
            took = time.perf_counter() - t0
            stop.set()
            await task
            every += lags
            result["polls"].append({"jobs": len(jobs), "took_s": round(took, 2), **summary(lags)})
            del jobs
            await asyncio.sleep(1.0)
        result["all_polls"] = summary(every)
        result["median_poll_s"] = statistics.median(p["took_s"] for p in result["polls"])
    finally:
        await client.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=50_000)
    parser.add_argument("--polls", type=int, default=4)
    parser.add_argument("--url", help="a running sandbox's base URL (else one is started)")
    args = parser.parse_args()
    if args.url:
        figures = asyncio.run(measure(args.url.rstrip("/"), args.polls))
    else:
        from activejob_tui.sandbox.process import SandboxProcess

        with tempfile.TemporaryDirectory() as tmp, SandboxProcess(db_path=Path(tmp) / "lag.db", demo_jobs=args.jobs,
                                                                  seed=5) as sandbox:
            figures = asyncio.run(measure(sandbox.base_url, args.polls))
    print(json.dumps({f"poll_lag_{args.jobs // 1000}k": figures}, indent=2))


if __name__ == "__main__":
    main()
