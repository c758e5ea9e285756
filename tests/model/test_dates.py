"""Date parsing and formatting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from activejob_tui.model.dates import (
    aware,
    format_iso,
    parse_datetime,
    to_local,
    utcnow,
)

PLUS7 = timezone(timedelta(hours=-7))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-01T10:00:00.123-07:00", datetime(2024, 5, 1, 10, 0, 0, 123000, tzinfo=PLUS7)),
        ("2024-05-01T10:00:00Z", datetime(2024, 5, 1, 10, tzinfo=UTC)),
        ("2024-05-01T10:00:00", datetime(2024, 5, 1, 10, tzinfo=UTC)),  # naive → UTC
        ("  2024-05-01  ", datetime(2024, 5, 1, tzinfo=UTC)),
        ("", None),
        ("   ", None),
        (None, None),
        ("yesterday", None),
        ("2024-13-45T99:00", None),
    ],
)
def test_parse_datetime(text, expected) -> None:
    result = parse_datetime(text)
    assert result == expected
    if result is not None:
        assert result.tzinfo is not None


def test_parse_passes_datetimes_through() -> None:
    naive = datetime(2024, 1, 1)
    assert parse_datetime(naive) == naive.replace(tzinfo=UTC)
    assert parse_datetime(12) is None  # type: ignore[arg-type]


def test_format_iso() -> None:
    assert format_iso(datetime(2024, 5, 1, 10, 0, 0, 123456, tzinfo=PLUS7)) == "2024-05-01T10:00:00.123-07:00"
    assert format_iso(datetime(2024, 5, 1, 10)) == "2024-05-01T10:00:00.000+00:00"
    assert format_iso(None) is None


def test_round_trip() -> None:
    dt = datetime(2024, 5, 1, 10, 0, 0, 123000, tzinfo=PLUS7)
    assert parse_datetime(format_iso(dt)) == dt


def test_to_local_and_helpers() -> None:
    dt = datetime(2024, 5, 1, 10, tzinfo=UTC)
    assert to_local(dt, PLUS7).hour == 3
    assert to_local(datetime(2024, 5, 1, 10)).tzinfo is not None
    assert to_local(dt) == dt
    assert aware(datetime(2024, 1, 1)).tzinfo is UTC
    assert utcnow().tzinfo is UTC


@given(st.text(max_size=40))
def test_parse_never_raises(text: str) -> None:
    result = parse_datetime(text)
    assert result is None or result.tzinfo is not None
