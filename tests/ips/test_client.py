"""IpsClient against a real sandbox: every operation, both namespaces, the real public WSDL."""

from __future__ import annotations

import asyncio

import pytest

from activejob_tui.ips import errors
from activejob_tui.ips.client import ClientSettings, IpsClient
from activejob_tui.model.enums import ActiveJobState, TriggerState
from activejob_tui.model.jobs import (
    SUB_JOB_TYPES,
    ActiveJob,
    UnknownSubJob,
    sub_job_element,
)

LEGACY_SUB_JOBS = {
    "imageServingPublishJob",
    "imageRenderingPublishJob",
    "videoPublishJob",
    "serverDirectoryPublishJob",
    "uploadDirectoryJob",
    "uploadUrlsJob",
}


def settings_for(sandbox, wsdl: str, *, password: str = "demo-password", **extra) -> ClientSettings:
    values = dict(wsdl=wsdl, user="demo@example.com", password=password, company_name="Demo Company", timeout=10.0)
    values.update(extra)
    return ClientSettings(**values)


async def wait_for(predicate, timeout: float = 15.0, step: float = 0.25):
    """Poll ``predicate`` (an async callable) until it returns a truthy value."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        value = await predicate()
        if value:
            return value
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(step)


@pytest.fixture
async def client16(sandbox):
    client = await IpsClient.open(settings_for(sandbox, sandbox.wsdl_url_2016))
    yield client
    await client.close()


async def test_2016_lists_every_sub_job_type(client16):
    assert client16.info.api_version == "2016-01-14-beta"
    assert client16.info.company_name == "Demo Company"
    jobs = await client16.active_jobs()
    elements = {sub_job_element(j.sub_job) for j in jobs if j.sub_job is not None}
    assert elements == set(SUB_JOB_TYPES)
    assert all(isinstance(j, ActiveJob) and j.job_handle for j in jobs)
    assert any(j.state == ActiveJobState.RUNNING for j in jobs)
    assert any(j.task_progress_array for j in jobs)


async def test_legacy_served_wsdl_has_six_sub_job_elements(sandbox):
    client = await IpsClient.open(settings_for(sandbox, sandbox.wsdl_url_legacy))
    try:
        assert client.info.api_version == "legacy"
        jobs = await client.active_jobs()
        elements = {sub_job_element(j.sub_job) for j in jobs if j.sub_job is not None}
        assert elements == LEGACY_SUB_JOBS
        assert all(j.locale is None and j.task_progress_array is None and j.trigger_time is None for j in jobs)
        assert not any(isinstance(j.sub_job, UnknownSubJob) for j in jobs)
    finally:
        await client.close()


async def test_real_public_wsdl_with_endpoint_override(sandbox, shared_wsdl_path):
    client = await IpsClient.open(settings_for(sandbox, str(shared_wsdl_path), endpoint=sandbox.endpoint))
    try:
        assert client.endpoint == sandbox.endpoint
        assert client.info.api_version == "legacy"
        assert await client.active_jobs()
        scheduled = await client.scheduled_jobs()
        assert any(j.trigger_state == TriggerState.PAUSED for j in scheduled)
        logs = await client.job_logs()
        assert logs
        page = await client.job_log_details(logs[0].job_handle)
        assert page.total_rows is None  # the legacy API has no paging
    finally:
        await client.close()


async def test_scheduled_and_logs_2016(client16):
    scheduled = await client16.scheduled_jobs()
    assert any(j.trigger_state == TriggerState.PAUSED for j in scheduled)
    logs = await client16.job_logs()
    outcomes = {log.outcome.value for log in logs}
    assert {"success", "warnings", "errors", "fatal", "cancelled"} <= outcomes
    limited = await client16.job_logs(limit=2, sort_by="StartDate")
    assert len(limited) == 2


async def test_log_details_page(client16):
    logs = await client16.job_logs()
    big = max(logs, key=lambda log: log.total_file_count or 0)
    first = await client16.job_log_details(big.job_handle, per_page=10)
    assert first.total_rows and first.total_rows > 10
    assert len(first.details) == 10 and first.has_more
    last_page = -(-first.total_rows // 10)
    last = await client16.job_log_details(big.job_handle, page=last_page, per_page=10)
    assert not last.has_more
    assert len(last.details) == first.total_rows - 10 * (last_page - 1)


async def test_stop_pause_resume_execute_delete(fresh_sandbox):
    client = await IpsClient.open(settings_for(fresh_sandbox, fresh_sandbox.wsdl_url_2016))
    try:
        running = next(j for j in await client.active_jobs() if j.state == ActiveJobState.RUNNING)
        await client.stop_job(running.job_handle)

        async def stopped():
            now = {j.job_handle: j for j in await client.active_jobs()}
            job = now.get(running.job_handle)
            return job is None or job.state == ActiveJobState.STOPPING

        await wait_for(stopped)

        paused = next(j for j in await client.scheduled_jobs() if j.trigger_state == TriggerState.PAUSED)
        await client.resume_job(paused.job_handle)
        after = {j.job_handle: j for j in await client.scheduled_jobs()}
        assert after[paused.job_handle].trigger_state == TriggerState.NORMAL
        await client.pause_job(paused.job_handle)
        after = {j.job_handle: j for j in await client.scheduled_jobs()}
        assert after[paused.job_handle].trigger_state == TriggerState.PAUSED

        before = len(await client.active_jobs())
        await client.execute_job(paused.job_handle)
        assert len(await client.active_jobs()) > before
        await client.delete_job(paused.job_handle)
        assert paused.job_handle not in {j.job_handle for j in await client.scheduled_jobs()}
    finally:
        await client.close()


async def test_wrong_password_is_an_authentication_error(sandbox):
    with pytest.raises(errors.AuthenticationError) as caught:
        await IpsClient.open(settings_for(sandbox, sandbox.wsdl_url_2016, password="not-the-password"))
    assert "not-the-password" not in str(caught.value)
    assert caught.value.code == 10001


async def test_foreign_company_is_an_authorization_error(sandbox):
    with pytest.raises(errors.AuthorizationError):
        await IpsClient.open(settings_for(sandbox, sandbox.wsdl_url_2016, company_name="Other Company"))
    other = await IpsClient.open(
        settings_for(sandbox, sandbox.wsdl_url_2016, user="other@example.com", password="other-password", company_name="Other Company")
    )
    try:
        foreign = other.company_handle
    finally:
        await other.close()
    client = await IpsClient.open(settings_for(sandbox, sandbox.wsdl_url_2016, company_name=None, company_handle=foreign))
    try:
        with pytest.raises(errors.AuthorizationError):
            await client.active_jobs()
    finally:
        await client.close()


async def test_bogus_handle_is_an_api_fault(client16):
    with pytest.raises(errors.ApiFault) as caught:
        await client16.stop_job("j|no-such-job")
    assert caught.value.code == 30001
    assert await client16.active_jobs()  # the server and the client both carry on


async def test_server_down_is_a_connection_error(shared_wsdl_path):
    client = await IpsClient.open(
        ClientSettings(
            wsdl=str(shared_wsdl_path),
            endpoint="http://127.0.0.1:9/scene7/services/IpsApiService",
            user="u",
            password="p",
            company_handle="c|1",
            timeout=3.0,
        )
    )
    try:
        with pytest.raises(errors.IpsConnectionError) as caught:
            await client.active_jobs()
        assert "127.0.0.1:9" in str(caught.value)
    finally:
        await client.close()


@pytest.mark.parametrize(
    ("chaos", "expected"),
    [("slow=1.0:5", errors.Timeout), ("malformed=1.0", errors.MalformedResponse), ("http500=1.0", errors.MalformedResponse)],
)
async def test_chaos_answers_become_clear_errors(chaos_sandbox, shared_wsdl_path, chaos, expected):
    server = chaos_sandbox(chaos)
    settings = settings_for(server, str(shared_wsdl_path), endpoint=server.endpoint, timeout=1.0, company_handle="c|1")
    client = await IpsClient.open(settings)  # a known handle: opening needs no request
    try:
        with pytest.raises(expected):
            await client.active_jobs()
    finally:
        await client.close()
