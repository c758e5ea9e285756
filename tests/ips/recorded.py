"""The recorded list answers under tests/data/answers that the skinny path is checked on, each cut as the
cold decode cuts it (shared by test_skinny.py and test_decode_fast_paths.py)."""

from __future__ import annotations

from pathlib import Path

from activejob_tui.ips import decode as d
from activejob_tui.ips.cut import FIRST_FIELD, Cut, checked_cut

ANSWERS = Path(__file__).resolve().parents[1] / "data" / "answers"
LIST_ANSWERS = ["active_jobs_2016.xml", "active_jobs_legacy.xml", "active_jobs_soap12_2016.xml",
                "scheduled_jobs_2016.xml", "scheduled_jobs_legacy.xml"]


def recorded(name: str) -> tuple[bytes, d.Answer, Cut]:
    """(the answer's bytes, its spec, its checked cut)."""
    data = (ANSWERS / name).read_bytes()
    spec = d.ACTIVE if name.startswith("active") else d.SCHEDULED
    cut = checked_cut(data, spec, FIRST_FIELD)
    assert cut is not None
    return data, spec, cut
