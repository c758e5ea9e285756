"""Decode benchmark on the sandbox's own getActiveJobs answer (10,000 jobs), compact and indented.

For each answer shape, every run times back to back (interleaved, so load changes skew all alike):

* ``lxml``: ``etree.fromstring`` of the bytes, the tree freed inside the time (the baseline);
* ``eager``: ``decode.decode_active_jobs`` (every element decoded at once), tree freed inside;
* ``cold``: ``lazy.decode_answer``: what the one-shot CLI runs (nested parts on first read);
* ``cold_indexed``: a fresh ``ActiveJobsDecoder`` (the console's first poll: also indexes the
  items' bytes for the next poll);
* ``steady``: that decoder given a second answer in which 5% of the jobs changed progress;
* ``touch_all``: reading every job's tasks and sub-job after a cold decode (what laziness defers).

Each figure: median and [min–max] over the runs, in ms; each ratio: the median of the per-run
ratios against that run's lxml parse. Goals (issue 12): cold ≤ 2.5×, steady ≤ 0.5×.
The collector runs as CPython leaves it (``--gc frozen`` freezes the heap before each timed step,
as the console's heap policy does).

    python benchmarks/decode.py [--jobs 10000] [--runs 7] [--gc default|frozen]
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))
from answers import changed, fetch, indented  # noqa: E402

from activejob_tui.ips.decode import ACTIVE, decode_active_jobs  # noqa: E402
from activejob_tui.ips.incremental import ActiveJobsDecoder  # noqa: E402
from activejob_tui.ips.lazy import decode_answer  # noqa: E402

FREEZE = False


def timed(fn) -> float:
    """Seconds of ``fn()``, its result freed inside the time (a 10,000-job tree takes a while to free)."""
    gc.collect()
    if FREEZE:
        gc.freeze()
    t0 = time.perf_counter()
    result = fn()
    del result
    elapsed = time.perf_counter() - t0
    gc.unfreeze()
    return elapsed


def touch(jobs: list) -> int:
    return sum((job.task_progress_array is not None) + (job.sub_job is not None) for job in jobs)


def one_shape(first: bytes, runs: int) -> dict:
    second = changed(first, 20)
    n = len(decode_active_jobs(first))
    assert decode_answer(first, ACTIVE)[0] == decode_active_jobs(first)
    times: dict[str, list[float]] = {k: [] for k in ("lxml", "eager", "cold", "cold_indexed", "steady", "touch_all")}
    for _ in range(runs):
        times["lxml"].append(timed(lambda: etree.fromstring(first)))
        times["eager"].append(timed(lambda: decode_active_jobs(first)))
        times["cold"].append(timed(lambda: decode_answer(first, ACTIVE)[0]))
        times["cold_indexed"].append(timed(lambda: ActiveJobsDecoder().decode(first)))
        decoder = ActiveJobsDecoder()
        decoder.decode(first)
        times["steady"].append(timed(lambda: decoder.decode(second)))
        assert decoder.last_stats["mode"] == "incremental" and decoder.last_stats["parsed"] == -(-n // 20), decoder.last_stats
        jobs = decode_answer(first, ACTIVE)[0]
        times["touch_all"].append(timed(lambda: touch(jobs)))
        del jobs, decoder
    out: dict = {"bytes": len(first), "jobs": n}
    for key, values in times.items():
        out[f"{key}_ms"] = f"{statistics.median(values) * 1000:.1f} [{min(values) * 1000:.1f}–{max(values) * 1000:.1f}]"
    for key in ("eager", "cold", "cold_indexed", "steady", "touch_all"):
        ratios = [t / base for t, base in zip(times[key], times["lxml"])]
        out[f"ratio_{key}_vs_lxml"] = f"{statistics.median(ratios):.2f} [{min(ratios):.2f}–{max(ratios):.2f}]"
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--gc", choices=("default", "frozen"), default="default")
    args = parser.parse_args()
    global FREEZE
    FREEZE = args.gc == "frozen"
    compact = fetch(args.jobs)
    result = {
        "jobs_asked": args.jobs,
        "runs": args.runs,
        "gc": args.gc,
        "goals": {"cold (ratio_cold_vs_lxml, compact)": "<= 2.5", "steady (ratio_steady_vs_lxml)": "<= 0.5"},
        "compact": one_shape(compact, args.runs),
        "indented": one_shape(indented(compact), args.runs),
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
