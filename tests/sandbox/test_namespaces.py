"""Any IPS namespace version, end to end (issue 10 item 3, IPS_JOBS_API.md §10).

The sandbox's 2016 WSDL is rewritten into the namespaces public code uses besides ours; the real
client discovers the version from the WSDL, lists jobs, stops one, and the console's header names
the version. The sandbox answers each request in the request's own namespace. The endpoint is
served under both paths real servers use."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from activejob_tui.ips.client import ClientSettings, IpsClient
from activejob_tui.model.enums import ActiveJobState
from activejob_tui.sandbox.server import API_ENDPOINT_PATH, ENDPOINT_PATH
from activejob_tui.tui.app import ActiveJobApp
from tui.helpers import status_text

from .helpers import started_sandbox

VERSIONS = ("2010-01-31", "2017-10-29-beta", "2023-01-15")


@pytest.fixture(scope="module")
def version_sandbox(tmp_path_factory):
    with started_sandbox(tmp_path_factory.mktemp("versions"), seed=5) as sb:
        yield sb


def rewritten_wsdl(sandbox, version: str, path: str, folder) -> str:
    """The sandbox's 2016 WSDL in namespace ``…/xsd/<version>``, its address on ``path``; a file path."""
    wsdl = httpx.get(sandbox.wsdl_url_2016, timeout=10).text
    wsdl = wsdl.replace("2016-01-14-beta", version).replace(ENDPOINT_PATH, path)
    target = folder / f"IpsApi-{version}.wsdl"
    target.write_text(wsdl, encoding="utf-8")
    return str(target)


def settings(wsdl: str) -> ClientSettings:
    return ClientSettings(wsdl=wsdl, user="demo@example.com", password="demo-password",
                          company_name="Demo Company", timeout=10.0)


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("path", [ENDPOINT_PATH, API_ENDPOINT_PATH])
async def test_the_client_discovers_lists_and_stops_in_any_version(version_sandbox, tmp_path, version, path):
    wsdl = rewritten_wsdl(version_sandbox, version, path, tmp_path)
    client = await IpsClient.open(settings(wsdl))
    try:
        assert client.api_version == version and client.endpoint.endswith(path)
        assert client.namespace == f"http://www.scene7.com/IpsApi/xsd/{version}"
        jobs = await client.active_jobs()
        running = [j for j in jobs if j.state == ActiveJobState.RUNNING]
        assert jobs and running
        target = running[0].job_handle
        await client.stop_job(target)
        for _ in range(40):
            states = {j.job_handle: j.state for j in await client.active_jobs()}
            if states.get(target) != ActiveJobState.RUNNING:
                break
            await asyncio.sleep(0.25)
        assert states.get(target) != ActiveJobState.RUNNING
    finally:
        await client.close()


@pytest.mark.parametrize("version", VERSIONS)
async def test_the_console_header_names_the_version(version_sandbox, tmp_path, version):
    wsdl = rewritten_wsdl(version_sandbox, version, API_ENDPOINT_PATH, tmp_path)

    async def connect() -> IpsClient:
        return await IpsClient.open(settings(wsdl))

    app = ActiveJobApp(connect, poll_interval=0.5)
    async with app.run_test(size=(160, 48)) as pilot:
        for _ in range(200):
            if app.poller is not None and app.poller.polls:
                break
            await pilot.pause(0.05)
        await pilot.pause(0.1)
        header = status_text(app)
        assert f"API {version}" in header, header
