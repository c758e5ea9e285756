"""Sizes, durations, ages, percentages, bars and the ETA estimator."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from activejob_tui.model.humanize import (
    ProgressHistory,
    ago,
    bar,
    duration,
    eta,
    percent,
    size,
)

from .conftest import NOW


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "—"),
        (0, "0 B"),
        (1, "1 B"),
        (1023, "1023 B"),
        (1024, "1.0 KB"),
        (1536, "1.5 KB"),
        (1288490189, "1.2 GB"),
        (150 * 1024**2, "150 MB"),
        (1024**4 * 3, "3.0 TB"),
        (1024**9, "1024 YB"),
        (-1229, "-1.2 KB?"),
        (-5, "-5 B?"),
        (2.5 * 1024, "2.5 KB"),
        (float("nan"), "?"),
        (float("inf"), "?"),
        ("12", "?"),
        (True, "?"),
    ],
)
def test_size(value, text: str) -> None:
    assert size(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "—"),
        (0, "0s"),
        (42, "42s"),
        (42.9, "42s"),
        (60, "1m 00s"),
        (192, "3m 12s"),
        (7500, "2h 05m"),
        (3600, "1h 00m"),
        (4 * 86400 + 3 * 3600 + 59, "4d 3h"),
        (400 * 86400, "400d 0h"),
        (timedelta(minutes=3, seconds=12), "3m 12s"),
        (-90, "-1m 30s"),
        (float("nan"), "?"),
        ("x", "?"),
    ],
)
def test_duration(value, text: str) -> None:
    assert duration(value) == text


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(0), "just now"),
        (timedelta(seconds=9), "just now"),
        (timedelta(seconds=-9), "just now"),
        (timedelta(seconds=42), "42 s ago"),
        (timedelta(minutes=3, seconds=20), "3 min ago"),
        (timedelta(minutes=-5), "in 5 min"),
        (timedelta(hours=2, minutes=59), "2 h ago"),
        (timedelta(hours=-3), "in 3 h"),
        (timedelta(days=5), "5 d ago"),
        (timedelta(days=-2), "in 2 d"),
    ],
)
def test_ago(delta: timedelta, text: str) -> None:
    assert ago(NOW - delta, NOW) == text


def test_ago_edges() -> None:
    assert ago(None, NOW) == "—"
    assert ago(datetime(2023, 1, 31, tzinfo=UTC), NOW) == "2023-01-31"
    assert ago(datetime(2024, 5, 1, 11, 57), NOW) == "3 min ago"  # naive = UTC
    assert ago(datetime(2024, 5, 1, 11, 57, tzinfo=UTC), datetime(2024, 5, 1, 12, 0)) == "3 min ago"
    assert ago(datetime.min.replace(tzinfo=UTC), NOW) == "0001-01-01"
    assert ago(datetime.now(UTC)) == "just now"
    assert ago("yesterday", NOW) == "—"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, "—"), (0, "0%"), (42, "42%"), (42.4, "42%"), (100, "100%"), (142, "142%?"), (-3, "-3%?"), (float("nan"), "?")],
)
def test_percent(value, text: str) -> None:
    assert percent(value) == text


@pytest.mark.parametrize(
    ("fraction", "width", "text"),
    [
        (0, 4, "    "),
        (1, 4, "████"),
        (0.5, 4, "██  "),
        (0.5 + 1 / 32, 4, "██▏ "),
        (0.25, 1, "▎"),
        (2, 3, "███"),
        (-1, 3, "   "),
        (None, 3, "   "),
        (float("nan"), 2, "  "),
        (0.5, 0, ""),
        (0.5, -2, ""),
    ],
)
def test_bar(fraction, width: int, text: str) -> None:
    assert bar(fraction, width) == text


@given(st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)), st.integers(min_value=0, max_value=200))
def test_bar_always_has_its_width(fraction, width: int) -> None:
    assert len(bar(fraction, width)) == width


@given(st.one_of(st.none(), st.integers(), st.floats()))
def test_size_and_duration_never_crash(value) -> None:
    assert isinstance(size(value), str)
    assert isinstance(duration(value), str)
    assert isinstance(percent(value), str)


# --- ETA ------------------------------------------------------------------------------------------


def at(seconds: float) -> datetime:
    return NOW + timedelta(seconds=seconds)


def test_eta_from_a_steady_rate() -> None:
    h = ProgressHistory()
    h.add(at(0), 10)
    h.add(at(60), 20)  # 10 points a minute → 80 points left = 8 minutes
    assert h.eta(at(60)) == timedelta(minutes=8)
    assert h.eta(at(120)) == timedelta(minutes=7)  # extrapolated from the last sample
    assert eta(h, at(60)) == timedelta(minutes=8)
    assert h.eta(at(3600)) == timedelta(0)  # overdue: never negative


def test_eta_unknown_cases() -> None:
    h = ProgressHistory()
    assert h.eta(NOW) is None
    h.add(at(0), 10)
    assert h.eta(NOW) is None  # one sample
    h.add(at(60), 10)
    assert h.eta(at(60)) is None  # no progress
    h.add(None, 50)  # ignored
    h.add(at(90), None)
    h.add(at(90), float("nan"))
    assert len(h) == 2


def test_eta_done_is_zero() -> None:
    h = ProgressHistory()
    h.add(at(0), 100)
    assert h.eta(NOW) == timedelta(0)


def test_out_of_range_progress_makes_the_eta_unknown_and_restarts_reset() -> None:
    h = ProgressHistory()
    h.add(at(0), 10)
    h.add(at(10), 20)
    assert h.eta(at(10)) == timedelta(seconds=80)
    h.add(at(20), 150)
    assert h.samples == () and h.eta(at(20)) is None  # not "0 s left"
    h.add(at(30), -20)
    assert h.samples == ()
    h.add(at(40), 50)
    h.add(at(50), 5)  # dropped: a restarted job
    assert [p for _, p in h.samples] == [5.0]


def test_out_of_order_and_same_time_samples() -> None:
    h = ProgressHistory()
    h.add(at(60), 20)
    h.add(at(0), 10)  # older than the last: ignored
    h.add(at(60), 25)  # same time: replaces
    assert h.samples == ((at(60), 25.0),)


def test_history_is_bounded_and_windowed() -> None:
    h = ProgressHistory(maxlen=5, window=timedelta(minutes=2))
    # slow for a long time, then fast: the window should see only the recent speed
    for i in range(20):
        h.add(at(i * 60), i * 1.0 if i < 15 else 15 + (i - 15) * 10)
    assert len(h) == 5
    rate = h.rate()
    assert rate is not None and rate == pytest.approx(10 / 60)


def test_naive_times_are_utc() -> None:
    h = ProgressHistory()
    h.add(datetime(2024, 5, 1, 12, 0), 50)
    h.add(datetime(2024, 5, 1, 12, 1, tzinfo=UTC), 60)
    assert h.eta(datetime(2024, 5, 1, 12, 1)) == timedelta(minutes=4)
