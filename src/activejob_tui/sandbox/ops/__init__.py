"""The operations: authentication, authorization, then one handler per IPS operation.

Each handler takes the decoded request and returns the inner XML of ``<op>Return``.

The handlers are grouped by job: :mod:`.context` (who asks, for which company), :mod:`.listing`
(the four reads), :mod:`.control` (stop, pause, resume, execute, delete, submit) and
:mod:`.companies`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from .. import render, xsd
from ..engine import Engine
from ..soap import SoapRequest
from .companies import get_company_info, get_company_membership
from .context import Context, authenticate
from .control import delete_job, execute_job, pause_job, resume_job, stop_job, submit_job
from .listing import (
    MAX_DETAIL_PAGE,
    active_job_items,
    get_active_jobs,
    get_job_log_details,
    get_job_logs,
    get_scheduled_jobs,
)

__all__ = [
    "HANDLERS", "MAX_DETAIL_PAGE", "STREAM_BATCH", "Context", "authenticate", "delete_job", "dispatch",
    "dispatch_stream", "execute_job",
    "get_active_jobs", "get_company_info", "get_company_membership", "get_job_log_details", "get_job_logs",
    "get_scheduled_jobs", "pause_job", "resume_job", "stop_job", "submit_job",
]

HANDLERS: dict[str, Callable[[Context], str]] = {
    "getActiveJobs": get_active_jobs, "getScheduledJobs": get_scheduled_jobs, "getJobLogs": get_job_logs,
    "getJobLogDetails": get_job_log_details, "stopJob": stop_job, "pauseJob": pause_job,
    "resumeJob": resume_job, "executeJob": execute_job, "deleteJob": delete_job, "submitJob": submit_job,
    "getCompanyInfo": get_company_info, "getCompanyMembership": get_company_membership,
}


def dispatch(engine: Engine, req: SoapRequest) -> str:
    ctx = _context(engine, req)
    inner = HANDLERS[req.op](ctx)
    return render.wrap_return(req.op, _namespace(req), inner)


STREAM_BATCH = 500
"""Jobs rendered per chunk of a streamed answer (~50 ms of rendering when none is cached)."""


def dispatch_stream(engine: Engine, req: SoapRequest) -> Iterator[bytes] | None:
    """A getActiveJobs answer as byte chunks, the envelope included (the bytes of
    ``render.envelope(dispatch(engine, req), req.soap12)``), or None for the other operations.
    Authentication, the parameters and every fault are settled before this returns."""
    if req.op != "getActiveJobs":
        return None
    ctx = _context(engine, req)
    return render.streamed_array(req.op, _namespace(req), "jobArray", active_job_items(ctx), req.soap12,
                                 STREAM_BATCH)


def _context(engine: Engine, req: SoapRequest) -> Context:
    ctx = authenticate(engine, req)
    req.decode()
    ctx.p = req.params
    return ctx


def _namespace(req: SoapRequest) -> str:
    return req.namespace or xsd.VERSION_NS[req.version]
