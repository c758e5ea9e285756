"""Every operation, through plain zeep (strict mode), with the real public WSDL and both served WSDLs."""

from __future__ import annotations

import datetime as dt

import pytest
import requests
import zeep
from zeep.transports import Transport

from .helpers import ACTIVE_STATES, SUBJOBS_2016, SUBJOBS_LEGACY, Ips

pytestmark = pytest.mark.timeout(60)

LOG_OUTCOMES = {"FileCancel", "FatalError"}


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    """This module's own demo sandbox (seed 7, like the session's), started when the module starts: the
    checks that every sub-job type is active hold for a sandbox minutes old, not for one that has run
    as long as the suite before this module (its demo jobs end on their own)."""
    from activejob_tui.sandbox.process import SandboxProcess

    sb = SandboxProcess(db_path=tmp_path_factory.mktemp("operations") / "sandbox.db", seed=7)
    sb.start()
    yield sb
    sb.stop()


@pytest.fixture(scope="module")
def real_client(shared_wsdl_path):
    return zeep.Client(str(shared_wsdl_path))


@pytest.fixture(scope="module")
def legacy(sandbox, real_client, demo_credentials):
    """The real public WSDL, endpoint overridden to the sandbox."""
    return Ips("", sandbox.endpoint, *demo_credentials[:2], client=real_client)


@pytest.fixture(scope="module")
def served_legacy(sandbox, demo_credentials):
    return Ips(sandbox.wsdl_url_legacy, sandbox.endpoint, *demo_credentials[:2])


@pytest.fixture(scope="module")
def v2016(sandbox, demo_credentials):
    return Ips(sandbox.wsdl_url_2016, sandbox.endpoint, *demo_credentials[:2], v2016=True)


@pytest.fixture(scope="module")
def v2016_soap12(sandbox, v2016, demo_credentials):
    return Ips("", sandbox.endpoint, *demo_credentials[:2], v2016=True, soap12=True, client=v2016.client)


@pytest.fixture(scope="module")
def demo_company(legacy):
    return legacy.call("getCompanyInfo", companyName="Demo Company").companyHandle


# ------------------------------------------------------------------ companies
def test_company_info_and_membership_legacy(legacy, served_legacy):
    for ips in (legacy, served_legacy):
        info = ips.call("getCompanyInfo", companyName="Demo Company")
        assert info.name == "Demo Company" and info.companyHandle.startswith("c|") and info.rootPath
        assert ips.call("getCompanyInfo", companyHandle=info.companyHandle).name == "Demo Company"
        comps = ips.call("getCompanyMembership")
        assert [c.name for c in comps] == ["Demo Company", "Demo Studio"]  # sandbox/membership.py


def test_company_membership_2016(v2016, v2016_soap12):
    for ips in (v2016, v2016_soap12):
        members = ips.call("getCompanyMembership")
        assert [m.company.name for m in members] == ["Demo Company", "Demo Studio"]
        assert all(m.role and m.isActive is True for m in members)


# ------------------------------------------------------------------ listing
def test_active_jobs_2016_all_fourteen_types(v2016, demo_company):
    jobs = v2016.call("getActiveJobs", companyHandle=demo_company)
    seen = set()
    for j in jobs:
        assert j.state in ACTIVE_STATES
        present = [e for e in SUBJOBS_2016 if getattr(j, e) is not None]
        assert len(present) == 1, (j.type, present)
        seen.add(present[0])
        assert j.taskProgressArray is not None and j.triggerTime.tzinfo is not None
        assert 0 <= j.progress <= 100 and j.totalSize > 0 and j.serverName
        for t in j.taskProgressArray.items:
            assert 0.0 <= t.progress <= 1.0
            assert t.taskState in {"New", "Processing", "Stopping", "Done", "Failed", "Unknown"}
            assert t.numProcessed + t.numProcessing + t.numPending > 0
    assert seen == set(SUBJOBS_2016)
    assert sum(j.state == "Running" for j in jobs) >= 3


def test_fresh_demo_seed_mixes_states(fresh_sandbox, demo_credentials):
    """Seeded New jobs stay New for a minute or two, so this reads a sandbox started for the test."""
    ips = Ips(fresh_sandbox.wsdl_url_2016, fresh_sandbox.endpoint, *demo_credentials[:2], v2016=True)
    company = ips.call("getCompanyInfo", companyName="Demo Company").companyHandle
    states = {j.state for j in ips.call("getActiveJobs", companyHandle=company)}
    assert states >= {"Running", "New"} and states & {"WaitingCoordinator", "WaitingClient"}


@pytest.mark.parametrize("which", ["real", "served"])
def test_active_jobs_legacy_six_sub_jobs(which, legacy, served_legacy, demo_company):
    ips = legacy if which == "real" else served_legacy
    jobs = ips.call("getActiveJobs", companyHandle=demo_company)
    assert len(jobs) >= 14
    types_with_sub, types_without = set(), set()
    for j in jobs:
        assert not hasattr(j, "taskProgressArray") and not hasattr(j, "locale")
        present = [e for e in SUBJOBS_LEGACY if getattr(j, e) is not None]
        assert len(present) <= 1
        (types_with_sub if present else types_without).add(j.type)
    assert {"ImageServingPublish", "ImageRenderingPublish", "VideoPublish", "ServerDirectoryPublish",
            "UploadFromServerDirectory", "UrlUpload"} <= types_with_sub
    assert len(types_without) >= 8  # newer types: type only, no sub-job element


