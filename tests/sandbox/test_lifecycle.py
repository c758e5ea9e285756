"""Submitting, controlling, finishing and persisting jobs (processes of their own)."""

from __future__ import annotations

import datetime as dt
import time

import pytest
import zeep

from activejob_tui.sandbox.process import SandboxProcess

from .helpers import SUBJOBS_2016, SUBJOBS_LEGACY, Ips

pytestmark = pytest.mark.timeout(90)

HANDLES = {"items": ["a|1|1|100", "a|1|1|101"]}
MINIMAL_2016 = {
    "imageServingPublishJob": {"publishType": "Full", "emailSetting": "Error"},
    "imageRenderingPublishJob": {"emailSetting": "None"},
    "videoPublishJob": {"emailSetting": "All"},
    "serverDirectoryPublishJob": {"emailSetting": "None"},
    "metadataPublishJob": {"forcePublish": True},
    "uploadDirectoryJob": {"serverDir": "/ftp/in", "overwrite": True, "readyForPublish": True,
                           "includeSubfolders": False, "createMask": False, "processMetadataFiles": False,
                           "emailSetting": "None"},
    "uploadUrlsJob": {"urlArray": {"items": [{"sourceUrl": "https://x.example/a.png", "destPath": "a.png"}]},
                      "overwrite": True, "readyForPublish": True, "createMask": False, "emailSetting": "None"},
    "optimizeImagesJob": {"emailSetting": "None"},
    "ripPdfsJob": {"pdfHandleArray": HANDLES, "createMask": False, "emailSetting": "None"},
    "reprocessAssetsJob": {"assetHandleArray": HANDLES, "createMask": False, "emailSetting": "None"},
    "createVideoSitemapJob": {"forceUpdate": False},
    "exportJob": {"assetHandleArray": HANDLES, "fmt": "orig", "emailSetting": "None"},
    "automatedSetGenerationJob": {"assetHandleArray": HANDLES, "readyForPublish": True,
                                  "autoSetCreationOptions": {"autoSetsArray": {"items": ["s|1|1"]}},
                                  "emailSetting": "None"},
}
HOSTILE = ("<script>alert('x')</script> & \"quotes\" ]]> \u202e [red]markup[/] \U0001f600 &amp; "
           "'; DROP TABLE active_jobs; --\r\n\ttabs  " + "long " * 500)


@pytest.fixture(scope="module")
def client_2016_factory():
    cache: dict[str, zeep.Client] = {}

    def get(sb: SandboxProcess, legacy: bool = False) -> zeep.Client:
        url = sb.wsdl_url_legacy if legacy else sb.wsdl_url_2016
        key = "legacy" if legacy else "2016"
        if key not in cache:
            cache[key] = zeep.Client(url)
        return cache[key]
    return get


def _ips(sb, factory, legacy=False, soap12=False):
    return Ips("", sb.endpoint, "demo@example.com", "demo-password", client=factory(sb, legacy),
               v2016=not legacy, soap12=soap12)


