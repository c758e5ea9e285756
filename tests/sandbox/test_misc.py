"""Chaos switch, cron matcher, the big answer, the command line, layering."""

from __future__ import annotations

import ast
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from activejob_tui.sandbox.chaos import parse_chaos
from activejob_tui.sandbox.cron import Cron, CronError

pytestmark = pytest.mark.timeout(90)

SANDBOX_SRC = Path(__file__).resolve().parents[2] / "src" / "activejob_tui" / "sandbox"
ENV = ('<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/" '
       'xmlns:x="http://www.scene7.com/IpsApi/xsd"><e:Header><x:authHeader><x:user>demo@example.com</x:user>'
       "<x:password>demo-password</x:password></x:authHeader></e:Header><e:Body>"
       "<x:getActiveJobsParam><x:companyHandle>c|1</x:companyHandle></x:getActiveJobsParam></e:Body></e:Envelope>")


def _post(client: httpx.Client, url: str) -> str:
    try:
        r = client.post(url, content=ENV, headers={"Content-Type": "text/xml"})
    except httpx.TransportError:
        return "drop"
    if r.status_code == 500 and r.headers.get("content-type", "").startswith("text/html"):
        return "http500"
    if b"IpsApiException" in r.content:
        return "fault"
    if r.status_code == 200 and not r.content.rstrip().endswith(b"</soapenv:Envelope>"):
        return "malformed"
    return "ok" if r.status_code == 200 else f"other {r.status_code}"


def test_chaos_kinds_and_server_survives(sandbox_factory):
    sb = sandbox_factory(chaos=["drop=0.2,http500=0.2", "fault=0.2,malformed=0.2"])
    seen = Counter()
    with httpx.Client(timeout=5) as client:
        for _ in range(80):
            seen[_post(client, sb.endpoint)] += 1
    assert set(seen) == {"drop", "http500", "fault", "malformed", "ok"}, seen
    assert httpx.get(sb.wsdl_url_legacy).status_code == 200  # WSDLs are never affected
    assert sb.running


def test_chaos_slow(sandbox_factory):
    sb = sandbox_factory(chaos=["slow=1.0:0.4"])
    t0 = time.perf_counter()
    with httpx.Client(timeout=5) as client:
        assert _post(client, sb.endpoint) == "ok"
    assert time.perf_counter() - t0 >= 0.4


def test_chaos_parsing():
    c = parse_chaos(["slow=0.2:3.0,drop=0.1", "http500=0.05,fault=0.05,malformed=0.05"])
    assert c.rates == {"slow": 0.2, "drop": 0.1, "http500": 0.05, "fault": 0.05, "malformed": 0.05}
    assert c.slow_range == (3.0, 3.0)
    assert parse_chaos(["slow=0.5:1-2"]).slow_range == (1.0, 2.0)
    for bad in ("nope=0.1", "drop=2", "drop", "fault=0.1:3", "drop=0.6,fault=0.6"):
        with pytest.raises(ValueError):
            parse_chaos([bad])
    assert not parse_chaos([]).enabled


def _ts(*args) -> float:
    return datetime(*args, tzinfo=UTC).timestamp()


@pytest.mark.parametrize("expr,after,expected", [
    ("0 * * * * *", (2026, 1, 1, 10, 0, 30), (2026, 1, 1, 10, 1, 0)),
    ("*/15 * * * * *", (2026, 1, 1, 10, 0, 31), (2026, 1, 1, 10, 0, 45)),
    ("30 2 * * 1-5", (2026, 1, 2, 3, 0, 0), (2026, 1, 5, 2, 30, 0)),  # Friday -> Monday
    ("00 00 00 * * ", (2026, 1, 1, 10, 0, 0), (2026, 1, 2, 0, 0, 0)),  # the docs' example
    ("0 0 3 ? * SUN", (2026, 1, 1, 0, 0, 0), (2026, 1, 4, 3, 0, 0)),
    ("0 0 1 JAN *", (2026, 6, 1, 0, 0, 0), (2027, 1, 1, 0, 0, 0)),
    ("5/20 * * * *", (2026, 1, 1, 10, 6, 0), (2026, 1, 1, 10, 25, 0)),
])
def test_cron(expr, after, expected):
    assert Cron(expr).next_after(_ts(*after)) == _ts(*expected)


