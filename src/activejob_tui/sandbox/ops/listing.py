"""The reads: getActiveJobs, getScheduledJobs, getJobLogs and getJobLogDetails (a running job's log so far)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, TypedDict

from .. import render, sim, xsd
from ..faults import INVALID_PARAMETER, MISSING_PARAMETER, IpsFault
from ..store import ActiveJobRow
from .context import Context, _user_email

MAX_DETAIL_PAGE = 1000
_LOG_SORT = {
    "JobName": "job_name", "LogType": "log_type", "StartDate": "start_date",
    "CompanyName": "(SELECT name FROM companies c WHERE c.id = company_id)", "UserId": "submit_user",
    "Email": "submit_user", "FileErrorCount": "error", "FileWarningCount": "warning",
    "FileSuccessCount": "success",
}
_DIRECTIONS = {"Ascending": "ASC", "Descending": "DESC"}


# ------------------------------------------------------------------ listing
def get_active_jobs(ctx: Context) -> str:
    return render.array("jobArray", active_job_items(ctx))


def active_job_items(ctx: Context) -> Iterator[str]:
    """The ``<items>`` of a getActiveJobs answer, one job at a time. Which jobs, and every fault,
    are settled when this is called; the items are rendered as they are taken, all at the engine's
    clock of that moment (so an answer streamed over several turns of the loop is one instant)."""
    cids = set(ctx.companies())
    handle, orig = ctx.p.get("jobHandle"), ctx.p.get("originalName")
    waiting = ctx.p.get("includeWaitingJobs")
    if handle is not None:
        job = ctx.store.by_handle.get(handle)
        jobs: Iterable[ActiveJobRow] = [job] if job is not None and job.company_id in cids else []
    else:
        jobs = list(ctx.store.active.values())
    return _rendered(ctx, [job for job in jobs if job.company_id in cids
                           and (orig is None or job.original_name == orig)], waiting is False)


def _rendered(ctx: Context, jobs: list[ActiveJobRow], skip_waiting: bool) -> Iterator[str]:
    clock, version = ctx.engine.moment(), ctx.version
    for job in jobs:
        state, xml = render.active_job_xml(clock, job, version)
        if skip_waiting and state in ("WaitingClient", "WaitingCoordinator"):
            continue
        yield xml


def get_scheduled_jobs(ctx: Context) -> str:
    cids = set(ctx.companies())
    handle, orig = ctx.p.get("jobHandle"), ctx.p.get("originalName")
    items = [render.scheduled_job_xml(j, ctx.version) for j in ctx.store.scheduled.values()
             if j.company_id in cids and (handle is None or j.handle == handle)
             and (orig is None or j.original_name == orig)]
    return render.array("jobArray", items)



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


class _LiveDetail(TypedDict):
    """One detail line of a running job's log so far, keyed like a job_log_details row (render.detail_dict)."""

    message: str
    log_type: str
    date_created: float
    asset_name: str | None
    asset_type: str | None
    asset_handle: str | None


def _live_log(ctx: Context, job: ActiveJobRow, types: list[str] | None, sort_by: str, direction: str, per_page: int,
              page: int) -> str:
    eng = ctx.engine
    stopped = None if job.stop_sim is None else job.stop_sim - job.born_sim
    snap = sim.snapshot(job.plan, eng.sim - job.born_sim, stopped)
    summary, lines = sim.log_lines(job.subjob_elem, job.plan, job.original_name, job.submit_user, job.type,
                                   job.start_date, max(eng.wall, job.start_date), processed=snap.processed,
                                   company_id=job.company_id, at=sim.file_times(job.plan, job.start_date, eng.speed))
    lines = lines[:-1]  # not ended yet
    summary.update(handle=job.handle, company_id=job.company_id, job_name=job.name,
                   original_job_name=job.original_name, submit_user=job.submit_user,
                   log_type=sim.family(job.subjob_elem)[0], job_sub_type="", start_date=job.start_date,
                   end_date=None, description=job.description or "", fatal=0, total=job.plan["files"])
    details: list[_LiveDetail] = [{"message": m, "log_type": lt, "date_created": t, "asset_name": an, "asset_type": at,
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
