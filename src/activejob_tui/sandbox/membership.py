"""The companies of the sandbox's demo user: besides "Demo Company", a second one, "Demo Studio",
with jobs of its own — so ``getCompanyMembership`` (IPS_JOBS_API.md §4.7) lists more than one
company and the console's ``:company`` has somewhere to go, as for a real IPS user (who usually
belongs to several companies).

The jobs are created after the demo company's (their counters come last), so the demo company's
handles and plans do not change; each plan draws from a generator of its own (``Engine.rng_for``).
"""

from __future__ import annotations

from typing import Any

from . import sim
from .engine import Engine
from .samples import sample_subjob
from .store import Company

STUDIO_COMPANY = "Demo Studio"
STUDIO_ROLE = "IpsUser"

_ACTIVE = (("imageServingPublishJob", "Studio catalog publish", 1500.0),
           ("uploadUrlsJob", "Studio photo import", 900.0),
           ("videoPublishJob", "Studio lookbook videos", 2400.0))


def add_studio(engine: Engine, db: Any, demo_user_id: int) -> Company:
    """Create "Demo Studio" and make the demo user a member of it (role IpsUser)."""
    studio = engine.store.add_company(db, STUDIO_COMPANY, "DemoStudio/")
    engine.store.add_membership(db, demo_user_id, studio.id, STUDIO_ROLE)
    return studio


def seed_studio_jobs(engine: Engine, db: Any, user: str) -> None:
    """A few long-running active jobs, one schedule and one job log in "Demo Studio"."""
    studio = next(c for c in engine.store.companies.values() if c.name == STUDIO_COMPANY)
    for i, (elem, name, run) in enumerate(_ACTIVE):
        rng = engine.rng_for(-1 - i)  # a generator of its own: no other job's draws move
        plan = sim.make_plan(rng, elem, new=2.0, wait=2.0, run=run)
        engine.create_active(db, company_id=studio.id, name=name, original_name=name, submit_user=user, elem=elem,
                             subjob=sample_subjob(elem, rng, studio.id), plan=plan,
                             born_sim=engine.sim - run * rng.uniform(0.1, 0.5))
    engine.create_scheduled(db, company_id=studio.id, name="Studio nightly publish", submit_user=user,
                            elem="imageServingPublishJob", subjob={"publishType": "Full", "emailSetting": "Error"},
                            exec_schedule="0 0 4 * * *")
