"""Decode benchmark: 10,000 active jobs (2016-01-14-beta namespace, every sub-job type).

Prints JSON: answer size, plain lxml parse, zeep's strict deserializer, our decoder cold (first
poll) and steady (a second poll in which 5% of the jobs changed progress, state and
lastProgressUpdate), and the ratios against the lxml parse. Each figure is the median of several
runs. Usage: ``python benchmarks/decode.py [--jobs N] [--runs R] [--zeep-jobs M]``.

The answer is generated here from the recorded 2016 answer in ``tests/data/answers`` (its items
are repeated with distinct handles, names and progress values).
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import statistics
import sys
import time
from pathlib import Path

from lxml import etree

from activejob_tui.ips.decode import decode_active_jobs
from activejob_tui.ips.incremental import ActiveJobsDecoder

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "tests" / "data" / "answers" / "active_jobs_2016.xml"
WSDL_2016 = REPO / "tests" / "data" / "ips_2016_jobs.wsdl"

_ITEM = re.compile(rb"<ns1:items>\n  <ns1:companyHandle>.*?\n</ns1:items>", re.DOTALL)


def build_answer(n: int, changed_every: int | None = None, generation: int = 0, mix: str = "typical") -> bytes:
    """``n`` jobs cloned from the recorded answer; with ``changed_every`` = k, every k-th job has a
    different progress, state and lastProgressUpdate (generation > 0).

    The recorded answer holds each of the 14 sub-job types twice: once with every optional element
    (all ten option groups, follow-on jobs, URL and handle arrays) and once with the required ones
    only, plus a Cleanup job without sub-job. ``mix="full"`` cycles through all of them (half the
    jobs carry every option: ~2.6 KB per job); ``mix="typical"`` makes one job in five a full one
    and the rest minimal (~1.3 KB per job), closer to what a real company's queue looks like.
    """
    text = SAMPLE.read_bytes()
    recorded = _ITEM.findall(text)
    full, minimal = recorded[:14], recorded[14:]
    if mix == "full":
        templates = recorded
    else:
        templates = []
        for k in range(len(minimal) * 5):
            templates.append(full[(k // 5) % len(full)] if k % 5 == 0 else minimal[k % len(minimal)])
    head = text[: text.index(b"<ns1:jobArray>") + len(b"<ns1:jobArray>\n")]
    tail = text[text.index(b"</ns1:jobArray>") :]
    parts = [head]
    for i in range(n):
        item = templates[i % len(templates)]
        item = re.sub(rb"<ns1:jobHandle>[^<]*", b"<ns1:jobHandle>j|6||job-%d|%d" % (i, 100000 + i), item, count=1)
        item = re.sub(rb"<ns1:name>[^<]*", "<ns1:name>Job %d — Frühjahrskatalog".encode() % i, item, count=1)
        progress = i % 100
        state = b"Running"
        stamp = b"2026-11-25T10:%02d:%02d.000Z" % (i // 60 % 60, i % 60)
        if changed_every and i % changed_every == 0:
            progress = (progress + 7 * generation) % 101
            state = [b"Running", b"Stopping", b"Done"][generation % 3]
            stamp = b"2026-11-25T11:%02d:%02d.%03dZ" % (i // 60 % 60, i % 60, generation)
        item = re.sub(rb"<ns1:progress>\d+", b"<ns1:progress>%d" % progress, item, count=1)
        item = re.sub(rb"<ns1:state>[^<]*", b"<ns1:state>" + state, item, count=1)
        item = re.sub(rb"<ns1:lastProgressUpdate>[^<]*", b"<ns1:lastProgressUpdate>" + stamp, item, count=1)
        parts.append(item + b"\n")
    parts.append(tail)
    return b"".join(parts)


GC_MODE = "app"
"""``app``: before each timed decode the heap is frozen (``gc.freeze``), as ``tui/heap.py`` leaves it
after every applied poll, so automatic collections scan only what the decode allocates; ``default``:
CPython's collector untouched. The decoder itself never switches the collector (issue 11)."""


def _prepare() -> None:
    gc.unfreeze()
    gc.collect()
    if GC_MODE == "app":
        gc.freeze()


def median_time(fn, runs: int) -> float:
    """Median wall time of ``fn()``; the previous result is freed (and garbage collected) before
    each run, so no run pays for freeing another run's 10,000-job tree."""
    times = []
    for _ in range(runs):
        _prepare()
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
        del result
    gc.unfreeze()
    return statistics.median(times)


