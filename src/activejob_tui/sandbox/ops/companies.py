"""getCompanyInfo and getCompanyMembership."""

from __future__ import annotations

from typing import Any

from .. import render, xsd
from ..faults import INVALID_PARAMETER, MISSING_PARAMETER, IpsFault
from .context import Context, _user_email


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
