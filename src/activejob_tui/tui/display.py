"""Small display helpers for the console: local times with offsets, bars, relative ages.

Numbers and durations come from :mod:`activejob_tui.model.humanize`; this module only adds what
is about terminal display (local clock, lazy relative-time cells).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from rich.text import Text

from ..i18n import _
from ..model import humanize
from ..model.dates import to_local
from ..model.text import cell_width

Clock = Callable[[], datetime]


def local(dt: datetime | None) -> str:
    """``2026-11-25 12:03:04 +01:00`` in the system's zone; ``—`` for no date."""
    if dt is None:
        return "—"
    value = to_local(dt)
    offset = value.strftime("%z")
    offset = f"{offset[:3]}:{offset[3:]}" if len(offset) == 5 else offset
    return f"{value:%Y-%m-%d %H:%M:%S} {offset}"


def clock_time(dt: datetime | None) -> str:
    """``12:03:04`` local; ``--:--:--`` for no date."""
    if dt is None:
        return "--:--:--"
    return f"{to_local(dt):%H:%M:%S}"


def ago(dt: datetime | None, now: datetime) -> str:
    if dt is None:
        return "—"
    return humanize.ago(dt, now)


def until(dt: datetime | None, now: datetime) -> str:
    """``in 5m`` / ``3m ago`` for a future (or overdue) time."""
    if dt is None:
        return "—"
    delta = (dt - now).total_seconds()
    if delta >= 0:
        return _("in {duration}").format(duration=humanize.duration(delta))
    return humanize.ago(dt, now)


def size(value: int | None) -> str:
    return humanize.size(value)


def duration(seconds: float | None) -> str:
    return humanize.duration(seconds)


def progress_bar(percent: float | None, width: int = 10) -> Text:
    """``████▌     42%``: a bar of ``width`` cells and the percent (``?`` marks an impossible value)."""
    if percent is None:
        return Text(" " * width + "    —", style="dim", end="", no_wrap=True)
    fraction = float(percent) / 100.0 if math.isfinite(float(percent)) else None
    text = Text(end="", no_wrap=True)
    text.append(humanize.bar(fraction, width), style="progress.done")
    text.append(humanize.percent(percent).rjust(5))
    return text


def is_stale(clock: Clock) -> bool:
    """True when ``clock`` is the rows' clock frozen at the last good poll
    (``console_state.RowClock``): an ETA then shows "—"."""
    return bool(getattr(clock, "stale", False))


@dataclass(frozen=True, slots=True)
class Relative:
    """A table cell showing ``dt`` relative to *render* time, so it ages without a table update."""

    dt: datetime | None
    clock: Clock = field(compare=False, repr=False)
    future: bool = False

    def __rich__(self) -> Text:
        now = self.clock()
        return Text(until(self.dt, now) if self.future else ago(self.dt, now), no_wrap=True, end="")


@dataclass(frozen=True, slots=True)
class EtaCell:
    """The ETA of a job from its progress history, computed at render time."""

    history: object | None
    progress: float | None
    clock: Clock = field(compare=False, repr=False)

    def __rich__(self) -> Text:
        if self.history is None or is_stale(self.clock):
            return Text("—", style="dim", end="")
        eta = self.history.eta(self.clock())  # type: ignore[attr-defined]
        if eta is None:
            return Text("—", style="dim", end="")
        return Text(humanize.duration(eta), no_wrap=True, end="")


# -- the widest texts, for column widths in the current language (``columns.JobTableColumn.sample``) --------

_SAMPLE_NOW = datetime(2026, 1, 1, tzinfo=UTC)
_LONGEST_SPAN = 59 * 60 + 59  # "59m 59s": the widest duration of its kind (hours and days are as wide)


def _widest(texts: Iterable[str]) -> str:
    return max(texts, key=cell_width)


def widest_age() -> str:
    """The widest age a cell shows (``59 min ago``, ``59 分鐘前``)."""
    spans = (59, 59 * 60, 23 * 3600, 99 * 86400)
    return _widest(ago(_SAMPLE_NOW - timedelta(seconds=s), _SAMPLE_NOW) for s in spans)


def widest_duration() -> str:
    """The widest duration a cell shows (``59m 59s``, ``59 分 59 秒``)."""
    return _widest(duration(s) for s in (_LONGEST_SPAN, 23 * 3600 + _LONGEST_SPAN, 99 * 86400))


def widest_until() -> str:
    """The widest time-to-come a cell shows (``in 59m 59s``, ``59 分 59 秒後``)."""
    return _widest(until(_SAMPLE_NOW + timedelta(seconds=s), _SAMPLE_NOW) for s in (_LONGEST_SPAN, 99 * 86400))

