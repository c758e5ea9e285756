"""Whole-process ``activejob-tui jobs --format json`` on N active jobs, against a bare fetch-and-parse.

The baseline is a Python process that imports httpx and lxml, POSTs the same getActiveJobs request
and parses the answer: the least any client can do. Both run against one sandbox, several times each;
the medians and their ratio are printed as JSON. Goal: ratio <= 3.

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

BASELINE = r"""
import sys, httpx
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
print(len(root.findall(".//{*}jobArray/{*}items")))
"""


def timed(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=True)
    return time.perf_counter() - start, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, SandboxProcess(db_path=Path(tmp) / "bench.db", demo_jobs=args.jobs, seed=1) as sandbox:
        env = {**os.environ, "IPS_PASSWORD": "demo-password", "ACTIVEJOB_TUI_CONFIG": str(Path(tmp) / "none.toml")}
        ours = [sys.executable, "-m", "activejob_tui", "jobs", "--format", "json", "--wsdl", sandbox.wsdl_url_2016,
                "--user", "demo@example.com", "--company", "Demo Company"]
        _, out = timed(ours, env)  # also warms the caches both sides share
        jobs = json.loads(out)
        handle = jobs[0]["companyHandle"]
        baseline = [sys.executable, "-c", BASELINE, sandbox.endpoint, handle]
        timed(baseline, env)
        ours_s = [timed(ours, env)[0] for _ in range(args.runs)]
        base_s = [timed(baseline, env)[0] for _ in range(args.runs)]
    result = {
        "jobs": len(jobs),
        "runs": args.runs,
        "ours_median_s": round(statistics.median(ours_s), 3),
        "baseline_median_s": round(statistics.median(base_s), 3),
        "ratio": round(statistics.median(ours_s) / statistics.median(base_s), 2),
        "goal_ratio": 3.0,
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
