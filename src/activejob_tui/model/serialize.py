"""Model objects → JSON-ready dicts keyed by IPS element names, and CSV rows.

``to_ips_dict(job)`` gives ``{"companyHandle": …, "jobHandle": …, …, "videoPublishJob": {…}}``:

- every field of the class is present, ``None`` as ``null`` (a stable field set per class);
- the sub-job sits under its IPS element name, at the sub-job's place in the sequence; a job with
  no sub-job has no such key (the key *is* the sub-job's type);
- an :class:`UnknownSubJob` is rendered from its raw fields; a raw record becomes a dict, a name
  repeated in it becomes a list;
- enums → their string value (unrecognised ones too), datetimes → ISO-8601 with milliseconds and
  offset, tuples → lists.
"""

from __future__ import annotations

import json
import operator
from collections.abc import Callable, Sequence
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any

from .dates import format_iso
from .naming import ips_name
from .schema import schema
from .sub_jobs import UnknownSubJob, sub_job_element

__all__ = ["csv_columns", "raw_record_to_dict", "to_ips_dict", "to_row", "to_value"]

JsonValue = Any


def raw_record_to_dict(record: Any) -> JsonValue:
    """A RawRecord (``((name, text | record), …)``) as a dict; a repeated name gathers a list."""
    if not isinstance(record, (tuple, list)):
        return to_value(record)
    out: dict[str, Any] = {}
    repeated: set[str] = set()
    for pair in record:
        if not (isinstance(pair, (tuple, list)) and len(pair) == 2 and isinstance(pair[0], str)):
            return [to_value(item) for item in record]  # not a record after all: keep it as a list
        name, value = pair
        converted = raw_record_to_dict(value) if isinstance(value, (tuple, list)) else to_value(value)
        if name not in out:
            out[name] = converted
        elif name in repeated:
            out[name].append(converted)
        else:
            out[name] = [out[name], converted]
            repeated.add(name)
    return out


def to_value(value: Any) -> JsonValue:
    """One value in JSON-ready form (see the module docstring)."""
    if value is None or value.__class__ in (str, int, float, bool):
        return value
    if isinstance(value, Enum):
        return str.__str__(value) if isinstance(value, str) else to_value(value.value)
    if isinstance(value, datetime):
        return format_iso(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (str, int, float)):  # subclasses
        return value
    if isinstance(value, (tuple, list)):
        return [to_value(item) for item in value]
    if is_dataclass(value) and not isinstance(value, type):
        return to_ips_dict(value)
    return str(value)


_PLAIN = frozenset({str, int, float, bool, type(None)})


@cache
def _plan(cls: type) -> tuple[Callable[[Any], tuple[Any, ...]], tuple[str, ...], frozenset[str]]:
    """(getter of all field values, their IPS keys with "" for the sub-job, keys holding raw records)."""
    names = [f.name for f in fields(cls)]
    keys = tuple("" if name == "sub_job" else ips_name(name) for name in names)
    records = frozenset(spec.ips_name for spec in schema(cls) if spec.kind == "raw_record")
    if len(names) == 1:
        (only,) = names
        return (lambda obj: (getattr(obj, only),)), keys, records
    return operator.attrgetter(*names), keys, records


def to_ips_dict(obj: Any) -> dict[str, JsonValue]:
    """A model dataclass as a JSON-ready dict keyed by IPS element names."""
    if isinstance(obj, UnknownSubJob):
        fields_ = raw_record_to_dict(obj.fields)
        return fields_ if isinstance(fields_, dict) else {"fields": fields_}
    if not (is_dataclass(obj) and not isinstance(obj, type)):
        raise TypeError(f"not a model object: {type(obj).__name__}")
    getter, keys, records = _plan(type(obj))
    if not keys:
        return {}
    out: dict[str, JsonValue] = {}
    for key, value in zip(keys, getter(obj)):
        if value.__class__ in _PLAIN:
            if key:
                out[key] = value
        elif not key:  # the sub-job slot: its element name is the key
            out[_element(value)] = to_ips_dict(value) if _is_object(value) else to_value(value)
        elif key in records:
            out[key] = raw_record_to_dict(value)
        else:
            out[key] = to_value(value)
    return out


def _is_object(value: Any) -> bool:
    return is_dataclass(value) and not isinstance(value, type)


def _element(sub_job: Any) -> str:
    try:
        return sub_job_element(sub_job)
    except (KeyError, AttributeError, TypeError):
        return "subJob"


# --- CSV --------------------------------------------------------------------------------------


def csv_columns(cls: type) -> list[str]:
    """Default CSV columns for a class: its scalar IPS fields, then ``subJob`` (the element name)."""
    columns = []
    for spec in schema(cls):
        if spec.kind == "sub_job":
            columns.append("subJob")
        elif spec.kind not in ("array", "raw_record", "handles"):
            columns.append(spec.ips_name)
    return columns


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def to_row(obj: Any, columns: Sequence[str]) -> list[str]:
    """Cells for ``columns`` (IPS or snake_case names, ``subJob``, ``severity``/``outcome`` where the
    object has them, dotted paths like ``videoPublishJob.emailSetting``); unknown columns are empty."""
    data = to_ips_dict(obj)
    row = []
    for column in columns:
        value: Any = None
        if column in ("subJob", "sub_job"):
            sub = getattr(obj, "sub_job", None)
            value = _element(sub) if sub is not None else None
        elif column in data:
            value = data[column]
        elif ips_name(column) in data:
            value = data[ips_name(column)]
        elif "." in column:
            value = data
            for part in column.split("."):
                value = value.get(part) if isinstance(value, dict) else None
        elif column in ("severity", "outcome") and hasattr(type(obj), column):
            value = to_value(getattr(obj, column))
        row.append(_cell(value))
    return row