def _wait(pred, timeout=10.0, step=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = pred()
        if got:
            return got
        time.sleep(step)
    raise AssertionError("condition not met in time")


def test_submit_every_type_and_hostile_text(fresh_sandbox, client_2016_factory):
    ips = _ips(fresh_sandbox, client_2016_factory)
    handles = {}
    for elem in SUBJOBS_2016:
        if elem == "uploadPostJob":
            continue  # not submittable: it tracks UploadFile servlet uploads
        handles[elem] = ips.call("submitJob", companyHandle="c|1", jobName=f"t-{elem}", locale="en-US",
                                 description=f"desc {elem}", **{elem: MINIMAL_2016[elem]})
    jobs = {j.jobHandle: j for j in ips.call("getActiveJobs", companyHandle="c|1")}
    for elem, h in handles.items():
        assert getattr(jobs[h], elem) is not None, elem
        assert jobs[h].description == f"desc {elem}" and jobs[h].originalName == f"t-{elem}"
    # hostile text is stored verbatim and escaped properly (only XML-impossible characters replaced)
    h = ips.call("submitJob", companyHandle="c|1", jobName=HOSTILE, description=HOSTILE,
                 optimizeImagesJob={"emailSetting": "None"})
    got = ips.call("getActiveJobs", companyHandle="c|1", jobHandle=h)[0]
    assert got.name == HOSTILE and got.description == HOSTILE
    # legacy clients see it as well, with the six sub-job elements only
    old = _ips(fresh_sandbox, client_2016_factory, legacy=True)
    for elem in SUBJOBS_LEGACY:
        body = dict(MINIMAL_2016[elem])
        old.call("submitJob", companyHandle="c|1", jobName=f"legacy-{elem}", **{elem: body})
    seen = old.call("getActiveJobs", companyHandle="c|1")
    assert {e for j in seen for e in SUBJOBS_LEGACY if getattr(j, e) is not None} == set(SUBJOBS_LEGACY)
    # every schedulable type as a scheduled job, read back by strict zeep in both namespaces
    for elem in MINIMAL_2016:
        ips.call("submitJob", companyHandle="c|1", jobName=f"s-{elem}", execSchedule="0 0 5 * * *",
                 **{elem: MINIMAL_2016[elem]})
    sched = ips.call("getScheduledJobs", companyHandle="c|1")
    assert {e for j in sched for e in MINIMAL_2016 if getattr(j, e) is not None} == set(MINIMAL_2016)
    old_sched = old.call("getScheduledJobs", companyHandle="c|1")
    assert len(old_sched) == len(sched)
    assert {e for j in old_sched for e in SUBJOBS_LEGACY if getattr(j, e) is not None} == set(SUBJOBS_LEGACY)
    # submit rules
    assert ips.fault("submitJob", companyHandle="c|1", jobName="x")[:2] == ("ipsApiFault", 30002)
    assert ips.fault("submitJob", companyHandle="c|1", jobName="x", execSchedule="not cron",
                     optimizeImagesJob={"emailSetting": "None"})[:2] == ("ipsApiFault", 30001)
    assert ips.fault("submitJob", companyHandle="c|1", jobName="x", optimizeImagesJob={"emailSetting": "None"},
                     exportJob=MINIMAL_2016["exportJob"])[:2] == ("ipsApiFault", 30001)


def test_scheduled_pause_resume_execute_delete(fresh_sandbox, client_2016_factory):
    ips = _ips(fresh_sandbox, client_2016_factory, soap12=True)
    h = ips.call("submitJob", companyHandle="c|1", jobName="nightly", execSchedule="0 0 4 * * *",
                 description="scheduled", imageServingPublishJob={"publishType": "Full", "emailSetting": "None"})
    sched = ips.call("getScheduledJobs", companyHandle="c|1", jobHandle=h)
    assert len(sched) == 1 and sched[0].triggerState == "Normal" and sched[0].execSchedule == "0 0 4 * * *"
    assert ips.call("pauseJob", companyHandle="c|1", jobHandle=h) is None
    assert ips.call("getScheduledJobs", companyHandle="c|1", jobHandle=h)[0].triggerState == "Paused"
    ips.call("resumeJob", companyHandle="c|1", jobHandle=h)
    assert ips.call("getScheduledJobs", companyHandle="c|1", jobHandle=h)[0].triggerState == "Normal"
    before = {j.jobHandle for j in ips.call("getActiveJobs", companyHandle="c|1")}
    ips.call("executeJob", companyHandle="c|1", jobHandle=h)
    runs = [j for j in ips.call("getActiveJobs", companyHandle="c|1", originalName="nightly")
            if j.jobHandle not in before]
    assert len(runs) == 1 and runs[0].imageServingPublishJob.publishType == "Full"
    assert runs[0].description == "scheduled"
    ips.call("deleteJob", companyHandle="c|1", jobHandle=h)
    assert ips.call("getScheduledJobs", companyHandle="c|1", jobHandle=h) is None
    assert ips.fault("resumeJob", companyHandle="c|1", jobHandle=h)[:2] == ("ipsApiFault", 30001)
    # deleteJob of an active job removes it (and leaves a cancelled log)
    ips.call("deleteJob", companyHandle="c|1", jobHandle=runs[0].jobHandle)
    assert ips.call("getActiveJobs", companyHandle="c|1", jobHandle=runs[0].jobHandle) is None
    assert ips.call("getJobLogDetails", companyHandle="c|1", jobHandle=runs[0].jobHandle)[0].logType == "FileCancel"


def test_exec_time_fires(fresh_sandbox, client_2016_factory):
    ips = _ips(fresh_sandbox, client_2016_factory)
    when = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)
    h = ips.call("submitJob", companyHandle="c|1", jobName="one-shot", execTime=when,
                 exportJob=MINIMAL_2016["exportJob"])
    assert ips.call("getScheduledJobs", companyHandle="c|1", jobHandle=h)[0].nextFireTime is not None
    _wait(lambda: ips.call("getActiveJobs", companyHandle="c|1", originalName="one-shot"), timeout=6)
    assert ips.call("getScheduledJobs", companyHandle="c|1", jobHandle=h) is None


