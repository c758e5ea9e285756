"""Values as the filter sees them: text, numbers, dates and truth read from any model value."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from datetime import UTC, datetime
from enum import Enum
from typing import Any

from ..dates import parse_datetime
from ..enums import IpsEnum
from ..words import filter_words

_TRUE = frozenset({"true", "yes", "y", "1", "on"})
_FALSE = frozenset({"false", "no", "n", "0", "off"})


def _text(value: Any) -> str:
    """A value as the text a filter sees (enums by value, dates in ISO, booleans as true/false)."""
    if isinstance(value, str):
        return str.__str__(value)  # a text-valued (StrEnum) member as its value, a plain text as itself
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        try:
            return value.isoformat(timespec="milliseconds")
        except (ValueError, TypeError):
            return str(value)
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def _shown_words(value: Any) -> tuple[str, ...]:
    """The casefolded words shown for an IPS enum value besides the value itself, from
    ``model.words`` (the English word where it differs, ``waitclient``, and the current language's:
    ``狀態:執行中`` matches Running); none for any other value."""
    return filter_words(value) if isinstance(value, IpsEnum) else ()


def _leaves(value: Any, depth: int = 0) -> Iterator[Any]:
    """Scalars inside nested tuples, lists and dataclasses (records, arrays, sub-objects)."""
    if isinstance(value, (tuple, list)):
        if depth < 12:
            for item in value:
                yield from _leaves(item, depth + 1)
    elif is_dataclass(value) and not isinstance(value, type):
        if depth < 12:
            for f in fields(value):
                item = getattr(value, f.name, None)
                if item is not None:
                    yield from _leaves(item, depth + 1)
    elif value is not None:
        yield value


def _as_number(value: Any) -> float | int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def _as_datetime(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    if isinstance(value, str):
        return parse_datetime(value)
    return None


def _as_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().casefold()
        return True if word in _TRUE else False if word in _FALSE else None
    return None

