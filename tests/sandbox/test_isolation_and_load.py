"""The sandbox under isolation, load and kill -9. Speed figures belong in benchmarks/soak.py."""

from __future__ import annotations

import asyncio
import json
import re

import httpx
import pytest

from activejob_tui.ips import errors
from activejob_tui.ips.client import IpsClient
from activejob_tui.model.enums import ActiveJobState
from support.harness import one_line_error, poll_for, sandbox_cli_args
from support.harness import sandbox_settings as settings

# demo_password (support/fixtures.py): run_cli's environment holds the demo password and a wide terminal
pytestmark = [pytest.mark.timeout(60), pytest.mark.usefixtures("demo_password")]

NS = "http://www.scene7.com/IpsApi/xsd/2016-01-14-beta"


def submit_body(name: str) -> bytes:
    return (
        f'<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/" xmlns:x="{NS}"><e:Header><x:authHeader>'
        "<x:user>demo@example.com</x:user><x:password>demo-password</x:password><x:appName>t</x:appName>"
        "<x:appVersion>1</x:appVersion></x:authHeader></e:Header><e:Body><x:submitJobParam>"
        f"<x:companyHandle>c|1</x:companyHandle><x:jobName>{name}</x:jobName>"
        "<x:optimizeImagesJob><x:emailSetting>None</x:emailSetting></x:optimizeImagesJob>"
        "</x:submitJobParam></e:Body></e:Envelope>"
    ).encode()


# --- isolation between companies -------------------------------------------------------------------


def test_a_user_cannot_list_another_companys_jobs_cli(run_cli, sandbox, isolated_env):
    """See also tests/ips/test_client.py::test_foreign_company_is_an_authorization_error and
    tests/sandbox/test_faults.py::test_authorization_fault_for_a_foreign_company."""
    env = {**isolated_env, "IPS_PASSWORD": "other-password"}
    by_handle = run_cli("jobs", "--wsdl", sandbox.wsdl_url_2016, "--user", "other@example.com",
                        "--company-handle", "c|1", env=env)
    assert by_handle.returncode == 4
    assert "is not a member of company 'c|1'" in one_line_error(by_handle)
    by_name = run_cli("jobs", *sandbox_cli_args(sandbox, user="other@example.com"), env=env)
    assert by_name.returncode == 4
    assert one_line_error(by_name) == ("activejob-tui: other@example.com is not a member of a company named "
                                       "'Demo Company' (member of: Other Company).")
    own = run_cli("jobs", "--format", "json", *sandbox_cli_args(sandbox, user="other@example.com",
                                                                 company="Other Company"), env=env)
    assert own.returncode == 0
    assert {job["companyHandle"] for job in json.loads(own.stdout)} <= {"c|2"}


# --- load -----------------------------------------------------------------------------------------


async def test_clients_polling_for_a_while_see_no_errors(sandbox_factory):
    """10 clients poll (active every round, scheduled and logs every third) for 4 s: 0 errors."""
    server = sandbox_factory(speed=20)
    clients = await asyncio.gather(*(IpsClient.open(settings(server)) for _ in range(10)))
    try:
        polls, failures = await poll_for(clients, 4.0)
    finally:
        await asyncio.gather(*(c.close() for c in clients))
    assert failures == []
    assert all(n > 0 for n in polls)
    print(f"load: {len(clients)} clients, {sum(polls)} polls, 0 errors")


# --- kill -9 under load -------------------------------------------------------------------------


async def test_kill_9_under_load_loses_nothing_that_was_answered(sandbox_factory):
    server = sandbox_factory()
    pollers = await asyncio.gather(*(IpsClient.open(settings(server)) for _ in range(4)))
    control = await IpsClient.open(settings(server))
    submitted: list[str] = []  # handles whose submitJob was answered
    stopped: list[str] = []  # handles whose stopJob was answered
    down = asyncio.Event()
    poll_errors: list[BaseException] = []

    async def poll(client: IpsClient) -> None:
        while not down.is_set():
            try:
                await client.active_jobs()
            except errors.IpsConnectionError as exc:
                poll_errors.append(exc)
            await asyncio.sleep(0.05)

    async def submit(http: httpx.AsyncClient) -> None:
        n = 0
        while not down.is_set():
            n += 1
            try:
                answer = await http.post(server.endpoint, content=submit_body(f"kill9-{n}"),
                                         headers={"Content-Type": "text/xml", "SOAPAction": '"submitJob"'})
            except httpx.HTTPError:
                continue  # not answered: may or may not exist, no promise was made
            if answer.status_code == 200:
                submitted.append(re.search(r"<jobHandle>([^<]+)</jobHandle>", answer.text).group(1))

    try:
        running = [j.job_handle for j in await control.active_jobs() if j.state == ActiveJobState.RUNNING][:3]
        async with httpx.AsyncClient(timeout=5) as http:
            tasks = [asyncio.create_task(poll(c)) for c in pollers] + [asyncio.create_task(submit(http))]
            for handle in running:
                await control.stop_job(handle)
                stopped.append(handle)
            while len(submitted) < 25:
                await asyncio.sleep(0.05)
            await asyncio.to_thread(server.kill)  # kill -9 while the pollers and the submitter are busy
            deadline = asyncio.get_running_loop().time() + 10
            while len(poll_errors) < len(pollers):  # the pollers have met the outage
                assert asyncio.get_running_loop().time() < deadline, poll_errors
                await asyncio.sleep(0.05)
            down.set()
            await asyncio.gather(*tasks)
        assert len(submitted) >= 25 and len(stopped) == len(running) > 0
        await asyncio.to_thread(server.restart)
        active = {j.job_handle: j for j in await control.active_jobs()}
        finished = {log.job_handle: log for log in await control.job_logs()}
        lost = [h for h in submitted if h not in active and h not in finished]
        assert lost == [], f"{len(lost)} answered submissions lost"
        for handle in stopped:  # the stop was answered: the job is stopping or ended cancelled
            assert handle in finished or active[handle].state == ActiveJobState.STOPPING, handle
        deadline = asyncio.get_running_loop().time() + 15
        while any(h not in finished for h in stopped) and asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.3)
            finished = {log.job_handle: log for log in await control.job_logs()}
        assert all(finished[h].outcome.value == "cancelled" for h in stopped)
        for client in pollers:  # the pollers' own clients work again after the restart
            assert await client.active_jobs()
        print(f"kill -9: {len(submitted)} answered submissions and {len(stopped)} stops kept; "
              f"{len(poll_errors)} poll errors while down")
    finally:
        await asyncio.gather(*(c.close() for c in pollers), control.close())
