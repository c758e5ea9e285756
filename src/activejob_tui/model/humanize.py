"""Human-readable sizes, durations, ages, percentages, progress bars and ETAs.

Every function accepts ``None`` and nonsense (negative sizes, NaN, progress above 100) and returns
text with a marker (``—`` for missing, a trailing ``?`` for an impossible value) instead of raising.
Sizes are 1024-based, like the filter language's ``kb``/``mb``/``gb`` units.

Language (issue 15): in English the texts are this module's own (and stay as they were); in any
other language (:func:`activejob_tui.i18n.language`) ages come from Babel's ``format_timedelta``,
numbers from ``format_decimal`` with the language's CLDR data (``i18n.babel_locale``), and the compact
duration and count words from the catalog. Babel is imported only then.
"""

from __future__ import annotations

import math
from array import array
from datetime import UTC, datetime, timedelta
from typing import Literal

from .. import i18n
from ..i18n import N_, _

__all__ = [
    "MISSING",
    "ProgressHistory",
    "ago",
    "bar",
    "duration",
    "eta",
    "percent",
    "size",
]

MISSING = "—"

NOT_REPORTED = N_("not reported")
"""What a count derived from an absent or empty IPS array says (IPS_JOBS_API.md §10: real servers
send ``<urlArray/>`` for URLs they do not echo; an empty array is unknown, not zero)."""


def reported_count(items: tuple | list | None, declared: int | None = None) -> int | None:
    """How many items an IPS array holds: ``declared`` (a count field such as ``numUrls``) when the
    server sent one, else the array's length; None when neither was reported. The decoder turns an
    empty array into None (``ips.decode``), so ``()`` is unknown here as well."""
    if declared is not None:
        return declared
    return len(items) if items else None


def count(items: tuple | list | None, noun: str = "", declared: int | None = None) -> str:
    """``"12 to fetch"``-style text of :func:`reported_count`: ``"12"`` plus ``noun``, or ``"not reported"``."""
    n = reported_count(items, declared)
    if n is None:
        return _(NOT_REPORTED)
    return f"{_number(n)} {noun}".rstrip()


def _english() -> bool:
    return i18n.language() == i18n.ENGLISH


def _number(value: float, decimals: int = 0) -> str:
    """``value`` with grouping (``12,345``) and ``decimals`` digits, in the current language's format."""
    if _english():
        return f"{value:,.{decimals}f}"
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return i18n.localized(format_decimal(value, format=pattern, locale=i18n.babel_locale()))
"""What a missing value renders as."""

_SIZE_UNITS = ("B", "KB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB")
_BLOCKS = " ▏▎▍▌▋▊▉█"


def _finite(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def size(n_bytes: float | None) -> str:
    """``1288490189`` → ``"1.2 GB"``; None → ``"—"``; negative → ``"-1.2 KB?"``."""
    if n_bytes is None:
        return MISSING
    number = _finite(n_bytes)
    if number is None:
        return "?"
    marker = "?" if number < 0 else ""
    value = abs(number)
    unit = 0
    while value >= 1024 and unit < len(_SIZE_UNITS) - 1:
        value /= 1024
        unit += 1
    sign = "-" if number < 0 else ""
    if not _english():
        decimals = 0 if unit == 0 or value >= 99.95 else 1
        return f"{sign}{_number(value, decimals)} {_SIZE_UNITS[unit]}{marker}"
    if unit == 0:
        return f"{sign}{value:.0f} B{marker}"
    text = f"{value:.1f}" if value < 99.95 else f"{value:.0f}"
    return f"{sign}{text} {_SIZE_UNITS[unit]}{marker}"


def _seconds(value: float | timedelta | None) -> float | None:
    if isinstance(value, timedelta):
        return value.total_seconds()
    return _finite(value)


def duration(value: float | timedelta | None) -> str:
    """Seconds or a timedelta → ``"42s"``, ``"3m 12s"``, ``"2h 05m"``, ``"4d 3h"``; None → ``"—"``."""
    if value is None:
        return MISSING
    seconds = _seconds(value)
    if seconds is None:
        return "?"
    sign = "-" if seconds < 0 else ""
    total = int(abs(seconds))
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if not _english():
        return sign + _translated_duration(days, hours, minutes, secs)
    if days:
        text = f"{days}d {hours}h"
    elif hours:
        text = f"{hours}h {minutes:02d}m"
    elif minutes:
        text = f"{minutes}m {secs:02d}s"
    else:
        text = f"{secs}s"
    return sign + text


def _translated_duration(days: int, hours: int, minutes: int, secs: int) -> str:
    # TRANSLATORS: compact durations of the job list (ETA, elapsed); keep the {placeholders}
    if days:
        return _("{days}d {hours}h").format(days=days, hours=hours)
    if hours:
        return _("{hours}h {minutes:02d}m").format(hours=hours, minutes=minutes)
    if minutes:
        return _("{minutes}m {seconds:02d}s").format(minutes=minutes, seconds=secs)
    return _("{seconds}s").format(seconds=secs)


_BABEL_UNITS: dict[str, Literal["second", "minute", "hour", "day"]] = {" s": "second", " min": "minute", " h": "hour", " d": "day"}


def _relative(count: int, unit: str, future: bool) -> str:
    """``count`` units (`` s``, `` min``, `` h``, `` d``) before or after now, from Babel's CLDR data:
    exactly this unit (``granularity`` with no threshold reached makes Babel keep it)."""
    from babel.dates import format_timedelta

    seconds = {" s": 1, " min": 60, " h": 3600, " d": 86400}[unit] * count
    text = format_timedelta(timedelta(seconds=seconds if future else -seconds), granularity=_BABEL_UNITS[unit],
                            threshold=math.inf, add_direction=True, locale=i18n.babel_locale())
    return i18n.localized(text)


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)


