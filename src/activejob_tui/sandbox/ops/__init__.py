"""The operations: authentication, authorization, then one handler per IPS operation.

Each handler takes the decoded request and returns the inner XML of ``<op>Return``.

The handlers are grouped by job: :mod:`.context` (who asks, for which company), :mod:`.listing`
(the four reads), :mod:`.control` (stop, pause, resume, execute, delete, submit) and
:mod:`.companies`.
"""

from __future__ import annotations

from collections.abc import Callable

from .. import render, xsd
from ..engine import Engine
from ..soap import SoapRequest
from .companies import get_company_info, get_company_membership
from .context import Context, authenticate
from .control import delete_job, execute_job, pause_job, resume_job, stop_job, submit_job
from .listing import MAX_DETAIL_PAGE, get_active_jobs, get_job_log_details, get_job_logs, get_scheduled_jobs

__all__ = [
    "HANDLERS", "MAX_DETAIL_PAGE", "Context", "authenticate", "delete_job", "dispatch", "execute_job",
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
    ctx = authenticate(engine, req)
    req.decode()
    ctx.p = req.params
    inner = HANDLERS[req.op](ctx)
    return render.wrap_return(req.op, req.namespace or xsd.VERSION_NS[req.version], inner)
