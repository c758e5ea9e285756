"""The headless CLI as a user runs it: real processes against a real sandbox."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys

import pytest

from activejob_tui.model.jobs import SUB_JOB_TYPES
from prerequisites import unavailable


def connect_args(sandbox, shared_wsdl_path) -> list[str]:
    return [
        "--wsdl", str(shared_wsdl_path),
        "--endpoint", sandbox.endpoint,
        "--user", "demo@example.com",
        "--company", "Demo Company",
    ]


@pytest.fixture
def with_password(isolated_env):
    return {**isolated_env, "IPS_PASSWORD": "demo-password"}


def test_help_lists_commands_and_exit_codes(run_cli):
    result = run_cli("--help")
    assert result.returncode == 0
    for word in ("jobs", "logs", "stop", "pause", "resume", "sandbox", "exit codes", "IPS_PASSWORD"):
        assert word in result.stdout
    for command in ("jobs", "logs", "stop", "sandbox"):
        assert run_cli(command, "--help").returncode == 0


def test_version(run_cli):
    result = run_cli("--version")
    assert result.returncode == 0 and "activejob-tui" in result.stdout


def test_embedded_default_lists_all_types_and_stops_its_sandbox(run_cli):
    result = run_cli("jobs", "--format", "json", timeout=90)
    assert result.returncode == 0, result.stderr
    assert "embedded sandbox" in result.stderr
    jobs = json.loads(result.stdout)
    elements = {key for job in jobs for key in job if key in SUB_JOB_TYPES}
    assert elements == set(SUB_JOB_TYPES)
    first = jobs[0]
    for key in ("jobHandle", "name", "state", "type", "startDate"):
        assert key in first
    assert "+" in first["startDate"] or first["startDate"].endswith("Z") or "-" in first["startDate"][19:]
    endpoint = result.stderr.split("embedded sandbox at ")[1].split()[0]
    port = int(endpoint.split(":")[2].split("/")[0])
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0, "the embedded sandbox outlived the command"


def test_views_filter_and_formats_against_a_separate_sandbox(run_cli, sandbox, shared_wsdl_path, with_password):
    base = connect_args(sandbox, shared_wsdl_path)
    for view in ("active", "scheduled", "logs"):
        result = run_cli("jobs", "--view", view, *base, env=with_password)
        assert result.returncode == 0, result.stderr
        assert "HANDLE" in result.stdout.splitlines()[0]
        assert len(result.stdout.splitlines()) > 1
    running = run_cli("jobs", "--filter", "state:running", "--format", "json", *base, env=with_password)
    states = {job["state"] for job in json.loads(running.stdout)}
    assert states == {"Running"}
    csv_out = run_cli("jobs", "--view", "scheduled", "--format", "csv", *base, env=with_password)
    assert csv_out.stdout.splitlines()[0].startswith("triggerState,name,type")
    assert "Paused" in csv_out.stdout


def test_view_finished_is_the_job_logs_view(run_cli, sandbox, shared_wsdl_path, with_password):
    """The console calls the job logs (getJobLogs) "Finished": ``--view finished`` is ``--view logs``."""
    base = connect_args(sandbox, shared_wsdl_path)
    logs = run_cli("jobs", "--view", "logs", *base, env=with_password)
    finished = run_cli("jobs", "--view", "finished", *base, env=with_password)
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.splitlines()[0] == logs.stdout.splitlines()[0]  # the job-log columns: OUTCOME, LOG TYPE…
    assert "OUTCOME" in finished.stdout.splitlines()[0] and len(finished.stdout.splitlines()) > 1
    usage = run_cli("jobs", "--help")
    assert "{active,scheduled,logs,finished}" in usage.stdout and "getJobLogs" in usage.stdout
    wrong = run_cli("jobs", "--view", "done", *base, env=with_password)
    assert wrong.returncode == 2 and "'finished'" in wrong.stderr


def test_bad_filter_points_at_the_term(run_cli, sandbox, shared_wsdl_path, with_password):
    result = run_cli("jobs", "--filter", "state:running nosuchfield:x", *connect_args(sandbox, shared_wsdl_path), env=with_password)
    assert result.returncode == 2
    assert "nosuchfield" in result.stderr and "Traceback" not in result.stderr


def test_logs_command_pages_through_details(run_cli, sandbox, shared_wsdl_path, with_password):
    base = connect_args(sandbox, shared_wsdl_path)
    logs = json.loads(run_cli("jobs", "--view", "logs", "--format", "json", *base, env=with_password).stdout)
    handle = max(logs, key=lambda log: log["totalFileCount"] or 0)["jobHandle"]
    wsdl16 = ["--wsdl", sandbox.wsdl_url_2016, "--user", "demo@example.com", "--company", "Demo Company"]
    every = run_cli("logs", handle, "--format", "json", *wsdl16, env=with_password)
    assert every.returncode == 0, every.stderr
    lines = json.loads(every.stdout)
    assert len(lines) > 1000  # more than one page of getJobLogDetails
    worse = json.loads(run_cli("logs", handle, "--severity", "warning", "--format", "json", *wsdl16, env=with_password).stdout)
    assert 0 < len(worse) < len(lines)
    assert all(line["logType"].endswith(("Warning", "Error", "Failure")) for line in worse)


def test_stop_with_yes_stops_a_running_job(run_cli, fresh_sandbox, shared_wsdl_path, with_password):
    base = connect_args(fresh_sandbox, shared_wsdl_path)
    jobs = json.loads(run_cli("jobs", "--filter", "state:running", "--format", "json", *base, env=with_password).stdout)
    handle = jobs[0]["jobHandle"]
    result = run_cli("stop", handle, "--yes", *base, env=with_password)
    assert result.returncode == 0, result.stderr
    assert "stop requested" in result.stdout
    assert "now Stopping" in result.stdout or ("now ended" in result.stdout and "cancelled" in result.stdout)


def test_stop_refuses_without_confirmation_or_in_readonly(run_cli, sandbox, shared_wsdl_path, with_password):
    base = connect_args(sandbox, shared_wsdl_path)
    result = run_cli("stop", "j|whatever", *base, env=with_password)
    assert result.returncode == 2 and "--yes" in result.stderr
    readonly = run_cli("stop", "j|whatever", "--yes", "--readonly", *base, env=with_password)
    assert readonly.returncode == 2 and "Read-only" in readonly.stderr


def test_wrong_password_one_line_no_traceback_no_password(run_cli, sandbox, shared_wsdl_path, isolated_env):
    env = {**isolated_env, "IPS_PASSWORD": "Hunter2-wrong"}
    result = run_cli("jobs", *connect_args(sandbox, shared_wsdl_path), env=env)
    assert result.returncode == 3
    assert result.stderr.strip().count("\n") == 0
    assert "uthentication failed" in result.stderr
    assert "Hunter2-wrong" not in result.stderr + result.stdout
    debug = run_cli("jobs", "--debug", *connect_args(sandbox, shared_wsdl_path), env=env)
    assert debug.returncode == 3
    assert "Hunter2-wrong" not in debug.stderr + debug.stdout
    assert "getActiveJobs" in debug.stderr or "getCompanyMembership" in debug.stderr  # the SOAP trace is there


def test_config_file_with_password_readable_by_others_is_refused(run_cli, isolated_env, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('default_profile = "x"\n[profiles.x]\nwsdl = "/nowhere.wsdl"\nuser = "u"\npassword = "p"\n')
    config.chmod(0o644)
    result = run_cli("jobs")
    assert result.returncode == 2 and "chmod 600" in result.stderr


def test_installed_entry_point_runs():
    exe = shutil.which("activejob-tui")
    if exe is None:
        unavailable("activejob-tui is not on PATH (not installed)")
    result = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0


HOLD_EMBEDDED = """
import asyncio, sys
from activejob_tui.config import Options, resolve
from activejob_tui.session import open_source
import os

async def main():
    source = await open_source(resolve(Options(), os.environ, None), announce=print)
    sys.stdout.flush()
    sys.stdin.readline()
    await source.close()

asyncio.run(main())
"""


def test_a_second_run_reuses_the_running_embedded_sandbox(run_cli, isolated_env):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_EMBEDDED],
        env=isolated_env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        announced = holder.stdout.readline()
        assert "embedded sandbox at " in announced, holder.stderr.read()
        endpoint = announced.split("embedded sandbox at ")[1].split()[0]
        second = run_cli("jobs", "--format", "json", timeout=90)
        assert second.returncode == 0, second.stderr
        assert f"embedded sandbox at {endpoint}" in second.stderr  # the same server, not a second one
    finally:
        holder.communicate("\n", timeout=30)
    third = run_cli("jobs", "--format", "json", timeout=90)
    assert third.returncode == 0
    assert f"embedded sandbox at {endpoint}" not in third.stderr  # the holder stopped its sandbox on close
