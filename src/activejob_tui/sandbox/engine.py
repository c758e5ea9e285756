"""The simulation engine: the persisted simulated clock, job creation, stop, finish, schedules.

A tick (every 0.25 s of real time) advances the simulated clock by ``0.25 * speed`` seconds
and commits it, then finishes the jobs whose run is over (writing their job log), completes
stops, fires due schedules and, in demo mode, keeps a minimum number of jobs running.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from . import sim
from .cron import Cron
from .render import active_job_xml
from .samples import sample_subjob
from .store import ActiveJobRow, ScheduledJobRow, Store
from .xsd import LEGACY, SUBJOB_ELEMENTS, V2016

log = logging.getLogger(__name__)

TICK = 0.25
KEEPALIVE_MIN = 8
MAX_LOGS_PER_COMPANY = 2000  # runs' logs kept per company (the seeded logs are never pruned)
KEEPALIVE_EVERY = TICK  # cheap: only counts the demo company's jobs


@dataclass(slots=True)
class Moment:
    """The engine's clock at one instant: ``sim`` seconds, the ``wall`` time then, ``speed`` (not
    changed after it is made: the renderer's ``SimClock`` protocol only asks for the attributes)."""

    sim: float
    wall: float
    speed: float

    def wall_of(self, sim_t: float) -> float:
        """The wall time (epoch seconds) of the simulated second ``sim_t``."""
        return wall_of(self.wall, self.sim, self.speed, sim_t)


def wall_of(wall: float, sim_now: float, speed: float, sim_t: float) -> float:
    """The wall time of the simulated second ``sim_t``, when ``sim_now`` is the simulated second at ``wall``."""
    return wall - (sim_now - sim_t) / speed


