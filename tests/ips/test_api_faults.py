"""API faults: authentication at start and mid-session, authorization on stop, stop of a finished
job, of a handle that vanished before the confirmation, and a double stop."""

from __future__ import annotations

import asyncio
import json

import pytest

from activejob_tui.ips import errors
from activejob_tui.ips.client import IpsClient
from activejob_tui.model.enums import ActiveJobState
from support.harness import one_line_error, sandbox_cli_args, set_password
from support.harness import sandbox_settings as settings
from support.pty_cli import PtyCli

# demo_password (support/fixtures.py): run_cli's environment holds the demo password and a wide terminal
pytestmark = pytest.mark.usefixtures("demo_password")


async def wait_until(predicate, timeout: float = 15.0):
    deadline = asyncio.get_running_loop().time() + timeout
    while not await predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.2)


def test_authentication_fault_at_start_cli(run_cli, demo_sandbox, isolated_env):
    """See also tests/cli/test_cli.py::test_wrong_password_one_line_no_traceback_no_password."""
    result = run_cli("jobs", *sandbox_cli_args(demo_sandbox), env={**isolated_env, "IPS_PASSWORD": "wrong-pw-1"})
    assert result.returncode == 3
    assert one_line_error(result) == "activejob-tui: Authentication failed: Invalid username/password (IPS code 10001)."


async def test_password_changed_mid_session(sandbox_factory):
    server = sandbox_factory()
    client = await IpsClient.open(settings(server))
    try:
        jobs = await client.active_jobs()
        assert jobs
        set_password(server.db_path, "demo@example.com", "rotated-password")
        with pytest.raises(errors.AuthenticationError) as caught:
            await client.active_jobs()
        assert caught.value.code == 10001
        assert caught.value.message == "Authentication failed: Invalid username/password (IPS code 10001)."
        assert "demo-password" not in caught.value.message
        with pytest.raises(errors.AuthenticationError):
            await client.stop_job(jobs[0].job_handle)  # nothing is done with the old password either
        set_password(server.db_path, "demo@example.com", "demo-password")
        assert await client.active_jobs()  # the same client works again once the password matches
    finally:
        await client.close()


async def test_authorization_fault_on_stop_in_another_company(sandbox_factory):
    server = sandbox_factory()
    demo = await IpsClient.open(settings(server))
    other = await IpsClient.open(settings(server, "other@example.com", "other-password", "Other Company"))
    try:
        running = next(j for j in await demo.active_jobs() if j.state == ActiveJobState.RUNNING)
        # the other company's user, naming the demo company: an authorizationFault
        intruder = await IpsClient.open(settings(server, "other@example.com", "other-password", None,
                                                 company_handle=demo.company_handle))
        try:
            with pytest.raises(errors.AuthorizationError) as caught:
                await intruder.stop_job(running.job_handle)
            assert caught.value.message.startswith("Not allowed to stopJob: User 'other@example.com' is not a member")
            assert caught.value.exit_code == 4
        finally:
            await intruder.close()
        # the other user, in their own company, naming the demo job: refused exactly as a handle that does
        # not exist, so the answer does not reveal that the job exists elsewhere
        with pytest.raises(errors.ApiFault) as refused:
            await other.stop_job(running.job_handle)
        with pytest.raises(errors.ApiFault) as unknown:
            await other.stop_job("j|2||no such job|999")
        assert refused.value.message.replace(running.job_handle, "H") == unknown.value.message.replace(
            "j|2||no such job|999", "H")
        still = {j.job_handle: j for j in await demo.active_jobs()}
        assert still[running.job_handle].state == ActiveJobState.RUNNING
    finally:
        await demo.close()
        await other.close()


