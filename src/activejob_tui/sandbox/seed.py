"""Demo data for a new database: companies, users, jobs of every type, schedules, logs."""

from __future__ import annotations

import logging
import random
from typing import Any

from . import membership, sim
from .engine import Engine
from .samples import sample_subjob
from .xsd import SUBJOB_ELEMENTS

log = logging.getLogger(__name__)

DEMO_COMPANY = "Demo Company"
DEMO_USER = ("demo@example.com", "demo-password")
OTHER_COMPANY = "Other Company"
OTHER_USER = ("other@example.com", "other-password")

_DEMO_NAMES = {
    "imageServingPublishJob": "Nightly image publish", "imageRenderingPublishJob": "Render vignettes",
    "videoPublishJob": "Publish launch videos", "serverDirectoryPublishJob": "Static content publish",
    "metadataPublishJob": "Metadata sync", "uploadDirectoryJob": "FTP upload - spring catalog",
    "uploadUrlsJob": "Partner feed import", "uploadPostJob": "Photo studio upload",
    "optimizeImagesJob": "Re-optimize masters", "ripPdfsJob": "Rip brochures", "reprocessAssetsJob":
    "Reprocess PSD masters", "createVideoSitemapJob": "Video sitemap", "exportJob": "Export for agency",
    "automatedSetGenerationJob": "Build spin sets",
}


def _users(engine: Engine, db: Any) -> tuple[int, int]:
    store = engine.store
    demo_c = store.add_company(db, DEMO_COMPANY, "DemoCompany/", "DEMO0001@AdobeOrg")
    other_c = store.add_company(db, OTHER_COMPANY, "OtherCompany/")
    demo_u = store.add_user(db, *DEMO_USER)
    other_u = store.add_user(db, *OTHER_USER)
    store.add_membership(db, demo_u, demo_c.id, "IpsUser")
    store.add_membership(db, other_u, other_c.id, "IpsCompanyAdmin")
    membership.add_studio(engine, db, demo_u)
    store.set_meta("demo_company", demo_c.id, db)
    store.set_meta("demo_user", DEMO_USER[0], db)
    return demo_c.id, other_c.id


def _add_log(engine: Engine, db: Any, cid: int, user: str, elem: str | None, name: str, rng: random.Random,
             *, outcome: str, files: int, age: float, cancelled: bool = False) -> None:
    n = engine.store.next_counter(db)
    plan = sim.make_plan(rng, elem, files=files, outcome=outcome)
    start = engine.wall - age
    end = start + min(rng.uniform(60, 900), age - 30)  # a finished job ended in the past
    processed = files // 3 if cancelled else None
    type_str = sim.type_string(elem)
    summary, lines = sim.log_lines(elem, plan, name, user, type_str, start, end, processed=processed,
                                   cancelled=cancelled, company_id=cid)
    summary.update(handle=f"j|{cid}||{name}_{n}|{n}", company_id=cid, job_name=f"{name}_{n}",
                   original_job_name=name, submit_user=user,
                   job_sub_type="full" if elem == "imageServingPublishJob" else "", start_date=start,
                   end_date=end, description="")
    engine.store.insert_log(db, summary, lines)


