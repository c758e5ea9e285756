"""Sorting jobs by any field, named the IPS way (``startDate``) or the Python way (``start_date``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from .schema import schema

T = TypeVar("T")


class SortError(ValueError):
    """An unknown sort field; the message lists the fields that exist."""


def attribute_for(cls: type, name: str) -> str:
    """The attribute of ``cls`` that ``name`` (snake_case or IPS camelCase, any case) designates."""
    wanted = name.strip().casefold()
    specs = schema(cls)
    for spec in specs:
        if wanted in (spec.name.casefold(), spec.ips_name.casefold()):
            return spec.name
    known = ", ".join(spec.ips_name for spec in specs if spec.kind != "sub_job")
    raise SortError(f"cannot sort by {name!r}; fields: {known}")


def sort_jobs(jobs: Sequence[T], cls: type, spec: str) -> list[T]:
    """Sort by ``FIELD`` or ``FIELD:desc``; missing values always go last."""
    name, _, direction = spec.partition(":")
    if direction.casefold() not in ("", "asc", "desc"):
        raise SortError(f"sort direction must be asc or desc, not {direction!r}")
    attribute = attribute_for(cls, name)
    descending = direction.casefold() == "desc"
    present = [j for j in jobs if getattr(j, attribute) is not None]
    missing = [j for j in jobs if getattr(j, attribute) is None]
    def key(j: T) -> Any:
        return _comparable(getattr(j, attribute))

    return sorted(present, key=key, reverse=descending) + missing


def _comparable(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value
