"""The sandbox's in-memory state stays bounded under steady polling and job churn.

In-process (no server, no sleeps): the SOAP request path is driven through ``soap.parse_envelope``,
``ops.dispatch`` and ``render.envelope`` exactly as ``server.service`` does. Guards the finding of the
memory soak (benchmarks/soak.py): the sandbox's RSS growth under polling is the SQLite page cache and
the C heap reaching their high-water marks, not Python objects that accumulate.
"""

from __future__ import annotations

import gc
import random
from pathlib import Path

import pytest

from activejob_tui.sandbox import engine as engine_mod
from activejob_tui.sandbox import ops, render, sim, soap, xsd
from activejob_tui.sandbox.engine import Engine
from activejob_tui.sandbox.seed import sample_subjob
from activejob_tui.sandbox.store import ActiveJobRow, Store
from activejob_tui.sandbox.xsd import SUBJOB_ELEMENTS

USER, PASSWORD = "mem@example.com", "mem-password"


def _envelope(op: str, extra: str = "") -> bytes:
    ns = xsd.VERSION_NS[xsd.V2016]
    return (f'<?xml version="1.0" encoding="utf-8"?><e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/">'
            f'<e:Header><a:authHeader xmlns:a="{ns}"><a:user>{USER}</a:user><a:password>{PASSWORD}</a:password>'
            f'</a:authHeader></e:Header><e:Body><p:{op}Param xmlns:p="{ns}"><p:companyHandle>c|1</p:companyHandle>'
            f"{extra}</p:{op}Param></e:Body></e:Envelope>").encode()


def _call(engine: Engine, body: bytes) -> bytes:
    req = soap.parse_envelope(body, None)
    return render.envelope(ops.dispatch(engine, req), req.soap12)


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("activejob_tui.sandbox.store.PBKDF2_ITERATIONS", 1)
    store = Store(tmp_path / "mem.db")
    engine = Engine(store, speed=1000.0, seed=3)
    engine.advance()
    with store.tx() as db:
        cid = store.add_company(db, "Mem Company").id
        store.add_membership(db, store.add_user(db, USER, PASSWORD), cid)
    yield engine, cid
    store.close()


def _add_jobs(engine: Engine, cid: int, n: int, *, born_ago: float, run: float) -> None:
    rng = random.Random(n)
    with engine.store.tx() as db:
        for i in range(n):
            elem = SUBJOB_ELEMENTS[i % len(SUBJOB_ELEMENTS)]
            plan = sim.make_plan(rng, elem, files=5, new=1.0, wait=1.0, run=run)
            engine.create_active(db, company_id=cid, name=f"Job {i}", original_name=f"Job {i}", submit_user=USER,
                                 elem=elem, subjob=sample_subjob(elem, rng, cid), plan=plan,
                                 born_sim=engine.sim - born_ago)


def _alive_jobs() -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, ActiveJobRow))


def test_steady_polling_keeps_no_objects(world):
    """A thousand polls of the three operations the soak uses leave no object behind."""
    engine, cid = world
    _add_jobs(engine, cid, 30, born_ago=0.0, run=1e9)  # running for good; progress changes at speed 1000
    polls = [_envelope("getActiveJobs"), _envelope("getScheduledJobs"),
             _envelope("getJobLogs", "<p:numRows>100</p:numRows>")]

    def burst(n: int) -> None:
        for i in range(n):
            engine.advance()
            assert b"Fault" not in _call(engine, polls[i % 3])

    burst(300)  # warm-up: statement cache, interned strings, lazily built tables
    gc.collect()
    before = len(gc.get_objects())
    burst(1000)
    gc.collect()
    assert len(gc.get_objects()) - before < 100
    store = engine.store
    assert len(store._verified) == 1
    assert all(len(j.cache) <= 1 and len(j.subjob_xml) <= 1 for j in store.active.values())  # one version polled


def test_finished_jobs_leave_nothing_in_memory(world, monkeypatch: pytest.MonkeyPatch):
    """Jobs that finish (or are deleted) take their render caches with them; their logs are pruned."""
    monkeypatch.setattr(engine_mod, "MAX_LOGS_PER_COMPANY", 40)
    engine, cid = world
    store = engine.store
    for _ in range(3):
        _add_jobs(engine, cid, 100, born_ago=1e6, run=10.0)  # already past their end
        for version in (xsd.V2016, xsd.LEGACY):
            for job in store.active.values():
                render.active_job_xml(engine, job, version)  # fill both render caches
        for job in list(store.active.values())[::10]:
            engine.finish(job, cancelled=True, reason="deleted")  # the deleteJob path
        engine.step()  # the rest finish on their own
        assert store.active == {} and store.by_handle == {}
    del job  # the loop variable above
    assert _alive_jobs() == 0
    assert engine._finished == 300
    (logs,) = store.query("SELECT COUNT(*) FROM job_logs")[0]
    (orphans,) = store.query("SELECT COUNT(*) FROM job_log_details WHERE log_id NOT IN (SELECT id FROM job_logs)")[0]
    assert logs == 40 and orphans == 0
