"""Answer bodies: ActiveJob (hand-written hot path, cached per job), ScheduledJob, JobLog."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from . import messages, sim, xsd
from .faults import SOAP11_ENV, SOAP12_ENV
from .store import ActiveJobRow, ScheduledJobRow
from .xmlout import esc, fmt_dt, render_fields, render_type

_ACTIVE_SUBJOBS = {v: xsd.subjob_fields(v, "ActiveJob") for v in (xsd.LEGACY, xsd.V2016)}
_SCHED_SUBJOBS = {v: xsd.subjob_fields(v, "ScheduledJob") for v in (xsd.LEGACY, xsd.V2016)}
_TRANSCODE_ITEMS = ("mp4-1080p", "mp4-720p", "mp4-480p")


class SimClock(Protocol):
    """What rendering needs of the engine: simulated seconds now, and the wall time of a simulated one."""

    sim: float

    def wall_of(self, sim_t: float) -> float: ...


def envelope(payload: str, soap12: bool) -> bytes:
    head, tail = envelope_parts(soap12)
    return head + payload.encode() + tail


def envelope_parts(soap12: bool) -> tuple[bytes, bytes]:
    """The bytes of an answer's envelope before and after its payload."""
    env = SOAP12_ENV if soap12 else SOAP11_ENV
    return (f'<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="{env}">'
            "<soapenv:Body>").encode(), b"</soapenv:Body></soapenv:Envelope>"


def streamed_array(op: str, ns: str, name: str, items: Iterable[str], soap12: bool, batch: int) -> Iterator[bytes]:
    """The whole answer ``envelope(wrap_return(op, ns, array(name, items)), soap12)`` as byte chunks of
    ``batch`` items each: the same bytes, joined (tests/sandbox/test_streaming.py)."""
    head, tail = envelope_parts(soap12)
    opening = head + f'<{op}Return xmlns="{ns}"><{name}>'.encode()
    chunk: list[str] = []
    sent = False
    for xml in items:
        chunk.append(xml)
        if len(chunk) >= batch:
            yield (b"" if sent else opening) + "".join(chunk).encode()
            sent, chunk = True, []
    if chunk:
        yield (b"" if sent else opening) + "".join(chunk).encode()
        sent = True
    if sent:
        yield f"</{name}></{op}Return>".encode() + tail
    else:
        yield head + wrap_return(op, ns, array(name, ())).encode() + tail


def wrap_return(op: str, ns: str, inner: str) -> str:
    """``<op>Return`` in the request's schema namespace ``ns`` around ``inner``."""
    if not inner:
        return f'<{op}Return xmlns="{ns}"/>'
    return f'<{op}Return xmlns="{ns}">{inner}</{op}Return>'


def array(name: str, items: Iterable[str]) -> str:
    body = "".join(items)
    return f"<{name}>{body}</{name}>" if body else f"<{name}/>"


def _subjob_xml(job: ActiveJobRow | ScheduledJobRow, version: str, allowed: frozenset[str]) -> str:
    elem = job.subjob_elem
    if not elem or elem not in allowed:
        return ""
    fields = tuple(f for f in xsd.TYPES[version]["ActiveJob" if isinstance(job, ActiveJobRow) else "ScheduledJob"]
                   if f.name == elem)
    return render_fields(version, fields, {elem: job.subjob})