@pytest.mark.parametrize("expr", ["", "* * *", "61 * * * * *", "a b c d e", "*/0 * * * *"])
def test_cron_rejects(expr):
    with pytest.raises(CronError):
        Cron(expr)


def test_ten_thousand_jobs_answered_fast(sandbox_factory):
    sb = sandbox_factory(demo_jobs=10_000)
    env = ENV.replace("c|1", "c|1")
    with httpx.Client(timeout=30) as client:
        client.post(sb.endpoint, content=env, headers={"Content-Type": "text/xml"})  # warm
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            r = client.post(sb.endpoint, content=env, headers={"Content-Type": "text/xml"})
            times.append(time.perf_counter() - t0)
            assert r.status_code == 200
        assert r.content.count(b"<items><companyHandle>") == 10_000
    assert min(times) < 0.5, times


def test_help_and_module_entry_point():
    out = subprocess.run([sys.executable, "-m", "activejob_tui.sandbox", "--help"], capture_output=True, text=True,
                         timeout=30)
    assert out.returncode == 0
    for flag in ("--host", "--port", "--db", "--demo-jobs", "--seed", "--speed", "--chaos", "slow=0.2:3.0"):
        assert flag in out.stdout
    bad = subprocess.run([sys.executable, "-m", "activejob_tui.sandbox", "--chaos", "bogus=1"],
                         capture_output=True, text=True, timeout=30)
    assert bad.returncode == 2 and "bogus" in bad.stderr


def test_listening_line_and_urls(sandbox):
    deadline = time.monotonic() + 5
    while "Database:" not in sandbox.output and time.monotonic() < deadline:
        time.sleep(0.05)
    first = sandbox.output.splitlines()[0]
    assert first == f"IPS sandbox listening on {sandbox.base_url}"
    assert sandbox.wsdl_url_2016 in sandbox.output and sandbox.wsdl_url_legacy in sandbox.output
    assert sandbox.endpoint in sandbox.output and "demo@example.com" in sandbox.output


def test_password_never_logged(sandbox):
    faults = sandbox.stderr.count(" fault ")
    httpx.post(sandbox.endpoint, content=ENV.replace("demo-password", "s3cret-wrong"),
               headers={"Content-Type": "text/xml"})
    deadline = time.monotonic() + 10
    while sandbox.stderr.count(" fault ") == faults:  # the sandbox logs each fault it answers
        assert time.monotonic() < deadline, sandbox.stderr[-2000:]
        time.sleep(0.05)
    assert "s3cret-wrong" not in sandbox.stderr and "demo-password" not in sandbox.stderr


def test_sandbox_imports_nothing_of_the_client():
    forbidden = ("activejob_tui.model", "activejob_tui.ips", "activejob_tui.tui", "activejob_tui.poller", "zeep",
                 "textual")
    for path in SANDBOX_SRC.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.ImportFrom) and node.level >= 2:
                names = [f"activejob_tui.{node.module or ''}"]
            for n in names:
                assert not n.startswith(forbidden), f"{path.name} imports {n}"


@pytest.mark.parametrize("seed", range(12))
def test_seeded_job_logs_ended_in_the_past(tmp_path: Path, seed: int):
    """Every seeded job log ends before the seed's wall clock, whatever the random durations."""
    import random
    import sqlite3

    from activejob_tui.sandbox.engine import Engine
    from activejob_tui.sandbox.seed import seed_demo
    from activejob_tui.sandbox.store import Store

    store = Store(tmp_path / "seed.db")
    engine = Engine(store, seed=seed)
    seed_demo(engine, random.Random(seed))
    store.close()
    with sqlite3.connect(tmp_path / "seed.db") as db:
        rows = db.execute("SELECT job_name, start_date, end_date FROM job_logs").fetchall()
    assert len(rows) >= 15
    for name, start, end in rows:
        assert start <= end <= engine.wall, name