class Engine:
    def __init__(self, store: Store, *, speed: float = 1.0, seed: int | None = None, tick: float = TICK) -> None:
        self.store = store
        self.speed = speed
        self.tick = tick
        self.seed = seed if seed is not None else random.randrange(1 << 30)
        self.sim = float(store.get_meta("sim", "0") or 0)
        self.wall = time.time()
        self._sim0 = self.sim
        self._mono0 = time.monotonic()
        self._last_keepalive = 0.0
        self._finished = 0
        self._task: asyncio.Task | None = None

    # ------------------------------------------------------------------ clock
    def advance(self) -> None:
        self.wall = time.time()
        self.sim = self._sim0 + (time.monotonic() - self._mono0) * self.speed
        with self.store.tx() as db:
            self.store.set_meta("sim", repr(self.sim), db)

    def wall_of(self, sim_t: float) -> float:
        return wall_of(self.wall, self.sim, self.speed, sim_t)

    def moment(self) -> Moment:
        """The clock as it is now, frozen (what an answer rendered over several turns of the loop reads)."""
        return Moment(self.sim, self.wall, self.speed)



    def rng_for(self, n: int) -> random.Random:
        return random.Random(f"{self.seed}:{n}")

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> None:
        loop = asyncio.get_running_loop()
        self._task = loop.create_task(self._run(), name="ips-sandbox-engine")

    def warm_cache_now(self) -> None:
        """Render every active job once (both namespaces) before serving, so the first poll is fast."""
        for version in (V2016, LEGACY):
            for job in self.store.active.values():
                active_job_xml(self, job, version)

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.tick)
            try:
                self.step()
            except Exception:  # never let the engine die; the server keeps answering
                log.exception("engine tick failed")

    def step(self) -> None:
        self.advance()
        now = self.wall
        for job in list(self.store.active.values()):
            if job.stop_real is not None:
                if now - job.stop_real >= sim.STOP_DELAY_REAL:
                    self.finish(job, cancelled=True)
            elif self.sim - job.born_sim >= job.plan["end"]:
                self.finish(job)
        for sj in list(self.store.scheduled.values()):
            if sj.trigger_state == "Normal" and sj.next_fire is not None and sj.next_fire <= now:
                self.fire(sj, scheduled_fire=True)
        if self.store.get_meta("keepalive") == "1" and now - self._last_keepalive >= KEEPALIVE_EVERY:
            self._last_keepalive = now
            self.keepalive()

    # ------------------------------------------------------------------ creation
    def create_active(self, db: Any, *, company_id: int, name: str, original_name: str, submit_user: str,
                      elem: str | None, subjob: dict[str, Any], type_str: str | None = None,
                      locale: str | None = None, description: str | None = None,
                      plan: dict[str, Any] | None = None, plan_hint: dict[str, Any] | None = None,
                      born_sim: float | None = None, trigger_time: float | None = None,
                      unique_name: bool = True) -> ActiveJobRow:
        n = self.store.next_counter(db)
        if plan is None:
            plan = sim.make_plan(self.rng_for(n), elem, **(plan_hint or {}))
        plan["end"] = sim.end_elapsed(plan)
        if unique_name and any(j.company_id == company_id and j.name == name for j in self.store.active.values()):
            name = f"{name}_{n}"
        born = self.sim if born_sim is None else born_sim
        start = self.wall_of(born)
        return self.store.insert_active(
            db, handle=f"j|{company_id}||{name}|{n}", company_id=company_id, name=name,
            original_name=original_name, type=type_str or sim.type_string(elem), submit_user=submit_user,
            locale=locale, description=description, start_date=start,
            trigger_time=trigger_time if trigger_time is not None else start, subjob_elem=elem, subjob=subjob,
            plan=plan, born_sim=born)

    def create_scheduled(self, db: Any, *, company_id: int, name: str, submit_user: str, elem: str | None,
                         subjob: dict[str, Any], exec_schedule: str | None = None, exec_time: float | None = None,
                         locale: str | None = None, description: str | None = None, trigger_state: str = "Normal",
                         type_str: str | None = None, plan_hint: dict[str, Any] | None = None) -> ScheduledJobRow:
        n = self.store.next_counter(db)
        next_fire = exec_time if exec_schedule is None else Cron(exec_schedule).next_after(self.wall)
        return self.store.insert_scheduled(
            db, handle=f"j|{company_id}||{name}|{n}", company_id=company_id, name=name, original_name=name,
            type=type_str or sim.type_string(elem), submit_user=submit_user, locale=locale,
            description=description, exec_schedule=exec_schedule, exec_time=exec_time, next_fire=next_fire,
            time_zone="UTC", trigger_state=trigger_state, subjob_elem=elem, subjob=subjob,
            plan_hint=plan_hint or {})

    def fire(self, sj: ScheduledJobRow, *, scheduled_fire: bool = False) -> ActiveJobRow:
        """Start a run of a scheduled job now (a fire of its trigger, or executeJob)."""
        now = self.wall
        stamp = datetime.fromtimestamp(now, UTC).strftime("%Y-%m-%d-%H:%M:%S")
        with self.store.tx() as db:
            job = self.create_active(
                db, company_id=sj.company_id, name=f"{sj.original_name}_{stamp}", original_name=sj.original_name,
                submit_user=sj.submit_user, elem=sj.subjob_elem, subjob=sj.subjob, type_str=sj.type,
                locale=sj.locale, description=sj.description, plan_hint=dict(sj.plan_hint),
                trigger_time=sj.next_fire if scheduled_fire and sj.next_fire else now)
            if sj.exec_schedule:
                if scheduled_fire:
                    self.store.update_scheduled(db, sj, next_fire=Cron(sj.exec_schedule).next_after(now))
            else:  # a one-shot execTime job: its trigger is complete once it ran
                self.store.delete_scheduled(db, sj)
        log.info("scheduled job %s fired as %s", sj.handle, job.handle)
        return job

    # ------------------------------------------------------------------ stop / finish
    def request_stop(self, job: ActiveJobRow) -> None:
        if job.stop_real is not None:
            return
        with self.store.tx() as db:
            self.store.set_stop(db, job, min(self.sim, job.born_sim + job.plan["end"]), self.wall)

    def finish(self, job: ActiveJobRow, *, cancelled: bool = False, reason: str | None = None) -> None:
        plan = job.plan
        processed = None
        if cancelled:
            stopped_at = (job.stop_sim if job.stop_sim is not None else self.sim) - job.born_sim
            processed = sim.snapshot(plan, stopped_at, stopped_at).processed
        end = max(self.wall, job.start_date)
        summary, lines = sim.log_lines(job.subjob_elem, plan, job.original_name, job.submit_user, job.type,
                                       job.start_date, end, processed=processed, cancelled=cancelled,
                                       company_id=job.company_id, at=sim.file_times(plan, job.start_date, self.speed))
        if reason and cancelled:
            _, lt, t, asset_name, asset_type, asset_handle = lines[-1]
            lines[-1] = (reason, lt, t, asset_name, asset_type, asset_handle)
        summary.update(
            handle=job.handle, company_id=job.company_id, job_name=job.name, original_job_name=job.original_name,
            submit_user=job.submit_user, job_sub_type=_sub_type(job), start_date=job.start_date, end_date=end,
            description=job.description or "")
        with self.store.tx() as db:
            self.store.insert_log(db, summary, lines)
            self.store.delete_active(db, job)
            self._finished += 1
            if self._finished % 100 == 0:
                self.store.prune_logs(db, MAX_LOGS_PER_COMPANY)
        log.info("job %s finished: %s", job.handle, summary["log_type"])

    # ------------------------------------------------------------------ demo keep-alive
    def keepalive(self) -> None:
        cid = int(self.store.get_meta("demo_company", "0") or 0)
        user = self.store.get_meta("demo_user", "demo@example.com") or "demo@example.com"
        live = sum(1 for j in self.store.active.values() if j.company_id == cid and j.stop_real is None)
        if not cid or live >= KEEPALIVE_MIN:
            return
        with self.store.tx() as db:
            for _ in range(KEEPALIVE_MIN - live):
                n = int(self.store.get_meta("job_counter", "0") or 0)
                rng = self.rng_for(n + 1)
                elem = SUBJOB_ELEMENTS[n % len(SUBJOB_ELEMENTS)]
                name = f"Demo {sim.type_string(elem)}"
                self.create_active(db, company_id=cid, name=name, original_name=name, submit_user=user, elem=elem,
                                   subjob=sample_subjob(elem, rng), description="Started by the demo keep-alive",
                                   plan_hint={"run": rng.uniform(90, 300)})


def _sub_type(job: ActiveJobRow) -> str:
    if job.subjob_elem == "imageServingPublishJob":
        return {"Full": "full", "Incremental": "increment", "FullWithSearch": "fullwithsearch"}.get(
            str(job.subjob.get("publishType")), "full")
    return ""
