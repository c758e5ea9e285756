"""The fast decoder and zeep's own strict deserializer give equal model objects.

Every recorded answer in ``tests/data/answers`` is decoded twice: by zeep (strict mode, from the
WSDL of the answer's namespace) converted with ``zeep_models``, and by ``ips.decode``. Legacy
answers use the real public WSDL (``../shared/ips/IpsApi.wsdl``); 2016-01-14-beta answers use the
sandbox's WSDL when it exists and the job-subset fixture ``tests/data/ips_2016_jobs.wsdl``.
"""

from __future__ import annotations

import atexit
import os
import sys
import tempfile
from pathlib import Path

import pytest

from activejob_tui.ips import decode as d
from activejob_tui.ips import incremental as inc
from activejob_tui.ips import wire
from activejob_tui.model.jobs import SUB_JOB_TYPES, ActiveJob, JobLog, ScheduledJob
from prerequisites import unavailable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from zeep_models import client_for, zeep_decode

REPO = Path(__file__).resolve().parents[2]
ANSWERS = REPO / "tests" / "data" / "answers"
LEGACY_WSDL = Path(__file__).resolve().parents[2].parent / "shared" / "ips" / "IpsApi.wsdl"
FIXTURE_2016_WSDL = REPO / "tests" / "data" / "ips_2016_jobs.wsdl"
NS_2016 = "http://www.scene7.com/IpsApi/xsd/2016-01-14-beta"


def _sandbox_2016_wsdls() -> list[Path]:
    """The sandbox's own 2016 WSDL (an independent transcription of §5), rendered to a file.

    No ``except``: if rendering breaks, collecting this module fails loudly instead of the
    equivalence cases against the sandbox's WSDL silently vanishing (issue 16)."""
    from activejob_tui.sandbox import wsdl as sandbox_wsdl
    from activejob_tui.sandbox import xsd as sandbox_xsd

    target = Path(tempfile.gettempdir()) / f"activejob-tui-sandbox-2016-{os.getpid()}.wsdl"
    target.write_bytes(sandbox_wsdl.render_wsdl(sandbox_xsd.V2016, "http://127.0.0.1:9/scene7/services/IpsApiService"))
    atexit.register(target.unlink, missing_ok=True)  # one per test process; none left in the temp folder
    return [target]


WSDLS_2016 = [FIXTURE_2016_WSDL, *_sandbox_2016_wsdls()]

KINDS = {
    "active_jobs": (ActiveJob, d.decode_active_jobs),
    "scheduled_jobs": (ScheduledJob, d.decode_scheduled_jobs),
    "job_logs": (JobLog, d.decode_job_logs),
    "job_log_details": (JobLog, d.decode_job_logs),
}

CASES = []
for kind in KINDS:
    CASES.append(pytest.param(kind, "legacy", LEGACY_WSDL, id=f"{kind}-legacy"))
    for wsdl in WSDLS_2016:
        label = "fixture-wsdl" if wsdl == FIXTURE_2016_WSDL else "sandbox-wsdl"
        CASES.append(pytest.param(kind, "2016", wsdl, id=f"{kind}-2016-{label}"))
CASES.append(pytest.param("active_jobs", "soap12_2016", FIXTURE_2016_WSDL, id="active_jobs-soap12"))
CASES.append(pytest.param("active_jobs", "empty_2016", FIXTURE_2016_WSDL, id="active_jobs-empty"))


@pytest.mark.parametrize(("kind", "tag", "wsdl"), CASES)
def test_fast_decoder_equals_zeep(kind: str, tag: str, wsdl: Path) -> None:
    if not wsdl.exists():
        unavailable(f"{wsdl} is absent (../shared beside the checkout)")
    cls, fast = KINDS[kind]
    data = (ANSWERS / f"{kind}_{tag}.xml").read_bytes()
    expected = zeep_decode(client_for(str(wsdl)), data, cls)
    got = fast(data)
    assert len(got) == len(expected)
    for ours, theirs in zip(got, expected, strict=True):
        assert ours == theirs
    assert got == expected
    if "empty" not in tag:
        assert got, "a recorded answer should not be empty"