def test_stop_running_job_ends_in_cancelled_log_and_survives_kill(fresh_sandbox, client_2016_factory):
    sb = fresh_sandbox
    ips = _ips(sb, client_2016_factory)
    running = [j for j in ips.call("getActiveJobs", companyHandle="c|1") if j.state == "Running"]
    victim = running[0]
    submitted = ips.call("submitJob", companyHandle="c|1", jobName="survivor",
                         videoPublishJob={"emailSetting": "None"})
    assert ips.call("stopJob", companyHandle="c|1", jobHandle=victim.jobHandle) is None
    now = ips.call("getActiveJobs", companyHandle="c|1", jobHandle=victim.jobHandle)
    assert now is None or now[0].state == "Stopping"
    _wait(lambda: ips.call("getActiveJobs", companyHandle="c|1", jobHandle=victim.jobHandle) is None, timeout=5)
    log = ips.call("getJobLogDetails", companyHandle="c|1", jobHandle=victim.jobHandle)[0]
    assert log.logType == "FileCancel" and not log.fatalError
    assert log.detailArray.items[-1].logType == "FileCancel"
    assert "cancel" in log.detailArray.items[-1].logMessage.lower()
    kind, code, reason = ips.fault("stopJob", companyHandle="c|1", jobHandle=victim.jobHandle)
    assert (kind, code) == ("ipsApiFault", 30001) and "finished" in reason
    # kill -9 right after answered changes, then restart on the same DB and port
    to_stop = next(j for j in ips.call("getActiveJobs", companyHandle="c|1") if j.state == "Running"
               and j.jobHandle != submitted)
    ips.call("stopJob", companyHandle="c|1", jobHandle=to_stop.jobHandle)
    port = sb.port
    sb.kill()
    sb.restart()
    assert sb.port == port
    ips = _ips(sb, client_2016_factory)
    assert ips.call("getJobLogDetails", companyHandle="c|1", jobHandle=victim.jobHandle)[0].logType == "FileCancel"
    assert ips.call("getActiveJobs", companyHandle="c|1", jobHandle=submitted)[0].name == "survivor"
    _wait(lambda: ips.call("getActiveJobs", companyHandle="c|1", jobHandle=to_stop.jobHandle) is None, timeout=5)
    assert ips.call("getJobLogDetails", companyHandle="c|1",
                    jobHandle=to_stop.jobHandle)[0].logType == "FileCancel"
    assert sb.stop() == 0


def test_jobs_advance_and_finish_into_logs(sandbox_factory, client_2016_factory):
    sb = sandbox_factory(speed=30)  # fast enough to end soon, slow enough that polls see it advance under load
    ips = _ips(sb, client_2016_factory)
    h = ips.call("submitJob", companyHandle="c|1", jobName="quick", description="finishes",
                 uploadUrlsJob=MINIMAL_2016["uploadUrlsJob"])
    seen_states, seen_progress = set(), set()

    def finished():
        got = ips.call("getActiveJobs", companyHandle="c|1", jobHandle=h)
        if got is None:
            return True
        seen_states.add(got[0].state)
        seen_progress.add(got[0].progress)
        assert got[0].uploadUrlsJob.numUrls == 1
        return False
    _wait(finished, timeout=30, step=0.05)
    assert "Running" in seen_states and len(seen_progress) >= 2  # it advanced (>3 failed 3 of 3 runs at load ~6)
    log = ips.call("getJobLogDetails", companyHandle="c|1", jobHandle=h)[0]
    assert log.description == "finishes" and log.endDate >= log.startDate
    lines = log.detailArray.items
    assert lines[0].logType == "BeginUploadUrls"
    assert log.fileSuccessCount == sum(d.logType == "UploadSuccess" for d in lines)
    assert log.fileErrorCount == sum(d.logType == "UploadError" for d in lines)
    assert log.detailTotalRows == len(lines)


def test_demo_keeps_moving(sandbox_factory, client_2016_factory):
    """Fast demo: jobs finish, and the keep-alive/schedules keep the active list populated."""
    sb = sandbox_factory(speed=300)
    ips = _ips(sb, client_2016_factory)
    first = {j.jobHandle for j in ips.call("getActiveJobs", companyHandle="c|1")}

    def moved():
        now = ips.call("getActiveJobs", companyHandle="c|1") or []
        return len(now) >= 5 and {j.jobHandle for j in now} - first
    _wait(moved, timeout=15, step=0.5)
    assert len(ips.call("getJobLogs", companyHandle="c|1")) > 16


def test_sigterm_exits_cleanly(sandbox_factory):
    sb = sandbox_factory()
    assert sb.stop() == 0


def test_a_running_job_s_log_lines_keep_their_times_between_reads_and_when_it_ends(sandbox_factory, client_2016_factory):
    """A new user saw a live log's lines reorder: each read spread them over [start, now] again, so a
    line's time moved with every poll (16:09:15.689, then .662, then .645) and the pane re-sorted them."""
    sb = sandbox_factory(speed=10)
    ips = _ips(sb, client_2016_factory)
    h = ips.call("submitJob", companyHandle="c|1", jobName="steady", description="times",
                 metadataPublishJob={"forcePublish": True})

    def lines():
        got = ips.call("getJobLogDetails", companyHandle="c|1", jobHandle=h)
        items = got[0].detailArray.items if got and got[0].detailArray is not None else []
        return [(d.logMessage, d.dateCreated) for d in items]

    _wait(lambda: len(lines()) >= 8, timeout=30, step=0.1)  # a few files processed
    first = lines()
    time.sleep(0.5)
    second = lines()
    assert second[:len(first)] == first  # the same lines, at the same times
    assert [t for _, t in second] == sorted(t for _, t in second)  # in time order
    _wait(lambda: ips.call("getActiveJobs", companyHandle="c|1", jobHandle=h) is None, timeout=60, step=0.2)
    ended = dict(lines())
    assert all(ended[message] == at for message, at in first)  # its finished log keeps them too
