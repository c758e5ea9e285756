"""The commands: stopJob, pauseJob, resumeJob, executeJob, deleteJob and submitJob."""

from __future__ import annotations

import logging
from typing import Any

from .. import render, xsd
from ..cron import Cron, CronError
from ..faults import INVALID_PARAMETER, MISSING_PARAMETER, IpsFault
from ..store import ActiveJobRow, ScheduledJobRow
from ..xmlout import xml_safe
from .context import Context

log = logging.getLogger(__package__)  # the package's name, as before the split


# ------------------------------------------------------------------ control
def _control(ctx: Context) -> tuple[int, str]:
    cid = ctx.company(ctx.p["companyHandle"])
    return cid, ctx.p["jobHandle"]


def stop_job(ctx: Context) -> str:
    cid, handle = _control(ctx)
    job = ctx.job_of(handle, cid)
    if job is None:
        if ctx.finished(handle, cid):
            raise IpsFault.api(INVALID_PARAMETER, f"Job '{handle[:200]}' has already finished; it cannot be stopped")
        sj = ctx.store.scheduled_by_handle(handle)
        if sj is not None and sj.company_id == cid:
            raise IpsFault.api(INVALID_PARAMETER, f"Job '{handle[:200]}' is a scheduled job, not a running one; "
                                                  "use pauseJob or deleteJob")
        raise ctx.unknown_job(handle)
    ctx.engine.request_stop(job)
    log.info("stopJob %s by %s", handle, ctx.email)
    return ""


def _scheduled(ctx: Context, verb: str) -> ScheduledJobRow:
    cid, handle = _control(ctx)
    sj = ctx.store.scheduled_by_handle(handle)
    if sj is None or sj.company_id != cid:
        if ctx.job_of(handle, cid) is not None:
            raise IpsFault.api(INVALID_PARAMETER, f"Job '{handle[:200]}' is running, not scheduled; only scheduled "
                                                  f"jobs can be {verb} (use stopJob to stop a running job)")
        if ctx.finished(handle, cid):
            raise IpsFault.api(INVALID_PARAMETER, f"Job '{handle[:200]}' has already finished")
        raise ctx.unknown_job(handle)
    return sj


def pause_job(ctx: Context) -> str:
    sj = _scheduled(ctx, "paused")
    if sj.trigger_state != "Paused":
        with ctx.store.tx() as db:
            ctx.store.update_scheduled(db, sj, trigger_state="Paused")
    return ""


def resume_job(ctx: Context) -> str:
    sj = _scheduled(ctx, "resumed")
    if sj.trigger_state == "Paused":
        nxt = sj.next_fire
        if sj.exec_schedule:
            nxt = Cron(sj.exec_schedule).next_after(ctx.engine.wall)
        with ctx.store.tx() as db:
            ctx.store.update_scheduled(db, sj, trigger_state="Normal", next_fire=nxt)
    return ""


def execute_job(ctx: Context) -> str:
    sj = _scheduled(ctx, "executed")
    ctx.engine.fire(sj)
    return ""


def delete_job(ctx: Context) -> str:
    cid, handle = _control(ctx)
    job = ctx.job_of(handle, cid)
    if job is not None:
        ctx.engine.finish(job, cancelled=True, reason=f"Job deleted by deleteJob ({ctx.email})")
        return ""
    sj = ctx.store.scheduled_by_handle(handle)
    if sj is None or sj.company_id != cid:
        if ctx.finished(handle, cid):
            raise IpsFault.api(INVALID_PARAMETER, f"Job '{handle[:200]}' has already finished")
        raise ctx.unknown_job(handle)
    with ctx.store.tx() as db:
        ctx.store.delete_scheduled(db, sj)
    return ""


def submit_job(ctx: Context) -> str:
    p = ctx.p
    cid = ctx.company(p["companyHandle"])
    name = xml_safe(p["jobName"])
    if not name.strip():
        raise IpsFault.api(INVALID_PARAMETER, "jobName must not be empty")
    elems = [e for e in xsd.SUBJOB_ELEMENTS if e in p]
    if not elems:
        raise IpsFault.api(MISSING_PARAMETER, "submitJob needs one job element (e.g. imageServingPublishJob)")
    if len(elems) > 1:
        raise IpsFault.api(INVALID_PARAMETER, f"Give only one job element, not {', '.join(elems)}")
    elem = elems[0]
    exec_time, schedule = p.get("execTime"), p.get("execSchedule")
    if exec_time is not None and schedule is not None:
        raise IpsFault.api(INVALID_PARAMETER, "Give at most one of execTime and execSchedule")
    if schedule is not None:
        try:
            Cron(schedule)
        except CronError as exc:
            raise IpsFault.api(INVALID_PARAMETER, f"Invalid execSchedule '{schedule[:100]}': {exc}") from None
    locale = xml_safe(p["locale"]) if p.get("locale") is not None else None
    desc = xml_safe(p["description"]) if p.get("description") is not None else None
    subjob = _safe_tree(p[elem])
    if elem == "uploadUrlsJob" and "urlArray" in subjob:
        subjob["numUrls"] = len(subjob["urlArray"].get("items", []))
    eng = ctx.engine
    job: ScheduledJobRow | ActiveJobRow
    with ctx.store.tx() as db:
        if schedule is not None or exec_time is not None:
            job = eng.create_scheduled(db, company_id=cid, name=name, submit_user=ctx.email, elem=elem,
                                       subjob=subjob, exec_schedule=schedule, exec_time=exec_time,
                                       locale=locale, description=desc)
        else:
            job = eng.create_active(db, company_id=cid, name=name, original_name=name, submit_user=ctx.email,
                                    elem=elem, subjob=subjob, locale=locale, description=desc)
    log.info("submitJob %s (%s) by %s", job.handle, elem, ctx.email)
    return f"<jobHandle>{render.esc(job.handle)}</jobHandle>"


def _safe_tree(v: Any) -> Any:
    if isinstance(v, str):
        return xml_safe(v)
    if isinstance(v, dict):
        return {k: _safe_tree(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_safe_tree(x) for x in v]
    return v
