"""Whole-process ``activejob-tui jobs --format json`` on N active jobs, against a bare fetch + parse + json.

The baseline is a Python process that imports httpx and lxml, POSTs the same getActiveJobs request,
parses the answer and writes every job as a JSON object (each element's text under its local name,
nested elements as nested objects): the least any client can do for the same output. Both run
against one sandbox, interleaved (baseline, ours, baseline, ours …) so load changes hit both alike.
Prints median and [min–max] in seconds of each and the median of the per-round ratios.
Goal (issue 12): ratio <= 2.

    python benchmarks/cli.py [--jobs 10000] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from activejob_tui.sandbox.process import SandboxProcess

GOAL = 2.0

BASELINE = r"""
import json, sys, httpx
from lxml import etree
ns = "http://www.scene7.com/IpsApi/xsd/2016-01-14-beta"
body = f'''<?xml version="1.0" encoding="utf-8"?>
<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/"><soap-env:Header>
<ns0:authHeader xmlns:ns0="{ns}"><ns0:user>demo@example.com</ns0:user><ns0:password>demo-password</ns0:password>
<ns0:appName>bench</ns0:appName><ns0:appVersion>1</ns0:appVersion></ns0:authHeader></soap-env:Header>
<soap-env:Body><ns0:getActiveJobsParam xmlns:ns0="{ns}"><ns0:companyHandle>{sys.argv[2]}</ns0:companyHandle>
</ns0:getActiveJobsParam></soap-env:Body></soap-env:Envelope>'''
r = httpx.post(sys.argv[1], content=body.encode(), headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '"getActiveJobs"'}, timeout=60)
root = etree.fromstring(r.content)

def obj(el):
    if len(el) == 0:
        return el.text
    return {c.tag.rpartition("}")[2]: obj(c) for c in el}

items = root.findall(".//{*}jobArray/{*}items")
sys.stdout.write(json.dumps([obj(item) for item in items], ensure_ascii=False))
"""


def timed(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=True)
    return time.perf_counter() - start, done.stdout


def summary(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} [{min(values):.3f}–{max(values):.3f}]"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, SandboxProcess(db_path=Path(tmp) / "bench.db", demo_jobs=args.jobs,
                                                              seed=1) as sandbox:
        env = {**os.environ, "IPS_PASSWORD": "demo-password", "ACTIVEJOB_TUI_CONFIG": os.devnull}
        ours = [sys.executable, "-m", "activejob_tui", "jobs", "--format", "json", "--wsdl", sandbox.wsdl_url_2016,
                "--user", "demo@example.com", "--company", "Demo Company"]
        _, out = timed(ours, env)  # also warms the caches both sides share
        jobs = json.loads(out)
        handle = jobs[0]["companyHandle"]
        baseline = [sys.executable, "-c", BASELINE, sandbox.endpoint, handle]
        assert len(json.loads(timed(baseline, env)[1])) == len(jobs)
        ours_s, base_s = [], []
        for _ in range(args.runs):
            base_s.append(timed(baseline, env)[0])
            ours_s.append(timed(ours, env)[0])
    ratios = [o / b for o, b in zip(ours_s, base_s)]
    result = {
        "jobs": len(jobs),
        "runs": args.runs,
        "ours_s": summary(ours_s),
        "baseline_fetch_parse_json_s": summary(base_s),
        "ratio": f"{statistics.median(ratios):.2f} [{min(ratios):.2f}–{max(ratios):.2f}]",
        "goal_ratio": f"<= {GOAL:g}",
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
