"""The fast paths of the cold and steady decodes (issue 12, round four): each one drives its doubt
case and must give exactly what the eager decode gives for the same bytes — values, or the error."""

from __future__ import annotations

from pathlib import Path

import pytest

from activejob_tui.ips import decode as d
from activejob_tui.ips import incremental as inc
from activejob_tui.ips import lazy
from activejob_tui.ips.cut import FIRST_FIELD, checked_cut, wrapper
from activejob_tui.ips.errors import MalformedResponse

ANSWERS = Path(__file__).resolve().parents[1] / "data" / "answers"
ACTIVE = (ANSWERS / "active_jobs_2016.xml").read_bytes()
CLOSE = b"</ns1:items>"


def first_job_end(data: bytes) -> int:
    """Where the first job's ``</ns1:items>`` ends (the first job is followed by a second one)."""
    return data.index(CLOSE + b"\n<ns1:items>") + len(CLOSE)


def test_a_piece_that_begins_like_the_last_polls_piece_is_not_taken_for_it():
    """The steady poll compares each piece with the last answer's piece at the same place; bytes
    that are only the beginning of that piece (cut at a task's ``</items>``) are a different item —
    here a broken answer, refused as the eager decode refuses it, not the old job reused."""
    end = first_job_end(ACTIVE)
    inner = ACTIVE.rindex(CLOSE, 0, end - len(CLOSE)) + len(CLOSE)  # the last task item's close
    assert ACTIVE.index(b"<ns1:items>") < inner < end - len(CLOSE)
    short = ACTIVE[:inner] + ACTIVE[end:]
    with pytest.raises(MalformedResponse):
        d.decode_active_jobs(short)
    decoder = inc.ActiveJobsDecoder()
    decoder.decode(ACTIVE)
    with pytest.raises(MalformedResponse):
        decoder.decode(short)


def test_jobs_that_moved_keep_their_objects_and_changed_ones_are_decoded():
    """Positions shifted (the first job gone, another changed): the moved jobs are found by their
    bytes and keep their objects; the changed one is parsed; the list equals the eager decode."""
    decoder = inc.ActiveJobsDecoder()
    first = decoder.decode(ACTIVE)
    start = ACTIVE.index(b"<ns1:items>")
    shifted = ACTIVE[:start] + ACTIVE[first_job_end(ACTIVE):].lstrip()
    second_handle = first[1].job_handle.encode()
    shifted = shifted.replace(second_handle + b"<", second_handle + b"-x<", 1)
    assert shifted.count(b"-x<") == 1
    second = decoder.decode(shifted)
    assert second == d.decode_active_jobs(shifted)
    assert decoder.last_stats == {"mode": "incremental", "items": len(first) - 1, "parsed": 1}
    assert all(a is b for a, b in zip(first[2:], second[1:], strict=True))


def _unprefixed(data: bytes) -> bytes:
    return data.replace(b"xmlns:ns1=", b"xmlns=").replace(b"<ns1:", b"<").replace(b"</ns1:", b"</")


def test_the_skinny_parse_without_the_default_namespace_gives_the_eager_values():
    """The skinny tree is parsed without the answer's default namespace (``cut.wrapper``): the
    top-level decoder matches local names, so every value is the one the eager decode reads — also
    for a field that declares a namespace of its own, and a field in a prefixed namespace."""
    data = _unprefixed(ACTIVE)
    data = data.replace(b"<name>", b'<name xmlns="urn:other">', 1)
    data = data.replace(b"<progress>", b'<o:progress xmlns:o="urn:o">', 1).replace(b"</progress>", b"</o:progress>", 1)
    assert data.count(b'"urn:o"') == 1 and b"ns1:" not in data
    spec = d.ACTIVE
    cut = checked_cut(data, spec, FIRST_FIELD)
    assert cut is not None
    bare = wrapper(cut.skeleton, cut.encoding, spec, default_namespace=False)[0]
    assert b"xmlns=" not in bare and b"xmlns=" in wrapper(cut.skeleton, cut.encoding, spec)[0]
    assert lazy._skinny(data, spec, FIRST_FIELD) is not None  # the skinny path, not the fallback
    eager = d.decode_full(data, spec)[0]
    items = lazy.decode_answer(data, spec)[0]
    assert items == eager and items[0].name == eager[0].name and items[0].name
    assert items[0].progress == eager[0].progress is not None