def test_active_jobs_filters(v2016, demo_company):
    jobs = v2016.call("getActiveJobs", companyHandle=demo_company)
    one = jobs[0]
    got = v2016.call("getActiveJobs", companyHandle=demo_company, jobHandle=one.jobHandle)
    assert [j.jobHandle for j in got] == [one.jobHandle]
    got = v2016.call("getActiveJobs", companyHandle=demo_company, originalName=one.originalName)
    assert one.jobHandle in [j.jobHandle for j in got]
    assert v2016.call("getActiveJobs", companyHandle=demo_company, originalName="no such job \u2603") is None
    nowait = v2016.call("getActiveJobs", companyHandle=demo_company, includeWaitingJobs=False)
    assert all(not j.state.startswith("Waiting") for j in nowait)


def test_scheduled_jobs(legacy, v2016, v2016_soap12, demo_company):
    for ips in (legacy, v2016, v2016_soap12):
        jobs = ips.call("getScheduledJobs", companyHandle=demo_company)
        assert len(jobs) >= 4
        states = {j.triggerState for j in jobs}
        assert {"Normal", "Paused"} <= states
        for j in jobs:
            assert j.execSchedule and j.nextFireTime.tzinfo is not None and j.timeZone
    # a job of no sub-job type (Cleanup) exists and has no sub-job element
    cleanup = [j for j in v2016.call("getScheduledJobs", companyHandle=demo_company) if j.type == "Cleanup"]
    assert cleanup and all(getattr(cleanup[0], e, None) is None for e in SUBJOBS_2016)


def test_job_logs_every_outcome(legacy, v2016, demo_company):
    logs = v2016.call("getJobLogs", companyHandle=demo_company)
    kinds = {lg.logType for lg in logs}
    assert "FileCancel" in kinds and "FatalError" in kinds
    assert any(lg.logType.endswith(("Error", "Failure")) for lg in logs)
    assert any(lg.logType.endswith("Warning") for lg in logs)
    assert any(lg.logType.startswith(("End", "end")) for lg in logs)
    assert any(lg.fatalError for lg in logs)
    for lg in logs:
        assert lg.detailArray is None
        assert lg.startDate.tzinfo is not None and lg.endDate >= lg.startDate
        assert lg.endDate <= dt.datetime.now(dt.UTC)  # a finished job ended in the past
        assert lg.fileSuccessCount + lg.fileErrorCount + lg.fileWarningCount + lg.fileDuplicateCount \
            + lg.fileUpdateCount <= lg.totalFileCount
    old = legacy.call("getJobLogs", companyHandle=demo_company)
    assert len(old) == len(logs) and not hasattr(old[0], "originalJobName")


def test_job_logs_sorting_and_limits(v2016, demo_company):
    logs = v2016.call("getJobLogs", companyHandle=demo_company, sortBy="JobName", sortDirection="Ascending")
    names = [lg.jobName for lg in logs]
    assert names == sorted(names)
    assert len(v2016.call("getJobLogs", companyHandle=demo_company, numRows=3)) == 3
    recent = v2016.call("getJobLogs", companyHandle=demo_company,
                        startDate=dt.datetime.now(dt.UTC) - dt.timedelta(hours=2))
    assert 0 < len(recent) < len(logs)
    assert v2016.fault("getJobLogs", companyHandle=demo_company, sortBy="Bogus")[:2] == ("ipsApiFault", 30001)


def _big_log(v2016, demo_company):
    logs = v2016.call("getJobLogs", companyHandle=demo_company)
    return max(logs, key=lambda lg: lg.totalFileCount)


def test_job_log_details_paging(v2016, demo_company):
    big = _big_log(v2016, demo_company)
    first = v2016.call("getJobLogDetails", companyHandle=demo_company, jobHandle=big.jobHandle)
    assert len(first) == 1
    total = first[0].detailTotalRows
    assert total > 1000 and len(first[0].detailArray.items) == 1000  # default page size is the maximum
    lines, page = [], 1
    while True:
        got = v2016.call("getJobLogDetails", companyHandle=demo_company, jobHandle=big.jobHandle,
                         recordsPerPage=700, resultsPage=page)[0]
        assert got.detailTotalRows == total
        lines += got.detailArray.items
        if page * 700 >= total:
            break
        page += 1
    assert len(lines) == total
    dates = [d.dateCreated for d in lines]
    assert dates == sorted(dates)
    # counts in the summary match the lines
    assert sum(d.logType.endswith("Success") for d in lines) == big.fileSuccessCount
    assert sum(d.logType.endswith("Warning") for d in lines) == big.fileWarningCount
    assert sum(d.logType.endswith(("Error", "Failure")) for d in lines) == big.fileErrorCount
    assert sum(d.logType == "DuplicateSkipped" for d in lines) == big.fileDuplicateCount
    # past the end: empty page, total still reported
    past = v2016.call("getJobLogDetails", companyHandle=demo_company, jobHandle=big.jobHandle,
                      recordsPerPage=1000, resultsPage=99)[0]
    assert past.detailArray is None or not past.detailArray.items
    assert past.detailTotalRows == total
    # oversized page request is capped at 1000
    capped = v2016.call("getJobLogDetails", companyHandle=demo_company, jobHandle=big.jobHandle,
                        recordsPerPage=5000)[0]
    assert len(capped.detailArray.items) == 1000


