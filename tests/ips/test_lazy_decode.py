"""Lazy nested decoding (``ips.lazy``) equals the eager decoder, over every recorded answer, both
sandbox wires and all 14 sub-job types; laziness never shows to callers."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import re
from pathlib import Path

import httpx
import pytest

from activejob_tui.ips import decode as d
from activejob_tui.ips import lazy, wire
from activejob_tui.ips.errors import MalformedResponse
from activejob_tui.ips.incremental import ActiveJobsDecoder, ScheduledJobsDecoder
from activejob_tui.model.jobs import SUB_JOB_TYPES, ActiveJob
from activejob_tui.model.lazy import Pending, pending_of

ANSWERS = Path(__file__).resolve().parents[1] / "data" / "answers"
JOB_ANSWERS = sorted(p for p in ANSWERS.glob("*_jobs_*.xml"))
SPECS = {"active": d.ACTIVE, "scheduled": d.SCHEDULED}


def spec_of(path: Path) -> d.Answer:
    return d.ACTIVE if path.name.startswith("active") else d.SCHEDULED


@pytest.mark.parametrize("path", JOB_ANSWERS, ids=lambda p: p.stem)
def test_lazy_decode_equals_eager_on_every_recorded_answer(path):
    data = path.read_bytes()
    spec = spec_of(path)
    eager = d.decode_full(data, spec)[0]
    items, cut, _ = lazy.decode_answer(data, spec)
    if eager and any(pending_of(job) for job in items):
        assert cut is not None
    assert len(items) == len(eager)
    for ours, theirs in zip(items, eager):  # field by field, each lazy one resolved by its own read
        for field in dataclasses.fields(theirs):
            assert getattr(ours, field.name) == getattr(theirs, field.name), (path.name, field.name)
        assert pending_of(ours) is None
    assert items == eager


def test_lazy_jobs_cover_every_sub_job_type_and_resolve_on_first_read():
    data = (ANSWERS / "active_jobs_2016.xml").read_bytes()
    items = lazy.decode_answer(data, d.ACTIVE)[0]
    assert sum(pending_of(job) is not None for job in items) == sum(
        1 for job in d.decode_active_jobs(data) if job.sub_job is not None or job.task_progress_array is not None
    )
    assert {type(job.sub_job) for job in items if job.sub_job is not None} == set(SUB_JOB_TYPES.values())
    assert any(pending_of(job) is not None for job in items)  # tasks without a sub-job: not read yet
    assert all(job.task_progress_array is not Pending for job in items)
    assert all(pending_of(job) is None for job in items)


def test_laziness_does_not_show_to_callers():
    data = (ANSWERS / "active_jobs_2016.xml").read_bytes()
    eager = d.decode_active_jobs(data)
    for make in (lambda j: pickle.loads(pickle.dumps(j)), copy.copy, copy.deepcopy, dataclasses.asdict, hash, repr,
                 lambda j: dataclasses.replace(j, name="renamed")):
        fresh = lazy.decode_answer(data, d.ACTIVE)[0]
        assert [make(job) for job in fresh] == [make(job) for job in eager]
    fresh = lazy.decode_answer(data, d.ACTIVE)[0]
    assert not any(isinstance(getattr(job, f.name), Pending) for job in fresh for f in dataclasses.fields(job))
    with pytest.raises(dataclasses.FrozenInstanceError):
        fresh[0].sub_job = None


def test_a_nested_part_that_cannot_be_decoded_is_a_malformed_response_on_read():
    data = (ANSWERS / "active_jobs_2016.xml").read_bytes()
    items, cut, context = lazy.decode_answer(data, d.ACTIVE)
    job = next(job for job in items if pending_of(job) is not None)
    lazy.bind([job], [b"<items><companyHandle>c</companyHandle><exportJob><fmt>x</fmt></items>"], context)
    with pytest.raises(MalformedResponse):
        _ = job.sub_job


@pytest.mark.parametrize("decoder_cls, name", [(ActiveJobsDecoder, "active_jobs_2016.xml"),
                                               (ScheduledJobsDecoder, "scheduled_jobs_2016.xml")])
def test_steady_poll_items_are_lazy_and_equal_eager(decoder_cls, name):
    data = (ANSWERS / name).read_bytes()
    decoder = decoder_cls()
    decoder.decode(data)
    second = re.sub(rb"(<ns1:jobHandle>)([^<]*)", lambda m: m.group(1) + m.group(2) + b"-2", data, count=3)
    got = decoder.decode(second)
    assert decoder.last_stats["mode"] == "incremental" and decoder.last_stats["parsed"] == 3
    assert sum(pending_of(job) is not None for job in got) >= 1
    assert got == d.decode_full(second, decoder.spec)[0]


NS_2016 = "http://www.scene7.com/IpsApi/xsd/2016-01-14-beta"


def _call(sandbox, operation: str, body: str) -> bytes:
    envelope = (
        '<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">'
        f'<s:Header><a:authHeader xmlns:a="{NS_2016}"><a:user>demo@example.com</a:user>'
        "<a:password>demo-password</a:password><a:appName>t</a:appName><a:appVersion>1</a:appVersion>"
        f"</a:authHeader></s:Header><s:Body>{body}</s:Body></s:Envelope>"
    )
    answer = httpx.post(sandbox.endpoint, content=envelope.encode(), timeout=30,
                        headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"{operation}"'})
    return wire.read_answer("list", answer.status_code, answer.headers, answer.content)


def test_live_sandbox_answers_decode_lazily_to_the_eager_result(sandbox):
    """Over every sandbox wire (default, Axis2, Axis2 + MTOM): lazy = eager, and laziness engaged."""
    info = _call(sandbox, "getCompanyInfo",
                 f'<p:getCompanyInfoParam xmlns:p="{NS_2016}"><p:companyName>Demo Company</p:companyName>'
                 "</p:getCompanyInfoParam>")
    company = re.search(rb"<(?:\w+:)?companyHandle>([^<]+)<", info).group(1).decode()
    for operation, spec in (("getActiveJobs", d.ACTIVE), ("getScheduledJobs", d.SCHEDULED)):
        data = _call(sandbox, operation, f'<p:{operation}Param xmlns:p="{NS_2016}"><p:companyHandle>{company}'
                                         f"</p:companyHandle></p:{operation}Param>")
        eager = d.decode_full(data, spec)[0]
        items, cut, _ = lazy.decode_answer(data, spec)
        assert eager and cut is not None
        assert any(pending_of(job) is not None for job in items)
        assert items == eager
        if spec is d.ACTIVE:
            assert {type(j.sub_job) for j in items if j.sub_job is not None} == set(SUB_JOB_TYPES.values())
            assert isinstance(items[0], ActiveJob)


async def test_a_one_shot_client_keeps_no_steady_poll_index(sandbox):
    """``poll_index=False`` (the CLI's one-shot ``jobs``): the same jobs, lazily decoded, no index kept."""
    from activejob_tui.ips.client import ClientSettings, IpsClient

    def settings(poll_index: bool) -> ClientSettings:
        return ClientSettings(wsdl=sandbox.wsdl_url_2016, user="demo@example.com", password="demo-password",
                              company_name="Demo Company", poll_index=poll_index)

    polling, once = await IpsClient.open(settings(True)), await IpsClient.open(settings(False))
    try:
        assert once._active_decoder is None and polling._active_decoder is not None
        jobs = await once.active_jobs()
        assert jobs and any(pending_of(job) is not None for job in jobs)
        await polling.active_jobs()
        assert polling._active_decoder.last_stats["mode"] == "full"
        assert all(type(j.sub_job) in (*SUB_JOB_TYPES.values(), type(None)) for j in jobs)
        scheduled = await once.scheduled_jobs()
        assert scheduled == await polling.scheduled_jobs()
    finally:
        await polling.close()
        await once.close()
