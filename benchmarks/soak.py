"""Soak: many IpsClients polling one sandbox for a long time (issue 6: 50 clients, 10 minutes, 0 errors,
memory flat).

    python benchmarks/soak.py                       # 50 clients, 600 s, poll every 2 s
    python benchmarks/soak.py --clients 10 --seconds 30 --interval 0.5
    python benchmarks/soak.py --kill-at 120         # kill -9 the sandbox at 120 s and restart it

Each client is a real ``IpsClient`` (its own zeep client and httpx pool) polling getActiveJobs every
INTERVAL seconds, and getScheduledJobs + getJobLogs every fifth poll. The sandbox runs as its own
process (``SandboxProcess``). Prints one JSON object: polls, errors by kind, latency percentiles, and
the resident memory of the sandbox and of this (client) process sampled every 10 s, with the growth
from the first to the last minute. With ``--kill-at`` errors while the sandbox is down are counted
apart ("errors_while_down") and every job handle seen before the kill is checked after the restart.

Leak or plateau: each sample also carries the sandbox's own counts, read from its SQLite file
(active jobs, job logs, database and WAL size), and "sandbox_rss_trend" gives the RSS slope (MiB/min, least
squares) over the first and the last third of the run. A leak keeps its slope; a plateau's last third
is flat. What a fresh sandbox legitimately fills before it levels off: the SQLite page cache (its
default 2 MiB), and the C heap's high-water mark, which follows the largest answers - getJobLogs
grows with the number of job logs until there are ``--log-limit`` of them (about 10 minutes at the
default speed, from the 17 seeded logs). So judge a short soak by its last third only once
"job_logs" has passed the limit, or run it longer.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from activejob_tui.ips import errors
from activejob_tui.ips.client import ClientSettings, IpsClient
from activejob_tui.sandbox.process import SandboxProcess


def rss_mib(pid: int | str = "self") -> float | None:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def sandbox_counts(db_path: Path) -> dict[str, float | int | None]:
    """The sandbox's own counts, from its database (read-only, a few cheap queries)."""
    try:
        db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=1)
        try:
            active = db.execute("SELECT COUNT(*) FROM active_jobs").fetchone()[0]
            logs = db.execute("SELECT COUNT(*) FROM job_logs").fetchone()[0]
            size = db.execute("PRAGMA page_count").fetchone()[0] * db.execute("PRAGMA page_size").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:
        return {"active_jobs": None, "job_logs": None, "db_mib": None, "wal_mib": None}
    wal = db_path.with_name(db_path.name + "-wal")
    return {"active_jobs": active, "job_logs": logs, "db_mib": round(size / 2**20, 1),
            "wal_mib": round(wal.stat().st_size / 2**20, 1) if wal.exists() else 0.0}


def trend(samples: list[dict], key: str, seconds: float) -> dict[str, float | str | None]:
    """RSS slope in MiB/min over the first and the last third of the run, and what it looks like."""
    def slope(lo: float, hi: float) -> float | None:
        pts = [(s["t"], s[key]) for s in samples if lo <= s["t"] <= hi and s[key] is not None]
        if len(pts) < 3:
            return None
        return round(statistics.linear_regression(*zip(*pts)).slope * 60, 3)

    first, last = slope(0, seconds / 3), slope(2 * seconds / 3, seconds)
    if first is None or last is None:
        verdict = None
    elif last <= 0.05:
        verdict = "flat in the last third"
    elif last <= 0.5 * first:
        verdict = "slowing down (not yet flat)"
    else:
        verdict = "steady growth (leak-like)"
    return {"first_third_mib_per_min": first, "last_third_mib_per_min": last, "verdict": verdict}


def pct(values: list[float], p: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000, 1)


