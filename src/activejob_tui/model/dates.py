"""Timezone-aware dates: parse IPS ``xsd:dateTime`` text, format it back, show it locally.

Every datetime this project keeps is timezone-aware. A text or value without an offset is taken as
**UTC** (IPS documents its dates with an offset; a missing one is a malformed answer, and UTC is the
least surprising reading of it).
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from typing import overload

__all__ = ["aware", "format_iso", "parse_datetime", "to_local", "utcnow"]


def aware(dt: datetime) -> datetime:
    """``dt`` itself when it has a zone, else the same wall time in UTC."""
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


def parse_datetime(text: str | datetime | None) -> datetime | None:
    """An aware datetime from ISO-8601 text (naive → UTC); ``None`` for empty or unparseable text."""
    if text is None:
        return None
    if isinstance(text, datetime):
        return aware(text)
    if not isinstance(text, str):
        return None
    text = text.strip()
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)  # the fast path; covers what IPS sends
    except ValueError:
        from dateutil.parser import isoparse  # the rare slow path: ~1.5 MiB the console need not load (issue 9)

        try:
            value = isoparse(text)
        except Exception:  # noqa: BLE001 - dateutil raises ValueError, OverflowError and sometimes others
            return None
    value = aware(value)
    try:  # an offset that cannot be represented in UTC arithmetic (e.g. year 1 with +05:00)
        value.astimezone(UTC)
    except (ValueError, OverflowError):
        return None
    return value


@overload
def format_iso(dt: datetime) -> str: ...
@overload
def format_iso(dt: None) -> None: ...
def format_iso(dt: datetime | None) -> str | None:
    """ISO-8601 with milliseconds and offset (``2024-05-01T10:00:00.000+00:00``); naive → UTC."""
    if dt is None:
        return None
    return aware(dt).isoformat(timespec="milliseconds")


def to_local(dt: datetime, tz: tzinfo | None = None) -> datetime:
    """``dt`` converted to ``tz`` (default: the system's local zone); naive → UTC first."""
    return aware(dt).astimezone(tz)
