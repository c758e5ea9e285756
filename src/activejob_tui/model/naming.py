"""Mapping between model attribute names and IPS element names."""

from __future__ import annotations

from dataclasses import fields
from functools import cache

_IRREGULAR = {
    "is_modifier": "is_modifier",
    "exclude_master_video_from_avs": "excludeMasterVideoFromAVS",
}


def ips_name(attribute: str) -> str:
    """``job_handle`` → ``jobHandle``; the two irregular IPS spellings are kept as IPS writes them."""
    if attribute in _IRREGULAR:
        return _IRREGULAR[attribute]
    head, *rest = attribute.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


@cache
def ips_fields(cls: type) -> tuple[tuple[str, str], ...]:
    """(attribute, IPS element name) for each dataclass field of ``cls``, in sequence order."""
    return tuple((f.name, ips_name(f.name)) for f in fields(cls) if f.name != "sub_job")
