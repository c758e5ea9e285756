"""getCompanyMembership (IPS_JOBS_API.md §4.7) read with the rules of :mod:`.decode`: local names,
an IPS namespace of any version, every failure a MalformedResponse."""

from __future__ import annotations

import dataclasses

from lxml import etree

from .convert import BOOLS, local_of
from .decode import Answer, answer_element, guard
from .wire import parse_xml


@dataclasses.dataclass(frozen=True, slots=True)
class CompanyMembership:
    """One company the caller belongs to (IPS_JOBS_API.md §4.7): a ``Company``'s ``companyHandle``
    and ``name``, with the ``role`` and ``isActive`` of a 2016 ``CompanyMembership`` (None in the
    unversioned API, whose answer is a bare ``companyArray``)."""

    company_handle: str
    name: str
    role: str | None = None
    is_active: bool | None = None


MEMBERSHIP = Answer("getCompanyMembership", ("getCompanyMembershipReturn",), "", CompanyMembership)


def _children(el: etree._Element) -> dict[str, etree._Element]:
    return {local: child for child in el if (local := local_of(child.tag)) is not None}


def _membership(item: etree._Element) -> CompanyMembership | None:
    fields = _children(item)
    company = _children(fields["company"]) if "company" in fields else fields
    handle, name = company.get("companyHandle"), company.get("name")
    if handle is None or not (handle.text or "").strip():
        return None  # a company without a handle cannot be switched to
    active = fields.get("isActive")
    role = fields.get("role")
    return CompanyMembership(
        company_handle=handle.text.strip(),
        name=(name.text or "").strip() if name is not None else "",
        role=(role.text or "").strip() or None if role is not None else None,
        is_active=BOOLS.get((active.text or "").strip()) if active is not None else None,
    )


def _memberships(answer: etree._Element) -> list[CompanyMembership]:
    found: list[CompanyMembership] = []
    for array in answer:
        if local_of(array.tag) not in ("companyArray", "membershipArray"):
            continue
        found.extend(m for item in array if local_of(item.tag) == "items" and (m := _membership(item)) is not None)
    return found


def decode_company_membership(data: bytes) -> list[CompanyMembership]:
    """A getCompanyMembership answer → the caller's companies, in the server's order (§4.7).

    Both shapes are read: the unversioned ``companyArray`` of ``Company`` and the 2016
    ``membershipArray`` of ``CompanyMembership`` (``company``, ``role``, ``isActive``). An item
    without a ``companyHandle`` is left out; anything that is not such an answer is MalformedResponse."""
    root = parse_xml(data, MEMBERSHIP.operation)
    answer = answer_element(root, MEMBERSHIP.operation, MEMBERSHIP.returns)
    return guard(MEMBERSHIP, _memberships, answer)