@pytest.mark.parametrize("tag", ["legacy", "2016"])
def test_incremental_decoder_equals_zeep(tag: str) -> None:
    wsdl = LEGACY_WSDL if tag == "legacy" else FIXTURE_2016_WSDL
    if not wsdl.exists():
        unavailable(f"{wsdl} is absent (../shared beside the checkout)")
    data = (ANSWERS / f"active_jobs_{tag}.xml").read_bytes()
    expected = zeep_decode(client_for(str(wsdl)), data, ActiveJob)
    decoder = inc.ActiveJobsDecoder()
    assert decoder.decode(data) == expected
    assert decoder.last_stats["mode"] == "full"
    assert decoder.decode(data) == expected
    assert decoder.last_stats == {"mode": "incremental", "items": len(expected), "parsed": 0}


def test_recorded_answers_cover_every_sub_job_type() -> None:
    jobs = d.decode_active_jobs((ANSWERS / "active_jobs_2016.xml").read_bytes())
    seen = {type(job.sub_job) for job in jobs if job.sub_job is not None}
    assert seen == set(SUB_JOB_TYPES.values())
    assert any(job.sub_job is None for job in jobs)
    assert any(job.task_progress_array and job.task_progress_array[0].task_item_progress_array for job in jobs)
    legacy = d.decode_active_jobs((ANSWERS / "active_jobs_legacy.xml").read_bytes())
    assert {type(job.sub_job).__name__ for job in legacy if job.sub_job} == {
        "ImageServingPublishJob", "ImageRenderingPublishJob", "VideoPublishJob",
        "ServerDirectoryPublishJob", "UploadDirectoryJob", "UploadUrlsJob",
    }
    assert all(job.trigger_time is None and job.task_progress_array is None for job in legacy)
    assert any(job.type == "Export" and job.sub_job is None for job in legacy)
    scheduled = d.decode_scheduled_jobs((ANSWERS / "scheduled_jobs_2016.xml").read_bytes())
    assert any(job.trigger_state == "Paused" for job in scheduled)
    assert any(job.trigger_state is not None and not job.trigger_state.recognized for job in scheduled)
    details = d.decode_job_logs((ANSWERS / "job_log_details_2016.xml").read_bytes())
    assert details[0].detail_total_rows == 49
    assert any(row.aux_array for row in details[0].detail_array)


def test_live_sandbox_answers_equal_zeep(sandbox) -> None:
    """Answers recorded live from the sandbox (both namespaces, every list operation) decode to the
    same models with zeep (strict, from the WSDL the sandbox serves) and with the fast decoder."""
    import zeep

    binding = "{http://www.scene7.com/IpsApi}IpsApiServiceSoapBinding"
    checked = 0
    for wsdl_url, v2016 in ((sandbox.wsdl_url_legacy, False), (sandbox.wsdl_url_2016, True)):
        client = zeep.Client(wsdl_url)
        service = client.create_service(binding, sandbox.endpoint)
        header = {"user": "demo@example.com", "password": "demo-password"}
        if v2016:
            header.update(appName="decode-tests", appVersion="1.0")
        auth = {"_soapheaders": {"authHeader": header}}
        company = service.getCompanyInfo(companyName="Demo Company", **auth).companyHandle
        def xml(response) -> bytes:  # the document of the answer (the root part, on the MTOM wire)
            return wire.read_answer("list", response.status_code, response.headers, response.content)

        with client.settings(raw_response=True):
            logs_answer = xml(service.getJobLogs(companyHandle=company, **auth))
            logs = d.decode_job_logs(logs_answer)
            recorded = {
                "active": (xml(service.getActiveJobs(companyHandle=company, **auth)), ActiveJob, d.decode_active_jobs),
                "scheduled": (xml(service.getScheduledJobs(companyHandle=company, **auth)), ScheduledJob,
                              d.decode_scheduled_jobs),
                "logs": (logs_answer, JobLog, d.decode_job_logs),
            }
            if logs:
                detail = xml(service.getJobLogDetails(companyHandle=company, jobHandle=logs[0].job_handle, **auth))
                recorded["details"] = (detail, JobLog, d.decode_job_logs)
        for name, (data, cls, fast) in recorded.items():
            expected = zeep_decode(client, data, cls)
            assert fast(data) == expected, f"{name} ({'2016' if v2016 else 'legacy'})"
            checked += len(expected)
        if v2016:
            active = d.decode_active_jobs(recorded["active"][0])
            assert {type(j.sub_job) for j in active if j.sub_job is not None} == set(SUB_JOB_TYPES.values())
    assert checked > 0
