"""Giving a freed answer tree back to the system: glibc's malloc_trim after a big first decode."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from activejob_tui.ips import trim
from activejob_tui.ips.incremental import ActiveJobsDecoder


ANSWERS = Path(__file__).resolve().parents[1] / "data" / "answers"


def test_a_small_answer_is_not_followed_by_a_trim():
    assert trim.release_freed_memory(1000) is False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="malloc_trim is glibc's")
def test_glibc_trims_after_a_big_answer():
    if not trim.available():
        pytest.skip("this Linux's C library is not glibc (no malloc_trim)")
    assert trim.release_freed_memory(trim.BIG_ANSWER) is True


def test_the_first_decode_of_an_answer_asks_for_a_trim_with_its_size(monkeypatch):
    """The console's first poll (a full decode) frees the answer's tree, then asks for the trim."""
    recorded = (ANSWERS / "active_jobs_2016.xml").read_bytes()
    head, rest = recorded.split(b"<ns1:jobArray>", 1)
    body, tail = rest.split(b"</ns1:jobArray>", 1)
    copies = trim.BIG_ANSWER // len(body) + 1
    data = head + b"<ns1:jobArray>" + body * copies + b"</ns1:jobArray>" + tail
    items = body.count(b"<ns1:companyHandle>")
    calls: list[int] = []
    real = trim.release_freed_memory

    def counted(size: int = trim.BIG_ANSWER) -> bool:
        calls.append(size)
        return real(size)

    monkeypatch.setattr("activejob_tui.ips.incremental.release_freed_memory", counted)
    jobs = ActiveJobsDecoder().decode(data)
    assert len(jobs) == items * copies and calls == [len(data)]
    ActiveJobsDecoder().decode(recorded)  # a small answer: the trim is asked and declines
    assert calls == [len(data), len(recorded)]
