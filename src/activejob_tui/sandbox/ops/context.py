"""Who is asking: authentication, then the company a request may act on (authorization)."""

from __future__ import annotations

import re
from typing import Literal, overload

from ..engine import Engine
from ..faults import (
    ILLEGAL_COMPANY,
    INVALID_CREDENTIALS,
    INVALID_PARAMETER,
    MISSING_PARAMETER,
    NO_CREDENTIALS,
    NO_OPERATION_PERMISSION,
    IpsFault,
)
from ..soap import SoapRequest
from ..store import ActiveJobRow

_COMPANY_RE = re.compile(r"^(?:c\|)?(\d{1,12})$")


class Context:
    def __init__(self, engine: Engine, req: SoapRequest, user_id: int, email: str,
                 members: dict[int, str]) -> None:
        self.engine, self.store, self.req = engine, engine.store, req
        self.user_id, self.email, self.members = user_id, email, members
        self.version, self.p = req.version, req.params

    # -------------------------------------------------------------- helpers
    @overload
    def company(self, handle: str | None, *, required: Literal[True] = ...) -> int: ...
    @overload
    def company(self, handle: str | None, *, required: bool) -> int | None: ...

    def company(self, handle: str | None, *, required: bool = True) -> int | None:
        """The company id of ``handle`` (``c|123``); None only when ``required`` is false and it is missing.
        Raises IpsFault for a missing (when required), unknown or foreign company."""
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

    def job_of(self, handle: str, cid: int) -> ActiveJobRow | None:
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


def _user_email(ctx: Context, handle: str) -> str:
    parts = handle.split("|")
    return parts[-1] if len(parts) >= 3 else handle
