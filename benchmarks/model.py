"""Pure-model speed on 10,000 jobs: filter matching and snapshot diffing.

Prints JSON. Goals: a 3-term filter over 10,000 jobs well under 50 ms; a diff with 5% changed under
10 ms. Both are compared with a baseline measured in the same run: one ``==`` per job (the least any
diff must do) and one substring test per job name (the least any filter must do).

    python benchmarks/model.py
"""

from __future__ import annotations

import dataclasses
import json
import time
from datetime import UTC, datetime, timedelta

from activejob_tui.model.diff import diff_snapshots
from activejob_tui.model.enums import ActiveJobState
from activejob_tui.model.jobs import ActiveJob
from activejob_tui.model.query import parse


def best_of(runs: int, work) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    now = datetime.now(UTC)
    jobs = [
        ActiveJob(
            job_handle=f"j|{i}",
            name=f"job {i} {'upload' if i % 3 else 'publish'}",
            progress=i % 100,
            start_date=now - timedelta(minutes=i % 120),
            state=ActiveJobState.RUNNING if i % 4 else ActiveJobState.WAITING_CLIENT,
        )
        for i in range(10_000)
    ]
    query = parse("upload state:running startDate<1h")
    query.filter(jobs[:10], now)
    filter_s = best_of(5, lambda: query.filter(jobs, now))
    substring_s = best_of(5, lambda: [j for j in jobs if "upload" in j.name])

    previous = {j.job_handle: j for j in jobs}
    current = [dataclasses.replace(j, progress=j.progress + 1) if i % 20 == 0 else j for i, j in enumerate(jobs)]
    diff_s = best_of(5, lambda: diff_snapshots(previous, current))
    equality_s = best_of(5, lambda: [previous[j.job_handle] == j for j in current])
    print(json.dumps({
        "jobs": len(jobs),
        "filter_3_terms_ms": round(filter_s * 1000, 2),
        "baseline_substring_ms": round(substring_s * 1000, 2),
        "filter_ratio": round(filter_s / substring_s, 1),
        "diff_5pct_ms": round(diff_s * 1000, 2),
        "baseline_equality_ms": round(equality_s * 1000, 2),
        "diff_ratio": round(diff_s / equality_s, 2),
    }, indent=2))


if __name__ == "__main__":
    main()