def active_job_xml(engine: SimClock, job: ActiveJobRow, version: str) -> tuple[str, str]:
    """(state, ``<items>…</items>``) for one active job, re-rendered only when it visibly changed."""
    elapsed = engine.sim - job.born_sim
    stopped = None if job.stop_sim is None else job.stop_sim - job.born_sim
    snap = sim.snapshot(job.plan, elapsed, stopped)
    language = messages.answer_language.get()
    key = (snap.key, language)  # the progress messages are in the request's locale
    cached = job.cache.get(version)
    if cached is not None and cached[0] == key:
        return snap.state, cached[1]
    sub = job.subjob_xml.get(version)
    if sub is None:
        sub = job.subjob_xml[version] = _subjob_xml(job, version, _ACTIVE_SUBJOBS[version])
    plan = job.plan
    changed = max(engine.wall_of(job.born_sim + snap.changed_at), job.start_date)
    changed_s = fmt_dt(changed)
    parts = [f"<items><companyHandle>c|{job.company_id}</companyHandle><jobHandle>{esc(job.handle)}</jobHandle>"
             f"<name>{esc(job.name)}</name><originalName>{esc(job.original_name)}</originalName>"
             f"<type>{esc(job.type)}</type><state>{snap.state}</state>"
             f"<submitUserEmail>{esc(job.submit_user)}</submitUserEmail>"]
    v2016 = version == xsd.V2016
    if v2016:
        if job.locale is not None:
            parts.append(f"<locale>{esc(job.locale)}</locale>")
        if job.description is not None:
            parts.append(f"<description>{esc(job.description)}</description>")
    parts.append(f"<serverName>{plan['server']}</serverName><startDate>{fmt_dt(job.start_date)}</startDate>")
    if v2016:
        parts.append(f"<triggerTime>{fmt_dt(job.trigger_time)}</triggerTime>")
    parts.append(f"<totalSize>{min(plan['size'], 2**31 - 1)}</totalSize><progress>{snap.progress}</progress>"
                 f"<progressMessage>{esc(sim.progress_message(plan, snap, language))}</progressMessage>"
                 f"<lastProgressUpdate>{changed_s}</lastProgressUpdate>")
    if v2016:
        tasks = []
        for t in sim.tasks(plan, snap, language):
            t_changed = changed_s if t["taskState"] != "New" else fmt_dt(job.start_date)
            items = ""
            if t["taskType"] == "Transcode":
                items = "".join(
                    f"<items><itemName>{n}</itemName><progress>{t['progress']!r}</progress>"
                    f"<progressMessage>{n}: {int(t['progress'] * 100)}%</progressMessage>"
                    f"<lastProgressUpdate>{t_changed}</lastProgressUpdate></items>" for n in _TRANSCODE_ITEMS)
            tasks.append(
                f"<items><taskType>{t['taskType']}</taskType><taskState>{t['taskState']}</taskState>"
                f"<numProcessed>{t['numProcessed']}</numProcessed><numProcessing>{t['numProcessing']}"
                f"</numProcessing><numPending>{t['numPending']}</numPending><progress>{t['progress']!r}</progress>"
                f"<progressMessage>{esc(t['progressMessage'])}</progressMessage>"
                f"<lastProgressUpdate>{t_changed}</lastProgressUpdate>"
                + (f"<taskItemProgressArray>{items}</taskItemProgressArray>" if items
                   else "<taskItemProgressArray/>") + "</items>")
        parts.append(array("taskProgressArray", tasks))
    parts.append(sub)
    parts.append("</items>")
    xml = "".join(parts)
    job.cache[version] = (key, xml)
    return snap.state, xml


def scheduled_job_xml(job: ScheduledJobRow, version: str) -> str:
    data: dict[str, Any] = {
        "companyHandle": f"c|{job.company_id}", "jobHandle": job.handle, "name": job.name,
        "originalName": job.original_name, "type": job.type, "submitUserEmail": job.submit_user,
        "locale": job.locale, "description": job.description, "execSchedule": job.exec_schedule,
        "nextFireTime": job.next_fire, "timeZone": job.time_zone, "triggerState": job.trigger_state,
    }
    if job.subjob_elem and job.subjob_elem in _SCHED_SUBJOBS[version]:
        data[job.subjob_elem] = job.subjob
    return f"<items>{render_type(version, 'ScheduledJob', data)}</items>"


def job_log_xml(version: str, row: Any, details: list[Any] | None = None, total_rows: int | None = None) -> str:
    data: dict[str, Any] = {
        "companyHandle": f"c|{row['company_id']}", "jobHandle": row["handle"], "jobName": row["job_name"],
        "originalJobName": row["original_job_name"], "submitUserEmail": row["submit_user"],
        "logType": row["log_type"], "jobSubType": row["job_sub_type"], "startDate": row["start_date"],
        "endDate": row["end_date"], "description": row["description"], "fileSuccessCount": row["success"],
        "fileErrorCount": row["error"], "fileWarningCount": row["warning"], "fileDuplicateCount": row["duplicate"],
        "fileUpdateCount": row["updated"], "totalFileCount": row["total"], "transferSuccessCount": row["t_success"],
        "transferErrorCount": row["t_error"], "transferWarningCount": row["t_warning"],
        "fatalError": bool(row["fatal"]), "detailTotalRows": total_rows,
    }
    xml = render_type(version, "JobLog", data)
    if details is not None:
        dfields = xsd.TYPES[version]["JobLogDetail"]
        items = "".join(f"<items>{render_fields(version, dfields, d)}</items>" for d in details)
        xml += f"<detailArray>{items}</detailArray>" if items else "<detailArray/>"
    return f"<items>{xml}</items>"


def detail_dict(d: Any) -> dict[str, Any]:
    """A stored detail row as JobLogDetail fields; ``logMessage`` in the request's locale (``messages``)."""
    return {"logMessage": messages.localize(d["message"], messages.answer_language.get()), "logType": d["log_type"], "dateCreated": d["date_created"],
            "assetName": d["asset_name"], "assetType": d["asset_type"], "assetHandle": d["asset_handle"]}
