"""zeep's own strict deserializer → model objects: the reference the fast decoder is checked against.

Independent of ``activejob_tui.ips.decode``: it walks zeep's objects (built from a WSDL in strict
mode) and converts them with the documented rules only — empty string → None (zeep already does
it), unknown enum values → the enum's pseudo-member, a naive datetime → UTC, arrays without
items → None, empty ``items`` of handle arrays dropped, option groups as raw records whose leaf
texts are zeep's own ``xmlvalue`` of the parsed value.
"""

from __future__ import annotations

import dataclasses
import typing
from datetime import UTC, datetime
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

import zeep
from lxml import etree
from zeep.xsd.valueobjects import CompoundValue

from activejob_tui.model.jobs import SUB_JOB_TYPES
from activejob_tui.model.naming import ips_fields

SOAP_ENVS = ("http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/2003/05/soap-envelope")


@cache
def client_for(wsdl: str) -> zeep.Client:
    return zeep.Client(str(Path(wsdl)))


def zeep_decode(client: zeep.Client, data: bytes, item_cls: type) -> list:
    """Deserialize the answer's body element with zeep (strict) and convert it to model objects."""
    root = etree.fromstring(data)
    assert etree.QName(root).localname == "Envelope" and etree.QName(root).namespace in SOAP_ENVS
    body = next(child for child in root if etree.QName(child).localname == "Body")
    answer = body[0]
    element = client.get_element(answer.tag)
    parsed = element.parse(answer, client.wsdl.types)
    array_name = "jobArray" if hasattr(parsed, "jobArray") or "jobArray" in parsed.__values__ else "jobLogArray"
    array = parsed.__values__[array_name]
    items = (array.__values__.get("items") if array is not None else None) or []
    return [to_model(item, item_cls) for item in items]


def to_model(obj: CompoundValue, cls: type) -> Any:
    hints = typing.get_type_hints(cls)
    values = obj.__values__
    kw: dict[str, Any] = {}
    for attr, element in ips_fields(cls):
        if element in values:
            kw[attr] = convert(values[element], hints[attr])
    if any(f.name == "sub_job" for f in dataclasses.fields(cls)):
        for element, sub_cls in SUB_JOB_TYPES.items():
            value = values.get(element)
            if value is not None:
                kw["sub_job"] = to_model(value, sub_cls)
                break
    return cls(**kw)


def _unwrap_optional(hint: Any) -> Any:
    args = typing.get_args(hint)
    if type(None) in args:
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return hint


def convert(value: Any, hint: Any) -> Any:
    if value is None:
        return None
    hint = _unwrap_optional(hint)
    if hint in (str, int, float, bool):
        assert isinstance(value, hint), (value, hint)
        return value
    if hint is datetime:
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return to_model(value, hint)
    args = typing.get_args(hint)
    if typing.get_origin(hint) is tuple:
        if args == (str, Ellipsis):
            items = value.__values__.get("items") or []
            return tuple(v for v in items if v is not None) if items else None
        if dataclasses.is_dataclass(args[0]):
            items = value.__values__.get("items") or []
            return tuple(to_model(v, args[0]) for v in items) if items else None
        return raw_record(value)
    raise TypeError(f"no conversion for {hint!r}")


def raw_record(value: CompoundValue) -> tuple:
    out = []
    for name, element in value._xsd_type.elements:
        v = value.__values__.get(name)
        if v is None:
            continue
        for one in v if isinstance(v, list) else [v]:
            if one is None:
                continue
            if isinstance(one, CompoundValue):
                nested = raw_record(one)
                if nested:
                    out.append((name, nested))
            else:
                out.append((name, element.type.xmlvalue(one)))
    return tuple(out)