async def soak(args: argparse.Namespace) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="soak-"))
    db_path = folder / "soak.db"
    sandbox = SandboxProcess(db_path=db_path, seed=5, demo_jobs=args.jobs, speed=args.speed,
                             chaos=[args.chaos] if args.chaos else [])
    sandbox.start()
    settings = ClientSettings(wsdl=sandbox.wsdl_url_2016, user="demo@example.com", password="demo-password",
                              company_name="Demo Company", timeout=args.timeout)
    clients = []
    for _ in range(args.clients):  # one at a time: each loads its WSDL in a thread
        clients.append(await IpsClient.open(settings))
    latencies: list[float] = []
    errors_by_kind: Counter[str] = Counter()
    errors_while_down: Counter[str] = Counter()
    polls = 0
    seen_before_kill: set[str] = set()
    down = False
    loop = asyncio.get_running_loop()
    start = loop.time()
    end = start + args.seconds
    samples: list[dict] = []

    async def poll(client: IpsClient, offset: float) -> None:
        nonlocal polls
        await asyncio.sleep(offset)
        n = 0
        while loop.time() < end:
            t0 = time.perf_counter()
            try:
                jobs = await client.active_jobs()
                if n % 5 == 0:
                    await client.scheduled_jobs()
                    await client.job_logs(limit=args.log_limit)
                latencies.append(time.perf_counter() - t0)
                if args.kill_at and loop.time() - start < args.kill_at:
                    seen_before_kill.update(j.job_handle for j in jobs)
            except errors.IpsError as exc:
                (errors_while_down if down else errors_by_kind)[exc.kind] += 1
            polls += 1
            n += 1
            await asyncio.sleep(args.interval)

    async def sample() -> None:
        while loop.time() < end:
            samples.append({"t": round(loop.time() - start), "sandbox_rss_mib": rss_mib(sandbox.pid or 0),
                            "client_rss_mib": rss_mib(), **sandbox_counts(db_path)})
            await asyncio.sleep(10)

    async def killer() -> None:
        nonlocal down
        if not args.kill_at:
            return
        await asyncio.sleep(args.kill_at)
        down = True
        await asyncio.to_thread(sandbox.kill)
        await asyncio.to_thread(sandbox.restart)
        await asyncio.sleep(args.timeout + args.interval)  # polls in flight at the kill settle
        down = False

    try:
        await asyncio.gather(*(poll(c, i * args.interval / max(1, args.clients)) for i, c in enumerate(clients)),
                             sample(), killer())
        lost = None
        if args.kill_at:
            after = {j.job_handle for j in await clients[0].active_jobs()}
            logs = {log.job_handle for log in await clients[0].job_logs()}
            lost = len(seen_before_kill - after - logs)
    finally:
        await asyncio.gather(*(c.close() for c in clients))
        sandbox.stop()

    def growth(key: str) -> float | None:
        first = [s[key] for s in samples if s["t"] < 60 and s[key] is not None]
        last = [s[key] for s in samples if s["t"] >= samples[-1]["t"] - 60 and s[key] is not None]
        if not first or not last:
            return None
        return round(statistics.mean(last) - statistics.mean(first), 1)

    return {
        "clients": args.clients,
        "seconds": args.seconds,
        "interval_s": args.interval,
        "demo_jobs": args.jobs,
        "chaos": args.chaos,
        "polls": polls,
        "errors": sum(errors_by_kind.values()),
        "errors_by_kind": dict(errors_by_kind),
        "latency_ms": {"p50": pct(latencies, 50), "p95": pct(latencies, 95), "p99": pct(latencies, 99),
                       "max": pct(latencies, 100)},
        "memory_samples": samples,
        "sandbox_rss_growth_mib_first_to_last_minute": growth("sandbox_rss_mib"),
        "client_rss_growth_mib_first_to_last_minute": growth("client_rss_mib"),
        "sandbox_rss_trend": trend(samples, "sandbox_rss_mib", args.seconds),
        "client_rss_trend": trend(samples, "client_rss_mib", args.seconds),
        "kill_at_s": args.kill_at,
        "errors_while_down": dict(errors_while_down),
        "handles_lost_after_kill": lost,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--interval", type=float, default=2.0, help="seconds between a client's polls")
    parser.add_argument("--jobs", type=int, default=None, help="seed --demo-jobs N instead of the demo mix")
    parser.add_argument("--speed", type=float, default=5.0, help="sandbox simulation speed")
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--log-limit", type=int, default=100, help="numRows of each client's getJobLogs")
    parser.add_argument("--chaos", default="", help="sandbox --chaos spec (errors are then expected)")
    parser.add_argument("--kill-at", type=float, default=0.0, help="kill -9 and restart the sandbox at this second")
    result = asyncio.run(soak(parser.parse_args()))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
