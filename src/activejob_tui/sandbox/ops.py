"""The operations: authentication, authorization, then one handler per IPS operation.

Each handler takes the decoded request and returns the inner XML of ``<op>Return``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from . import render, sim, xsd
from .cron import Cron, CronError
from .engine import Engine
from .faults import (
    ILLEGAL_COMPANY,
    INVALID_CREDENTIALS,
    INVALID_PARAMETER,
    MISSING_PARAMETER,
    NO_CREDENTIALS,
    NO_OPERATION_PERMISSION,
    IpsFault,
)
from .soap import SoapRequest
from .store import ActiveJob
from .xmlout import xml_safe

log = logging.getLogger(__name__)

MAX_DETAIL_PAGE = 1000
_COMPANY_RE = re.compile(r"^(?:c\|)?(\d{1,12})$")
_LOG_SORT = {
    "JobName": "job_name", "LogType": "log_type", "StartDate": "start_date",
    "CompanyName": "(SELECT name FROM companies c WHERE c.id = company_id)", "UserId": "submit_user",
    "Email": "submit_user", "FileErrorCount": "error", "FileWarningCount": "warning",
    "FileSuccessCount": "success",
}
_DIRECTIONS = {"Ascending": "ASC", "Descending": "DESC"}


class Context:
    def __init__(self, engine: Engine, req: SoapRequest, user_id: int, email: str,
                 members: dict[int, str]) -> None:
        self.engine, self.store, self.req = engine, engine.store, req
        self.user_id, self.email, self.members = user_id, email, members
        self.version, self.p = req.version, req.params

    # -------------------------------------------------------------- helpers
    def company(self, handle: str | None, *, required: bool = True) -> int | None:
        if handle is None:
            if required:
                raise IpsFault.api(MISSING_PARAMETER, "Missing required parameter 'companyHandle'")
            return None
        m = _COMPANY_RE.match(handle.strip())
        if not m or int(m.group(1)) not in self.store.companies:
            raise IpsFault.api(INVALID_PARAMETER, f"Invalid companyHandle '{handle[:100]}'")
        cid = int(m.group(1))
        if cid not in self.members:
            raise IpsFault.authorization(ILLEGAL_COMPANY,
                                         f"User '{self.email}' is not a member of company '{handle[:100]}'")
        return cid

    def companies(self) -> list[int]:
        cid = self.company(self.p.get("companyHandle"), required=False)
        return [cid] if cid is not None else sorted(self.members)

    def job_of(self, handle: str, cid: int) -> ActiveJob | None:
        job = self.store.by_handle.get(handle)
        if job is not None and job.company_id != cid:
            raise self.unknown_job(handle)  # the same answer as for no job at all: reveals nothing
        return job

    def finished(self, handle: str, cid: int) -> bool:
        return bool(self.store.query("SELECT 1 FROM job_logs WHERE handle=? AND company_id=? LIMIT 1",
                                     (handle, cid)))

    def unknown_job(self, handle: str) -> IpsFault:
        return IpsFault.api(INVALID_PARAMETER, f"Invalid jobHandle '{handle[:200]}': no such job")


def authenticate(engine: Engine, req: SoapRequest) -> Context:
    creds = req.creds
    if not creds.user:
        raise IpsFault.authentication(NO_CREDENTIALS, "The request could not be authenticated: no credentials "
                                                      "(authHeader or HTTP Basic) were supplied")
    uid = engine.store.authenticate(creds.user, creds.password or "")
    if uid is None:
        raise IpsFault.authentication(INVALID_CREDENTIALS, "Invalid username/password")
    members = engine.store.memberships(uid)
    if not members:
        raise IpsFault.authorization(NO_OPERATION_PERMISSION, "User has no role in any company")
    return Context(engine, req, uid, engine.store.user_email(uid), members)


# ------------------------------------------------------------------ listing
def get_active_jobs(ctx: Context) -> str:
    cids = set(ctx.companies())
    handle, orig = ctx.p.get("jobHandle"), ctx.p.get("originalName")
    waiting = ctx.p.get("includeWaitingJobs")
    items = []
    if handle is not None:
        job = ctx.store.by_handle.get(handle)
        jobs = [job] if job is not None and job.company_id in cids else []
    else:
        jobs = ctx.store.active.values()
    for job in jobs:
        if job.company_id not in cids or (orig is not None and job.original_name != orig):
            continue
        state, xml = render.active_job_xml(ctx.engine, job, ctx.version)
        if waiting is False and state in ("WaitingClient", "WaitingCoordinator"):
            continue
        items.append(xml)
    return render.array("jobArray", items)


def get_scheduled_jobs(ctx: Context) -> str:
    cids = set(ctx.companies())
    handle, orig = ctx.p.get("jobHandle"), ctx.p.get("originalName")
    items = [render.scheduled_job_xml(j, ctx.version) for j in ctx.store.scheduled.values()
             if j.company_id in cids and (handle is None or j.handle == handle)
             and (orig is None or j.original_name == orig)]
    return render.array("jobArray", items)


def _user_email(ctx: Context, handle: str) -> str:
    parts = handle.split("|")
    return parts[-1] if len(parts) >= 3 else handle


def get_job_logs(ctx: Context) -> str:
    p = ctx.p
    cids = ctx.companies()
    where = [f"company_id IN ({','.join('?' * len(cids))})"]
    args: list[Any] = list(cids)
    if p.get("userHandle") is not None:
        where.append("submit_user = ? COLLATE NOCASE")
        args.append(_user_email(ctx, p["userHandle"]))
    if p.get("startDate") is not None:
        where.append("start_date >= ?")
        args.append(p["startDate"])
    if p.get("endDate") is not None:
        where.append("start_date <= ?")
        args.append(p["endDate"])
    sort_by = p.get("sortBy", "StartDate")
    if sort_by not in _LOG_SORT:
        raise IpsFault.api(INVALID_PARAMETER, f"Invalid sortBy '{sort_by[:50]}'; one of {', '.join(_LOG_SORT)}")
    direction = p.get("sortDirection", "Descending")
    if direction not in _DIRECTIONS:
        raise IpsFault.api(INVALID_PARAMETER, f"Invalid sortDirection '{direction[:50]}'")
    num_rows = p.get("numRows", 1000)
    if num_rows < 0:
        raise IpsFault.api(INVALID_PARAMETER, "numRows must not be negative")
    rows = ctx.store.query(
        f"SELECT * FROM job_logs WHERE {' AND '.join(where)} ORDER BY {_LOG_SORT[sort_by]} "
        f"{_DIRECTIONS[direction]}, id {_DIRECTIONS[direction]} LIMIT ?", (*args, min(num_rows, 100_000)))
    return render.array("jobLogArray", (render.job_log_xml(ctx.version, r) for r in rows))


def get_job_log_details(ctx: Context) -> str:
    p = ctx.p
    cid = ctx.company(p.get("companyHandle"))
    handle, orig = p.get("jobHandle"), p.get("originalName")
    if handle is None and orig is None:
        raise IpsFault.api(MISSING_PARAMETER, "Give jobHandle or originalName")
    v2016 = ctx.version == xsd.V2016
    per_page = p.get("recordsPerPage", MAX_DETAIL_PAGE)
    page = p.get("resultsPage", 1)
    if per_page < 1 or page < 1:
        raise IpsFault.api(INVALID_PARAMETER, "recordsPerPage and resultsPage must be at least 1")
    per_page = min(per_page, MAX_DETAIL_PAGE)
    sort_by = p.get("sortBy", "Date")
    if sort_by not in ("Date", "LogType"):
        raise IpsFault.api(INVALID_PARAMETER, f"Invalid sortBy '{sort_by[:50]}'; Date or LogType")
    direction = p.get("sortDirection", "Ascending")
    if direction not in _DIRECTIONS:
        raise IpsFault.api(INVALID_PARAMETER, f"Invalid sortDirection '{direction[:50]}'")
    types = (p.get("logTypeArray") or {}).get("items") or None
    where, args = ["company_id = ?"], [cid]
    if handle is not None:
        where.append("handle = ?")
        args.append(handle)
    if orig is not None:
        where.append("original_job_name = ?")
        args.append(orig)
    rows = ctx.store.query(f"SELECT * FROM job_logs WHERE {' AND '.join(where)} ORDER BY start_date DESC, id DESC",
                           args)
    items = []
    d = _DIRECTIONS[direction]
    order = f"date_created {d}, id {d}" if sort_by == "Date" else f"log_type {d}, date_created, id"
    for r in rows:
        dwhere, dargs = ["log_id = ?"], [r["id"]]
        if types:
            dwhere.append(f"log_type IN ({','.join('?' * len(types))})")
            dargs.extend(types)
        total = ctx.store.query(f"SELECT COUNT(*) FROM job_log_details WHERE {' AND '.join(dwhere)}", dargs)[0][0]
        limit = f" LIMIT {per_page} OFFSET {(page - 1) * per_page}" if v2016 else ""
        details = ctx.store.query(
            f"SELECT * FROM job_log_details WHERE {' AND '.join(dwhere)} ORDER BY {order}{limit}", dargs)
        items.append(render.job_log_xml(ctx.version, r, [render.detail_dict(x) for x in details],
                                        total if v2016 else None))
    # a job still running has no log row yet: show its log so far
    live = [j for j in ctx.store.active.values()
            if j.company_id == cid and (handle is None or j.handle == handle)
            and (orig is None or j.original_name == orig)] if not (handle and rows) else []
    for job in live:
        items.append(_live_log(ctx, job, types, sort_by, direction, per_page, page))
    if (handle is not None and not items and ctx.store.by_handle.get(handle) is None
            and ctx.store.scheduled_by_handle(handle) is None):
        raise ctx.unknown_job(handle)
    return render.array("jobLogArray", items)


def _live_log(ctx: Context, job: ActiveJob, types: list[str] | None, sort_by: str, direction: str, per_page: int,
              page: int) -> str:
    eng = ctx.engine
    stopped = None if job.stop_sim is None else job.stop_sim - job.born_sim
    snap = sim.snapshot(job.plan, eng.sim - job.born_sim, stopped)
    summary, lines = sim.log_lines(job.subjob_elem, job.plan, job.original_name, job.submit_user, job.type,
                                   job.start_date, max(eng.wall, job.start_date), processed=snap.processed,
                                   company_id=job.company_id)
    lines = lines[:-1]  # not ended yet
    summary.update(handle=job.handle, company_id=job.company_id, job_name=job.name,
                   original_job_name=job.original_name, submit_user=job.submit_user,
                   log_type=sim.family(job.subjob_elem)[0], job_sub_type="", start_date=job.start_date,
                   end_date=None, description=job.description or "", fatal=0, total=job.plan["files"])
    details = [{"message": m, "log_type": lt, "date_created": t, "asset_name": an, "asset_type": at,
                "asset_handle": ah} for (m, lt, t, an, at, ah) in lines]
    if types:
        details = [x for x in details if x["log_type"] in types]
    if sort_by == "LogType":
        details.sort(key=lambda x: x["log_type"], reverse=direction == "Descending")
    elif direction == "Descending":
        details.reverse()
    total = len(details)
    if ctx.version == xsd.V2016:
        details = details[(page - 1) * per_page: page * per_page]
    return render.job_log_xml(ctx.version, summary, [render.detail_dict(x) for x in details],
                              total if ctx.version == xsd.V2016 else None)


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


def _scheduled(ctx: Context, verb: str):
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


# ------------------------------------------------------------------ companies
def _company_data(c: Any) -> dict[str, Any]:
    return {"companyHandle": c.handle, "name": c.name, "rootPath": c.root_path, "expires": c.expires,
            "imsOrgId": c.ims_org_id}


def get_company_info(ctx: Context) -> str:
    p = ctx.p
    if p.get("companyHandle") is not None:
        cid = ctx.company(p["companyHandle"])
    elif p.get("companyName") is not None:
        name = p["companyName"]
        match = [c for c in ctx.store.companies.values() if c.name == name]
        if not match:
            raise IpsFault.api(INVALID_PARAMETER, f"Invalid companyName '{name[:100]}'")
        cid = ctx.company(match[0].handle)
    else:
        raise IpsFault.api(MISSING_PARAMETER, "Give companyHandle or companyName")
    c = ctx.store.companies[cid]
    return f"<companyInfo>{render.render_type(ctx.version, 'Company', _company_data(c))}</companyInfo>"


def get_company_membership(ctx: Context) -> str:
    uh = ctx.p.get("userHandle")
    if uh is not None and _user_email(ctx, uh).lower() != ctx.email.lower():
        raise IpsFault.authorization(20002, f"Not allowed to read the membership of '{uh[:100]}'")
    comps = [ctx.store.companies[cid] for cid in sorted(ctx.members)]
    if ctx.version == xsd.LEGACY:
        return render.array("companyArray", (f"<items>{render.render_type(ctx.version, 'Company', _company_data(c))}"
                                              "</items>" for c in comps))
    return render.array("membershipArray", (
        f"<items>{render.render_type(ctx.version, 'CompanyMembership', {'company': _company_data(c), 'role': ctx.members[c.id], 'isActive': True})}</items>"
        for c in comps))


HANDLERS: dict[str, Callable[[Context], str]] = {
    "getActiveJobs": get_active_jobs, "getScheduledJobs": get_scheduled_jobs, "getJobLogs": get_job_logs,
    "getJobLogDetails": get_job_log_details, "stopJob": stop_job, "pauseJob": pause_job,
    "resumeJob": resume_job, "executeJob": execute_job, "deleteJob": delete_job, "submitJob": submit_job,
    "getCompanyInfo": get_company_info, "getCompanyMembership": get_company_membership,
}


def dispatch(engine: Engine, req: SoapRequest) -> str:
    ctx = authenticate(engine, req)
    req.decode()
    ctx.p = req.params
    inner = HANDLERS[req.op](ctx)
    return render.wrap_return(req.op, req.namespace or xsd.VERSION_NS[req.version], inner)
