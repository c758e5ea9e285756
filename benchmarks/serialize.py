"""JSON output of 10,000 decoded jobs (the sandbox's own answer): where the time goes.

Times, interleaved over the runs: ``to_ips_dict`` of every job (the dicts), ``json`` encoding those
dicts (the stdlib C encoder, as ``output_json.json_chunks`` uses it), the whole ``output_json.json_chunks``
(dicts + encoding + escaping, what ``jobs --format json`` writes), and, when it is installed, orjson
on the same dicts. Prints median and [min–max] in ms and each one's ratio to the stdlib encoding.

    python benchmarks/serialize.py [--jobs 10000] [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from answers import fetch  # noqa: E402

from activejob_tui.ips.decode import decode_active_jobs  # noqa: E402
from activejob_tui.model.serialize import to_ips_dict  # noqa: E402
from activejob_tui.output_json import json_chunks  # noqa: E402

try:
    import orjson
except ImportError:  # not a dependency: measured only where someone installed it
    orjson = None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    jobs = decode_active_jobs(fetch(args.jobs))
    dicts = [to_ips_dict(job) for job in jobs]
    encode = json.JSONEncoder(ensure_ascii=False).encode
    steps = {
        "to_ips_dict": lambda: [to_ips_dict(job) for job in jobs],
        "json_encode_dicts": lambda: [encode(d) for d in dicts],
        "json_chunks_whole": lambda: "".join(json_chunks(jobs, array=True)),
    }
    if orjson is not None:
        steps["orjson_dicts"] = lambda: [orjson.dumps(d) for d in dicts]
    times: dict[str, list[float]] = {k: [] for k in steps}
    for _ in range(args.runs):
        for key, fn in steps.items():
            t0 = time.perf_counter()
            fn()
            times[key].append(time.perf_counter() - t0)
    base = times["json_encode_dicts"]
    out: dict = {"jobs": len(jobs), "runs": args.runs, "orjson": "installed" if orjson else "not installed"}
    for key, values in times.items():
        ratios = [v / b for v, b in zip(values, base)]
        out[key] = (f"{statistics.median(values) * 1000:.1f} ms [{min(values) * 1000:.1f}–{max(values) * 1000:.1f}], "
                    f"{statistics.median(ratios):.2f}x the json encoding")
    print(json.dumps(out, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
