"""The sandbox streams its getActiveJobs answer (``ops.dispatch_stream``): the same bytes as the
answer built whole, in chunks of ``STREAM_BATCH`` jobs; faults before the first chunk."""

from __future__ import annotations

import pytest

from activejob_tui.sandbox import ops, render, soap
from activejob_tui.sandbox.faults import IpsFault
from sandbox.test_memory import _add_jobs, _envelope, world  # noqa: F401 - the fixture


def whole_and_streamed(engine, body: bytes) -> tuple[bytes, list[bytes]]:
    whole = render.envelope(ops.dispatch(engine, soap.parse_envelope(body, None)), False)
    chunks = ops.dispatch_stream(engine, soap.parse_envelope(body, None))
    assert chunks is not None
    return whole, list(chunks)


@pytest.mark.parametrize("jobs", [0, 1, 7, 8, 23])
def test_the_streamed_answer_is_the_whole_answer_in_chunks(world, monkeypatch, jobs):  # noqa: F811
    engine, cid = world
    monkeypatch.setattr(ops, "STREAM_BATCH", 8)
    _add_jobs(engine, cid, jobs, born_ago=5.0, run=3600.0)
    whole, chunks = whole_and_streamed(engine, _envelope("getActiveJobs"))
    assert b"".join(chunks) == whole
    assert whole.count(b"<companyHandle>") == jobs
    assert len(chunks) == max(1, -(-jobs // 8) + 1)  # one chunk per 8 jobs, then the closing tags


def test_the_waiting_filter_and_a_handle_stream_like_the_whole_answer(world, monkeypatch):  # noqa: F811
    engine, cid = world
    monkeypatch.setattr(ops, "STREAM_BATCH", 3)
    _add_jobs(engine, cid, 4, born_ago=1.5, run=3600.0)  # waiting (1 s new, then 1 s waiting)
    _add_jobs(engine, cid, 6, born_ago=5.0, run=3600.0)  # running
    whole, chunks = whole_and_streamed(engine, _envelope("getActiveJobs", "<p:includeWaitingJobs>false</p:includeWaitingJobs>"))
    assert b"".join(chunks) == whole
    assert whole.count(b"<companyHandle>") == 6  # the waiting jobs were left out of both
    handle = next(iter(engine.store.active.values())).handle
    whole, chunks = whole_and_streamed(engine, _envelope("getActiveJobs", f"<p:jobHandle>{handle}</p:jobHandle>"))
    assert b"".join(chunks) == whole and whole.count(b"<jobHandle>") == 1


def test_a_fault_is_raised_before_any_chunk(world):  # noqa: F811
    engine, _cid = world
    body = _envelope("getActiveJobs").replace(b"c|1", b"c|999")
    with pytest.raises(IpsFault):
        ops.dispatch_stream(engine, soap.parse_envelope(body, None))


def test_only_getactivejobs_streams(world):  # noqa: F811
    engine, _cid = world
    assert ops.dispatch_stream(engine, soap.parse_envelope(_envelope("getScheduledJobs"), None)) is None
