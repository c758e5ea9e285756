"""Rehearsal faults (``--chaos``), off by default.

Syntax: comma-separated ``kind=rate`` items, rate a probability per request (0..1); the option
may be repeated. ``slow`` takes ``rate:seconds`` (or ``rate:min-max``).

    --chaos slow=0.2:3.0,drop=0.1,http500=0.05,fault=0.05,malformed=0.05

- ``slow``: wait that many seconds before answering (independent of the others);
- ``drop``: close the connection without an answer;
- ``http500``: HTTP 500 with an HTML body (what a broken proxy or Tomcat error page looks like);
- ``fault``: a SOAP ipsApiFault 30000;
- ``malformed``: HTTP 200 with truncated, non-well-formed XML.

At most one of drop/http500/fault/malformed applies to a request. Only SOAP POSTs are affected,
never the WSDLs.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

KINDS = ("slow", "drop", "http500", "fault", "malformed")


@dataclass
class Chaos:
    rates: dict[str, float] = field(default_factory=dict)
    slow_range: tuple[float, float] = (1.0, 1.0)
    rng: random.Random = field(default_factory=random.Random)

    @property
    def enabled(self) -> bool:
        return any(self.rates.values())

    def slow_delay(self) -> float:
        rate = self.rates.get("slow", 0.0)
        if rate and self.rng.random() < rate:
            lo, hi = self.slow_range
            return self.rng.uniform(lo, hi)
        return 0.0

    def pick(self) -> str | None:
        r = self.rng.random()
        acc = 0.0
        for kind in ("drop", "http500", "fault", "malformed"):
            acc += self.rates.get(kind, 0.0)
            if r < acc:
                return kind
        return None


def parse_chaos(specs: list[str] | tuple[str, ...], seed: int | None = None) -> Chaos:
    chaos = Chaos(rng=random.Random(seed))
    for spec in specs:
        for item in filter(None, (s.strip() for s in spec.split(","))):
            kind, sep, value = item.partition("=")
            kind = kind.strip().lower()
            if not sep or kind not in KINDS:
                raise ValueError(f"bad --chaos item {item!r}; expected one of {', '.join(KINDS)} as kind=rate")
            rate_s, _, extra = value.partition(":")
            rate = float(rate_s)
            if not 0.0 <= rate <= 1.0:
                raise ValueError(f"--chaos rate must be between 0 and 1: {item!r}")
            chaos.rates[kind] = rate
            if kind == "slow":
                if extra:
                    lo, _, hi = extra.partition("-")
                    chaos.slow_range = (float(lo), float(hi or lo))
                else:
                    chaos.slow_range = (1.0, 3.0)
            elif extra:
                raise ValueError(f"only slow takes a duration: {item!r}")
    total = sum(chaos.rates.get(k, 0.0) for k in ("drop", "http500", "fault", "malformed"))
    if total > 1.0:
        raise ValueError("--chaos: drop+http500+fault+malformed rates add up to more than 1")
    return chaos
