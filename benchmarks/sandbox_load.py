"""Load figures for the IPS sandbox.

    python benchmarks/sandbox_load.py [--clients 50 --seconds 60 --jobs 1000] [--big 10000]

1. Starts a sandbox with ``--demo-jobs JOBS`` and runs CLIENTS concurrent httpx clients, each
   POSTing getActiveJobs (2016-01-14-beta namespace, all jobs of the demo company) once per second
   for SECONDS seconds.
2. Starts a second sandbox with ``--demo-jobs BIG`` and times getActiveJobs of all of them.

Prints one JSON object with requests, errors, latency percentiles and the big-answer timings.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from activejob_tui.sandbox.process import SandboxProcess

NS = "http://www.scene7.com/IpsApi/xsd/2016-01-14-beta"
BODY = (f'<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/" xmlns:x="{NS}"><e:Header>'
        "<x:authHeader><x:user>demo@example.com</x:user><x:password>demo-password</x:password>"
        "<x:appName>sandbox_load</x:appName><x:appVersion>1</x:appVersion></x:authHeader></e:Header><e:Body>"
        "<x:getActiveJobsParam><x:companyHandle>c|1</x:companyHandle></x:getActiveJobsParam></e:Body></e:Envelope>"
        ).encode()
HEADERS = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '"getActiveJobs"'}


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    k = min(len(s) - 1, max(0, round(p / 100 * (len(s) - 1))))
    return s[k]


async def one_client(url: str, seconds: float, latencies: list[float], errors: list[str], sizes: list[int],
                     offset: float) -> None:
    async with httpx.AsyncClient(timeout=30) as client:
        await asyncio.sleep(offset)
        t_end = time.monotonic() + seconds
        next_at = time.monotonic()
        while next_at < t_end:
            t0 = time.perf_counter()
            try:
                r = await client.post(url, content=BODY, headers=HEADERS)
                dt = time.perf_counter() - t0
                if r.status_code != 200 or not r.content.endswith(b"</soapenv:Envelope>"):
                    errors.append(f"HTTP {r.status_code}")
                else:
                    latencies.append(dt)
                    sizes.append(len(r.content))
            except httpx.HTTPError as exc:
                errors.append(type(exc).__name__)
            next_at += 1.0
            await asyncio.sleep(max(0.0, next_at - time.monotonic()))


async def _worker_load(url: str, offsets: list[float], seconds: float) -> tuple[list[float], list[str], list[int]]:
    latencies: list[float] = []
    errors: list[str] = []
    sizes: list[int] = []
    await asyncio.gather(*(one_client(url, seconds, latencies, errors, sizes, off) for off in offsets))
    return latencies, errors, sizes


def _worker(args: tuple[str, list[float], float]) -> tuple[list[float], list[str], list[int]]:
    return asyncio.run(_worker_load(*args))


def load(url: str, clients: int, seconds: float, processes: int) -> dict:
    """CLIENTS pollers spread over PROCESSES client processes (one Python process cannot parse
    50 x 1.5 MB a second without queueing, which would measure the client, not the server)."""
    import multiprocessing

    offsets = [i / clients for i in range(clients)]
    shares = [(url, offsets[k::processes], seconds) for k in range(processes) if offsets[k::processes]]
    t0 = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(len(shares)) as pool:
        parts = pool.map(_worker, shares)
    wall = time.perf_counter() - t0
    latencies = [x for p in parts for x in p[0]]
    errors = [x for p in parts for x in p[1]]
    sizes = [x for p in parts for x in p[2]]
    return {
        "requests": len(latencies) + len(errors), "errors": len(errors), "error_kinds": sorted(set(errors)),
        "p50_ms": round(pct(latencies, 50) * 1000, 1), "p90_ms": round(pct(latencies, 90) * 1000, 1),
        "p99_ms": round(pct(latencies, 99) * 1000, 1), "max_ms": round(max(latencies, default=0) * 1000, 1),
        "mean_ms": round(statistics.fmean(latencies) * 1000, 1) if latencies else None,
        "throughput_rps": round((len(latencies) + len(errors)) / wall, 1),
        "answer_bytes": sizes[0] if sizes else None, "client_processes": len(shares),
    }


def big_answer(url: str, n: int, repeat: int = 5) -> dict:
    with httpx.Client(timeout=60) as client:
        t0 = time.perf_counter()
        r = client.post(url, content=BODY, headers=HEADERS)
        first = time.perf_counter() - t0
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            r = client.post(url, content=BODY, headers=HEADERS)
            times.append(time.perf_counter() - t0)
        count = r.content.count(b"<items><companyHandle>")
    return {"jobs": count, "bytes": len(r.content), "first_ms": round(first * 1000, 1),
            "median_ms": round(statistics.median(times) * 1000, 1), "min_ms": round(min(times) * 1000, 1),
            "max_ms": round(max(times) * 1000, 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--jobs", type=int, default=1000)
    ap.add_argument("--processes", type=int, default=5, help="client processes the clients are spread over")
    ap.add_argument("--big", type=int, default=10_000, help="jobs for the big-answer timing (0 to skip)")
    args = ap.parse_args()
    result: dict = {"clients": args.clients, "seconds": args.seconds, "jobs": args.jobs}
    with tempfile.TemporaryDirectory() as tmp:
        with SandboxProcess(db_path=Path(tmp) / "load.db", demo_jobs=args.jobs, seed=1) as sb:
            time.sleep(1.0)  # let the cache warm-up finish
            result.update(load(sb.endpoint, args.clients, args.seconds, max(1, args.processes)))
        if args.big:
            t0 = time.perf_counter()
            with SandboxProcess(db_path=Path(tmp) / "big.db", demo_jobs=args.big, seed=2) as sb:
                result["big_startup_s"] = round(time.perf_counter() - t0, 2)
                result["big_getActiveJobs"] = big_answer(sb.endpoint, args.big)
    print(json.dumps(result, indent=2))
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
