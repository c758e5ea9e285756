"""One description of every IPS field of the model: the only place field types are read.

``schema(cls)`` gives, for each dataclass field of a model class, a :class:`FieldSpec`: the
attribute, the IPS element name, the resolved Python type (``None`` stripped), what kind of value it
is, its unit where IPS has one, and which views show it. The decoder (``ips.decode``), the filter
(``model.query``), sorting and serialization (``model.serialize``) read field types from here, so a
type change in ``model.jobs`` is seen the same way by all of them (or fails loudly here).
"""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from functools import cache
from typing import Any

from . import jobs
from .naming import ips_name

__all__ = ["KINDS", "FieldSpec", "field_spec", "schema"]

KINDS = ("text", "int", "float", "bool", "datetime", "enum", "record", "raw_record", "handles", "array", "sub_job")
"""``text`` str; ``enum`` an ``IpsEnum``; ``record`` one nested dataclass; ``raw_record`` an option
group kept as (name, value) pairs; ``handles`` a tuple of handles; ``array`` a tuple of dataclasses;
``sub_job`` the job's one sub-job (its element name is its type)."""

_UNITS: dict[tuple[type, str], str] = {
    (jobs.ActiveJob, "progress"): "percent, 0–100",
    (jobs.TaskProgress, "progress"): "fraction, 0.0–1.0",
    (jobs.TaskItemProgress, "progress"): "fraction, 0.0–1.0",
    (jobs.ActiveJob, "total_size"): "bytes",
}
for _cls in (jobs.ActiveJob, jobs.ScheduledJob, jobs.JobLog, jobs.JobLogDetail, jobs.JobLogDetailAux,
             jobs.TaskProgress, jobs.TaskItemProgress):
    for _f in dataclasses.fields(_cls):
        if _f.name in ("start_date", "end_date", "trigger_time", "last_progress_update", "next_fire_time",
                       "date_created"):
            _UNITS[(_cls, _f.name)] = "aware datetime (no zone on the wire = UTC)"

_VIEWS: dict[type, tuple[str, ...]] = {
    jobs.ActiveJob: ("active",),
    jobs.ScheduledJob: ("scheduled",),
    jobs.JobLog: ("logs",),
    jobs.JobLogDetail: ("logs",),
}
"""The console views and the CLI's ``--view`` values that list a class's fields (the rest show in
the detail pane of the job they belong to)."""


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One IPS field of one model class."""

    name: str
    """The model attribute (snake_case)."""
    ips_name: str
    """The IPS element name (``jobHandle``)."""
    type: Any
    """The resolved Python type without ``None`` (``int``, ``datetime``, ``tuple[TaskProgress, ...]``…)."""
    kind: str
    """One of :data:`KINDS`."""
    item: Any = None
    """The enum class (``enum``), the dataclass (``record``, ``array``), else None."""
    unit: str | None = None
    views: tuple[str, ...] = ()


def _without_none(hint: Any) -> Any:
    if type(hint).__name__ == "UnionType" or typing.get_origin(hint) is typing.Union:
        non_none = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(non_none) == 1:
            return non_none[0]
    return hint


def _is_raw_record(hint: Any) -> bool:
    args = typing.get_args(hint)
    if typing.get_origin(hint) is not tuple or len(args) != 2 or args[1] is not Ellipsis:
        return False
    inner_args = typing.get_args(args[0])
    return typing.get_origin(args[0]) is tuple and len(inner_args) == 2 and inner_args[0] is str


def _kind(name: str, hint: Any) -> tuple[str, Any]:
    if name == "sub_job":
        return "sub_job", None
    simple = {str: "text", bool: "bool", int: "int", float: "float", datetime: "datetime"}
    if hint in simple:
        return simple[hint], None
    if isinstance(hint, type) and issubclass(hint, Enum):
        return "enum", hint
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return "record", hint
    if typing.get_origin(hint) is tuple:
        args = typing.get_args(hint)
        if args == (str, Ellipsis):
            return "handles", None
        if _is_raw_record(hint):
            return "raw_record", None
        if len(args) == 2 and args[1] is Ellipsis and dataclasses.is_dataclass(args[0]):
            return "array", args[0]
    raise TypeError(f"model.schema: no kind for field {name!r} of type {hint!r}")  # a model change: fail loudly


@cache
def schema(cls: type) -> tuple[FieldSpec, ...]:
    """Every field of the model dataclass ``cls``, in the IPS sequence order. TypeError for a field
    whose type the schema cannot describe (raised when the class is first described)."""
    hints = typing.get_type_hints(cls)
    out = []
    for f in dataclasses.fields(cls):
        hint = _without_none(hints[f.name])
        kind, item = _kind(f.name, hint)
        out.append(FieldSpec(f.name, ips_name(f.name), hint, kind, item, _UNITS.get((cls, f.name)),
                             _VIEWS.get(cls, ())))
    return tuple(out)


@cache
def _by_name(cls: type) -> dict[str, FieldSpec]:
    return {spec.name: spec for spec in schema(cls)}


def field_spec(cls: type, name: str) -> FieldSpec:
    """The :class:`FieldSpec` of attribute ``name`` of ``cls``; KeyError when there is none."""
    return _by_name(cls)[name]