def test_job_log_details_filter_and_sort(v2016, demo_company):
    big = _big_log(v2016, demo_company)
    warn = next(d for d in v2016.call("getJobLogDetails", companyHandle=demo_company, jobHandle=big.jobHandle)[0]
            .detailArray.items if d.logType.endswith("Warning")).logType
    got = v2016.call("getJobLogDetails", companyHandle=demo_company, jobHandle=big.jobHandle,
                     logTypeArray={"items": [warn]}, recordsPerPage=50)[0]
    assert got.detailTotalRows == big.fileWarningCount
    assert {d.logType for d in got.detailArray.items} == {warn}
    by_type = v2016.call("getJobLogDetails", companyHandle=demo_company, jobHandle=big.jobHandle,
                         sortBy="LogType", sortDirection="Descending", recordsPerPage=1000)[0].detailArray.items
    types = [d.logType for d in by_type]
    assert types == sorted(types, reverse=True)
    desc = v2016.call("getJobLogDetails", companyHandle=demo_company, jobHandle=big.jobHandle,
                      sortDirection="Descending", recordsPerPage=10)[0].detailArray.items
    assert desc[0].dateCreated >= desc[-1].dateCreated


def test_job_log_details_legacy_and_by_original_name(legacy, v2016, demo_company):
    logs = v2016.call("getJobLogs", companyHandle=demo_company)
    small = min(logs, key=lambda lg: lg.totalFileCount)
    got = legacy.call("getJobLogDetails", companyHandle=demo_company, jobHandle=small.jobHandle)
    assert len(got) == 1 and got[0].detailArray.items
    assert not hasattr(got[0].detailArray.items[0], "dateCreated")
    by_name = v2016.call("getJobLogDetails", companyHandle=demo_company, originalName=small.originalJobName)
    assert small.jobHandle in [lg.jobHandle for lg in by_name]


def test_job_log_details_of_a_running_job(v2016, demo_company):
    running = next(j for j in v2016.call("getActiveJobs", companyHandle=demo_company) if j.state == "Running")
    got = v2016.call("getJobLogDetails", companyHandle=demo_company, jobHandle=running.jobHandle)
    assert len(got) == 1 and got[0].endDate is None and got[0].logType.startswith("Begin")
    assert got[0].detailTotalRows >= 5


def test_legacy_soap12_binding(sandbox, served_legacy, demo_credentials, demo_company):
    ips = Ips("", sandbox.endpoint, *demo_credentials[:2], soap12=True, client=served_legacy.client)
    assert len(ips.call("getActiveJobs", companyHandle=demo_company)) >= 14
    assert ips.call("getJobLogs", companyHandle=demo_company, numRows=2)


def test_gzip_only_when_asked(sandbox, demo_company):
    import httpx

    env = ('<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/" '
           'xmlns:x="http://www.scene7.com/IpsApi/xsd"><e:Header><x:authHeader><x:user>demo@example.com</x:user>'
           "<x:password>demo-password</x:password>{gz}</x:authHeader></e:Header><e:Body><x:getActiveJobsParam/>"
           "</e:Body></e:Envelope>")
    hdrs = {"Content-Type": "text/xml", "Accept-Encoding": "gzip"}
    plain = httpx.post(sandbox.endpoint, content=env.format(gz=""), headers=hdrs)
    assert "content-encoding" not in plain.headers
    gz = httpx.post(sandbox.endpoint, content=env.format(gz="<x:gzipResponse>true</x:gzipResponse>"), headers=hdrs)
    assert gz.headers.get("content-encoding") == "gzip" and b"<jobArray><items>" in gz.content


# ------------------------------------------------------------------ HTTP Basic
def test_http_basic_auth(sandbox, v2016, demo_company, demo_credentials):
    session = requests.Session()
    session.auth = demo_credentials[:2]
    client = zeep.Client(sandbox.wsdl_url_legacy, transport=Transport(session=session))
    svc = client.create_service("{http://www.scene7.com/IpsApi}IpsApiServiceSoapBinding", sandbox.endpoint)
    assert svc.getActiveJobs(companyHandle=demo_company)  # no authHeader at all
    session.auth = ("demo@example.com", "wrong")
    with pytest.raises(zeep.exceptions.Fault):
        svc.getActiveJobs(companyHandle=demo_company)
