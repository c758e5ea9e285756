"""A small cron matcher for ``execSchedule``: 5 fields (min hour dom mon dow) or 6 fields
(sec min hour dom mon dow, the Quartz-like form the docs show, e.g. ``00 00 00 * * ``).

Each field: ``*``, ``?``, ``n``, ``a-b``, ``*/s``, ``a-b/s``, comma lists. dow 0-7 (0 and 7 are
Sunday) or SUN..SAT; mon 1-12 or JAN..DEC. A Quartz 7th field (year) is ignored. Times are UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

_NAMES = {
    "mon": {n: i for i, n in enumerate(["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1)},
    "dow": {n: i for i, n in enumerate(["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"])},
}
_RANGES = {"sec": (0, 59), "min": (0, 59), "hour": (0, 23), "dom": (1, 31), "mon": (1, 12), "dow": (0, 7)}


class CronError(ValueError):
    pass


def _field(text: str, kind: str) -> frozenset[int]:
    lo, hi = _RANGES[kind]
    out: set[int] = set()
    for raw in text.split(","):
        part, step = raw, 1
        if "/" in raw:
            part, s = raw.split("/", 1)
            if not s.isdigit() or int(s) == 0:
                raise CronError(f"bad step {s!r}")
            step = int(s)
        if part in ("*", "?", ""):
            a, b = lo, hi
        else:
            if "-" in part:
                x, y = part.split("-", 1)
            else:
                x = y = part
            a, b = _num(x, kind), _num(y, kind)
            if "/" in raw and "-" not in part:
                b = hi
        if not (lo <= a <= hi and lo <= b <= hi) or a > b:
            raise CronError(f"value out of range in {text!r}")
        out.update(range(a, b + 1, step))
    if kind == "dow" and 7 in out:
        out.discard(7)
        out.add(0)
    return frozenset(out)


def _num(x: str, kind: str) -> int:
    x = x.strip().upper()
    if x.isdigit():
        return int(x)
    names = _NAMES.get(kind, {})
    if x[:3] in names:
        return names[x[:3]]
    raise CronError(f"bad value {x!r}")


class Cron:
    def __init__(self, expr: str) -> None:
        parts = expr.split()
        if len(parts) == 5 and parts[2].strip("0") == "":
            parts = [*parts, "?"]  # the docs' Quartz example "00 00 00 * * " lost its last field
        elif len(parts) == 5:
            parts = ["0", *parts]
        elif len(parts) == 7:
            parts = parts[:6]
        if len(parts) != 6:
            raise CronError("execSchedule needs 5 or 6 fields")
        self.expr = expr
        self.sec, self.min, self.hour, self.dom, self.mon, self.dow = (
            _field(p, k) for p, k in zip(parts, ("sec", "min", "hour", "dom", "mon", "dow"), strict=True))
        self._dom_any = parts[3] in ("*", "?")
        self._dow_any = parts[5] in ("*", "?")

    def _day_ok(self, d: datetime) -> bool:
        if d.month not in self.mon:
            return False
        dom_ok = d.day in self.dom
        dow_ok = (d.isoweekday() % 7) in self.dow
        if self._dom_any:
            return dow_ok
        if self._dow_any:
            return dom_ok
        return dom_ok or dow_ok

    def next_after(self, ts: float) -> float | None:
        """The first fire time strictly after ``ts`` (epoch seconds), within ~5 years."""
        t = datetime.fromtimestamp(int(ts) + 1, UTC)
        limit = t + timedelta(days=366 * 5)
        while t < limit:
            if not self._day_ok(t):
                t = (t + timedelta(days=1)).replace(hour=0, minute=0, second=0)
                continue
            if t.hour not in self.hour:
                t = (t + timedelta(hours=1)).replace(minute=0, second=0)
                continue
            if t.minute not in self.min:
                t = (t + timedelta(minutes=1)).replace(second=0)
                continue
            secs = [s for s in sorted(self.sec) if s >= t.second]
            if not secs:
                t = (t + timedelta(minutes=1)).replace(second=0)
                continue
            return t.replace(second=secs[0]).timestamp()
        return None