def ago(dt: datetime | None, now: datetime | None = None) -> str:
    """``"just now"``, ``"42 s ago"``, ``"3 min ago"``, ``"2 h ago"``, ``"5 d ago"``; future: ``"in 5 min"``.

    Beyond 99 days the date itself (``2023-01-31``) reads better. Naive datetimes count as UTC.
    """
    if dt is None or not isinstance(dt, datetime):
        return MISSING
    now = _aware(now) if now is not None else datetime.now(UTC)
    try:
        seconds = (now - _aware(dt)).total_seconds()
    except OverflowError:
        return _aware(dt).date().isoformat()
    future = seconds < 0
    span = abs(seconds)
    if span < 10:
        return "just now" if _english() else _("just now")
    if span < 60:
        count, unit = int(span), " s"
    elif span < 3600:
        count, unit = int(span // 60), " min"
    elif span < 86400:
        count, unit = int(span // 3600), " h"
    elif span < 100 * 86400:
        count, unit = int(span // 86400), " d"
    else:
        return _aware(dt).date().isoformat()
    if not _english():
        return _relative(count, unit, future)
    text = f"{count}{unit}"
    return f"in {text}" if future else f"{text} ago"


def percent(progress: float | None) -> str:
    """0–100 → ``"42%"``; None → ``"—"``; outside 0–100 → shown as is with a ``?`` marker."""
    if progress is None:
        return MISSING
    value = _finite(progress)
    if value is None:
        return "?"
    marker = "" if 0 <= value <= 100 else "?"
    if not _english():
        from babel.numbers import format_decimal

        return i18n.localized(format_decimal(round(value), format="0", locale=i18n.babel_locale()) + "%" + marker)
    return f"{value:.0f}%{marker}"


def bar(fraction: float | None, width: int = 10) -> str:
    """A progress bar of exactly ``width`` cells from eighth blocks (``████▌     ``); clamps to 0–1."""
    if width <= 0:
        return ""
    value = _finite(fraction)
    if value is None:
        return " " * width
    value = min(1.0, max(0.0, value))
    eighths = round(value * width * 8)
    full, partial = divmod(eighths, 8)
    text = "█" * full + (_BLOCKS[partial] if partial else "")
    return text.ljust(width)[:width]


class ProgressHistory:
    """The recent (time, progress 0–100) samples of one job, for an ETA.

    Bounded (``maxlen`` samples); progress is clamped to 0–100; a sample older than the last is
    ignored; a drop in progress (a restarted job) starts the history afresh.

    Kept as two arrays of doubles (POSIX seconds, progress): the console keeps a history for every
    active job, and 32 samples as (datetime, float) tuples took ~4 KB a job — with 10,000 jobs the
    console grew by ~2 MiB a minute for 20 minutes while the histories filled (0.5 KB a job now).
    """

    __slots__ = ("_at", "_maxlen", "_value", "window")

    def __init__(self, maxlen: int = 32, window: timedelta = timedelta(minutes=10)) -> None:
        self._at = array("d")
        self._value = array("d")
        self._maxlen = max(2, maxlen)
        self.window = window

    def __len__(self) -> int:
        return len(self._at)

    @property
    def samples(self) -> tuple[tuple[datetime, float], ...]:
        """The kept samples, oldest first (times in UTC)."""
        return tuple((datetime.fromtimestamp(t, UTC), v) for t, v in zip(self._at, self._value, strict=True))

    def _clear(self) -> None:
        del self._at[:], self._value[:]

    def add(self, at: datetime | None, progress: float | None) -> None:
        """Record ``progress`` seen at ``at``; None or NaN values are ignored. A value outside 0–100 says
        nothing about the time left: it empties the history, so the ETA is unknown, not 0."""
        value = _finite(progress)
        if at is None or value is None:
            return
        if not 0 <= value <= 100:
            self._clear()
            return
        when = _aware(at).timestamp()
        if self._at:
            last_at, last_value = self._at[-1], self._value[-1]
            if when < last_at:
                return
            if value < last_value:
                self._clear()
            elif when == last_at:
                self._at.pop()
                self._value.pop()
        self._at.append(when)
        self._value.append(value)
        if len(self._at) > self._maxlen:
            del self._at[0], self._value[0]

    def rate(self) -> float | None:
        """Progress points per second between the oldest sample in the window and the newest."""
        if len(self._at) < 2:
            return None
        last_at, last_value = self._at[-1], self._value[-1]
        horizon = last_at - self.window.total_seconds()
        first = next(i for i, t in enumerate(self._at) if t >= horizon)
        elapsed = last_at - self._at[first]
        first_value = self._value[first]
        if elapsed <= 0 or last_value <= first_value:
            return None
        return (last_value - first_value) / elapsed

    def eta(self, now: datetime | None = None) -> timedelta | None:
        """Time left until 100 %, extrapolated from the last sample; zero when done; None if unknown."""
        if not self._at:
            return None
        last_at, last_value = self._at[-1], self._value[-1]
        if last_value >= 100:
            return timedelta(0)
        rate = self.rate()
        if rate is None:
            return None
        now = _aware(now) if now is not None else datetime.now(UTC)
        try:
            left = (100 - last_value) / rate - (now.timestamp() - last_at)
            return timedelta(seconds=max(0.0, left))
        except OverflowError:
            return None


def eta(history: ProgressHistory, now: datetime | None = None) -> timedelta | None:
    """Shortcut for ``history.eta(now)``."""
    return history.eta(now)