def zeep_time(n: int, runs: int, mix: str) -> float:
    sys.path.insert(0, str(REPO / "tests" / "ips"))
    from zeep_models import client_for  # the test package's reference converter

    client = client_for(str(WSDL_2016))
    data = build_answer(n, mix=mix)
    answer = etree.fromstring(data)[1][0]
    element = client.get_element(answer.tag)

    def run() -> None:
        element.parse(etree.fromstring(data)[1][0], client.wsdl.types)

    return median_time(run, runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--mix", choices=("typical", "full"), default="typical",
                        help="typical: 1 job in 5 carries every optional element; full: half of them do")
    parser.add_argument("--zeep-jobs", type=int, default=0,
                        help="time zeep on this many jobs and scale linearly to --jobs (default: all of "
                             "them, unless a probe predicts more than 30 s, then 1,000)")
    parser.add_argument("--gc", choices=("app", "default"), default="app",
                        help="app: the heap frozen before each decode, as the console's tui/heap.py does "
                             "(default); default: CPython's collector untouched")
    args = parser.parse_args()
    global GC_MODE
    GC_MODE = args.gc
    n = args.jobs

    first = build_answer(n, changed_every=20, generation=0, mix=args.mix)
    second = build_answer(n, changed_every=20, generation=1, mix=args.mix)
    assert len(decode_active_jobs(first)) == n

    # Interleaved: each run times the lxml parse, a cold decode and a steady poll back to back,
    # so a machine whose load changes during the benchmark skews all three alike.
    lxml_times, cold_times, steady_times, plain_times = [], [], [], []
    for _ in range(args.runs):
        lxml_times.append(median_time(lambda: etree.fromstring(first), 1))
        plain_times.append(median_time(lambda: decode_active_jobs(first), 1))
        cold_times.append(median_time(lambda: ActiveJobsDecoder().decode(first), 1))
        decoder = ActiveJobsDecoder()
        decoder.decode(first)
        _prepare()
        t0 = time.perf_counter()
        result = decoder.decode(second)
        steady_times.append(time.perf_counter() - t0)
        gc.unfreeze()
        assert decoder.last_stats["mode"] == "incremental", decoder.last_stats
        assert decoder.last_stats["parsed"] == n // 20 + (n % 20 > 0), decoder.last_stats
        del result
    lxml_s = statistics.median(lxml_times)
    cold_s = statistics.median(cold_times)
    steady_s = statistics.median(steady_times)
    cold_ratio = statistics.median(c / p for c, p in zip(cold_times, lxml_times))
    plain_ratio = statistics.median(c / p for c, p in zip(plain_times, lxml_times))
    steady_ratio = statistics.median(s / p for s, p in zip(steady_times, lxml_times))
    assert decoder.decode(second) == decode_active_jobs(second)
    zn = min(args.zeep_jobs or n, n)
    if not args.zeep_jobs:
        probe = zeep_time(min(1_000, n), 1, args.mix) * (n / min(1_000, n))
        if probe > 30:
            zn = min(1_000, n)
    zeep_s = zeep_time(zn, 3, args.mix) * (n / zn)

    print(json.dumps({
        "jobs": n,
        "mix": args.mix,
        "bytes": len(first),
        "changed_jobs_steady": n // 20 + (n % 20 > 0),
        "lxml_parse_s": round(lxml_s, 4),
        "lxml_parse_min_max_s": [round(min(lxml_times), 4), round(max(lxml_times), 4)],
        "zeep_decode_s": round(zeep_s, 4),
        "zeep_note": f"zeep's deserializer timed on {zn} jobs and scaled linearly to {n}" if zn != n else "measured on all jobs",
        "ours_cold_s": round(cold_s, 4),
        "ours_cold_min_max_s": [round(min(cold_times), 4), round(max(cold_times), 4)],
        "ours_cold_without_index_s": round(statistics.median(plain_times), 4),
        "cold_note": "cold = hardened parse + decode + indexing the items' bytes for the next poll; "
                     "without_index = decode_active_jobs() alone (no cache for the next poll)",
        "ours_steady_s": round(steady_s, 4),
        "ours_steady_min_max_s": [round(min(steady_times), 4), round(max(steady_times), 4)],
        "ratio_zeep_vs_lxml": round(zeep_s / lxml_s, 2),
        "ratio_cold_vs_lxml": round(cold_ratio, 2),
        "ratio_cold_without_index_vs_lxml": round(plain_ratio, 2),
        "ratio_steady_vs_lxml": round(steady_ratio, 2),
        "goals": {"cold": "<= 3.0", "steady": "<= 1.0"},
        "runs": args.runs,
        "gc": args.gc,
    }, indent=2))


if __name__ == "__main__":
    main()