def test_authorization_fault_on_stop_cli(run_cli, demo_sandbox, isolated_env):
    env = {**isolated_env, "IPS_PASSWORD": "other-password"}
    args = ["--wsdl", demo_sandbox.wsdl_url_2016, "--user", "other@example.com", "--company-handle", "c|1"]
    result = run_cli("stop", "j|1||anything|1", "--yes", *args, env=env)
    assert result.returncode == 4
    assert "Not allowed to getActiveJobs: User 'other@example.com' is not a member of company 'c|1'" in (
        one_line_error(result)
    )


def test_stop_of_a_finished_job_cli(run_cli, demo_sandbox):
    base = sandbox_cli_args(demo_sandbox)
    logs = json.loads(run_cli("jobs", "--view", "logs", "--format", "json", *base).stdout)
    handle = logs[0]["jobHandle"]
    result = run_cli("stop", handle, "--yes", *base)
    assert result.returncode == 5
    assert f"  {handle}  (not among the active jobs now)" in result.stdout
    assert f"{handle}: already finished (ended " in result.stderr and "nothing to stop" in result.stderr
    assert "gone from the list" not in result.stdout  # a refusal is not followed by a state
    assert "Traceback" not in result.stderr


def test_stop_of_a_handle_that_vanished_before_confirm_cli(sandbox_factory, isolated_env):
    """The job is listed when asked, finishes while the operator reads, then they say yes."""
    server = sandbox_factory()
    base = sandbox_cli_args(server)

    async def running_handle() -> str:
        client = await IpsClient.open(settings(server))
        try:
            return next(j.job_handle for j in await client.active_jobs() if j.state == ActiveJobState.RUNNING)
        finally:
            await client.close()

    handle = asyncio.run(running_handle())
    with PtyCli(["stop", handle, *base], isolated_env) as cli:
        cli.expect("Stop this job? [y/N]")
        assert "Running" in cli.output

        async def vanish() -> None:
            client = await IpsClient.open(settings(server))
            try:
                await client.stop_job(handle)
                await wait_until(lambda: _gone(client, handle))
            finally:
                await client.close()

        asyncio.run(vanish())
        cli.send("y\n")
        code = cli.wait()
    assert code == 5
    assert f"{handle}: already finished (ended " in cli.output and ": cancelled); nothing to stop" in cli.output
    assert "gone from the list" not in cli.output


async def _gone(client: IpsClient, handle: str) -> bool:
    return handle not in {j.job_handle for j in await client.active_jobs()}


def test_stop_of_an_unknown_handle_cli(run_cli, demo_sandbox):
    result = run_cli("stop", "j|1||never-existed|0", "--yes", *sandbox_cli_args(demo_sandbox))
    assert result.returncode == 5
    assert "j|1||never-existed|0: no such job (IPS knows no job with this handle)" in result.stderr


async def test_double_stop(sandbox_factory):
    """A second stop while the first is in progress is accepted and changes nothing; one log is written."""
    server = sandbox_factory()
    client = await IpsClient.open(settings(server))
    try:
        running = next(j for j in await client.active_jobs() if j.state == ActiveJobState.RUNNING)
        await client.stop_job(running.job_handle)
        await client.stop_job(running.job_handle)
        await wait_until(lambda: _gone(client, running.job_handle))
        with pytest.raises(errors.ApiFault) as caught:
            await client.stop_job(running.job_handle)  # a third one, after it finished
        assert "has already finished" in caught.value.message
        logs = [log for log in await client.job_logs() if log.job_handle == running.job_handle]
        assert len(logs) == 1 and logs[0].outcome.value == "cancelled"
    finally:
        await client.close()


def test_double_stop_in_one_command_cli(run_cli, sandbox_factory):
    server = sandbox_factory()
    base = sandbox_cli_args(server)
    jobs = json.loads(run_cli("jobs", "--filter", "state:running", "--format", "json", *base).stdout)
    handle = jobs[0]["jobHandle"]
    result = run_cli("stop", handle, handle, "--yes", *base)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(f"{handle}: stop requested (the server accepted it)") == 2