def seed_demo(engine: Engine, rng: random.Random) -> None:
    store = engine.store
    with store.tx() as db:
        demo, other = _users(engine, db)
        user = DEMO_USER[0]
        # one active job of every type, in a mix of states; several Running for minutes
        for i, elem in enumerate(SUBJOB_ELEMENTS):
            phase = i % 5
            if phase == 0:  # New for a while
                hint = {"new": rng.uniform(60, 120), "wait": 10.0, "run": rng.uniform(600, 1200)}
                born = engine.sim
            elif phase == 1:  # waiting
                hint = {"new": 1.0, "wait": rng.uniform(90, 180), "run": rng.uniform(600, 1200)}
                born = engine.sim - 5.0
            else:  # running, long (10-40 minutes at speed 1), somewhere in the middle
                hint = {"new": 2.0, "wait": 3.0, "run": rng.uniform(600, 2400)}
                born = engine.sim - 5.0 - hint["run"] * rng.uniform(0.05, 0.6)
            plan = sim.make_plan(rng, elem, outcome=rng.choice(("success", "success", "warnings", "errors")),
                                 new=hint["new"], wait=hint["wait"], run=hint["run"])
            engine.create_active(db, company_id=demo, name=_DEMO_NAMES[elem], original_name=_DEMO_NAMES[elem],
                                 submit_user=user, elem=elem, subjob=sample_subjob(elem, rng, demo),
                                 locale="en-US", description=f"Demo: {_DEMO_NAMES[elem].lower()}",
                                 plan=plan, born_sim=born)
        # a few more running jobs so the list moves
        for elem in ("uploadDirectoryJob", "imageServingPublishJob", "videoPublishJob"):
            plan = sim.make_plan(rng, elem, new=2.0, wait=2.0, run=rng.uniform(240, 900))
            engine.create_active(db, company_id=demo, name=f"{_DEMO_NAMES[elem]} (2)",
                                 original_name=f"{_DEMO_NAMES[elem]} (2)", submit_user=user, elem=elem,
                                 subjob=sample_subjob(elem, rng, demo), plan=plan,
                                 born_sim=engine.sim - rng.uniform(5, 120))
        # schedules: three that fire every minute or two keep the demo moving; one paused; one nightly
        engine.create_scheduled(db, company_id=demo, name="Every-minute URL import", submit_user=user,
                                elem="uploadUrlsJob", subjob=sample_subjob("uploadUrlsJob", rng, demo),
                                exec_schedule="0 * * * * *", plan_hint={"run": 75.0})
        engine.create_scheduled(db, company_id=demo, name="Incremental publish", submit_user=user,
                                elem="imageServingPublishJob",
                                subjob={"publishType": "Incremental", "emailSetting": "Error"},
                                exec_schedule="30 */2 * * * *", plan_hint={"run": 100.0}, locale="en-US",
                                description="Publishes what changed")
        engine.create_scheduled(db, company_id=demo, name="Metadata sync", submit_user=user,
                                elem="metadataPublishJob", subjob={"forcePublish": False},
                                exec_schedule="15 */3 * * * *", plan_hint={"run": 60.0})
        engine.create_scheduled(db, company_id=demo, name="Weekly full publish (paused)", submit_user=user,
                                elem="imageServingPublishJob", subjob={"publishType": "Full", "emailSetting": "All"},
                                exec_schedule="0 0 3 ? * SUN", trigger_state="Paused")
        engine.create_scheduled(db, company_id=demo, name="Cleanup", submit_user=user, elem=None, subjob={},
                                exec_schedule="00 00 00 * * ", type_str="Cleanup")
        engine.create_scheduled(db, company_id=demo, name="Nightly video sitemap", submit_user=user,
                                elem="createVideoSitemapJob", subjob={"forceUpdate": True},
                                exec_schedule="0 30 1 * * *")
        # job logs of every outcome
        outcomes = [("success", False, 40), ("warnings", False, 120), ("errors", False, 90), ("fatal", False, 60),
                    ("success", True, 150), ("warnings", False, 2500), ("success", False, 1800)]
        for k, elem in enumerate(SUBJOB_ELEMENTS):
            outcome, cancelled, files = outcomes[k % len(outcomes)]
            _add_log(engine, db, demo, user, elem, _DEMO_NAMES[elem], rng, outcome=outcome, files=files,
                     age=3600 * (k + 1), cancelled=cancelled)
        _add_log(engine, db, demo, user, "uploadDirectoryJob", "Big FTP upload", rng, outcome="errors",
                 files=2200, age=600)
        _add_log(engine, db, demo, user, "videoPublishJob", "Stopped video publish", rng, outcome="success",
                 files=30, age=1200, cancelled=True)
        # the other company: a few jobs of its own
        ouser = OTHER_USER[0]
        for elem in ("imageServingPublishJob", "uploadUrlsJob", "exportJob"):
            plan = sim.make_plan(rng, elem, new=2.0, wait=2.0, run=rng.uniform(1800, 3600))
            engine.create_active(db, company_id=other, name=f"Other {sim.type_string(elem)}",
                                 original_name=f"Other {sim.type_string(elem)}", submit_user=ouser, elem=elem,
                                 subjob=sample_subjob(elem, rng, other), plan=plan, born_sim=engine.sim - 30)
        engine.create_scheduled(db, company_id=other, name="Other nightly publish", submit_user=ouser,
                                elem="imageServingPublishJob", subjob={"publishType": "Full", "emailSetting": "None"},
                                exec_schedule="0 0 2 * * *")
        _add_log(engine, db, other, ouser, "exportJob", "Other export", rng, outcome="success", files=12, age=900)
        membership.seed_studio_jobs(engine, db, user)
        store.set_meta("seed_log_max", db.execute("SELECT COALESCE(MAX(id), 0) FROM job_logs").fetchone()[0], db)
        store.set_meta("keepalive", 1, db)
        store.set_meta("seeded", "demo", db)
    log.info("seeded demo data")


def seed_bulk(engine: Engine, rng: random.Random, n: int) -> None:
    """``--demo-jobs N``: the two companies and users, then N long-running active jobs."""
    store = engine.store
    with store.tx() as db:
        demo, _other = _users(engine, db)
        user = DEMO_USER[0]
        for i in range(n):
            elem = SUBJOB_ELEMENTS[i % len(SUBJOB_ELEMENTS)]
            run = rng.uniform(3600, 4 * 3600)
            plan = sim.make_plan(rng, elem, new=rng.uniform(0, 30), wait=rng.uniform(0, 60), run=run,
                                 outcome=rng.choice(("success", "success", "warnings", "errors")))
            name = f"{_DEMO_NAMES[elem]} #{i + 1}"
            engine.create_active(db, company_id=demo, name=name, original_name=name, submit_user=user, elem=elem,
                                 subjob=sample_subjob(elem, rng, demo), locale="en-US", plan=plan,
                                 born_sim=engine.sim - rng.uniform(0, run * 0.5), unique_name=False)
        store.set_meta("seeded", f"bulk:{n}", db)
    log.info("seeded %d active jobs", n)
