"""No ordinary thing ends in a traceback: a reader that goes away (``| head``), a proxy from the
environment that cannot be used, and the last net for anything unexpected."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from .conftest import connect_args, dead_port, stderr_line

# every subcommand with arguments that make it write to stdout; "{x}" is filled from the fixture `handles`
WRITERS = {
    "help": ["--help"],
    "version": ["--version"],
    "jobs": ["jobs", "{connect}"],
    "jobs-json": ["jobs", "--format", "json", "{connect}"],
    "jobs-watch": ["jobs", "--watch", "-o", "jsonl", "{connect}"],
    "logs": ["logs", "{finished}", "{connect}"],
    "logs-follow": ["logs", "-f", "{finished}", "{connect}"],
    "wait": ["wait", "{finished}", "{connect}"],
    "stop": ["stop", "{finished}", "--yes", "{connect}"],
    "pause": ["pause", "{finished}", "--yes", "{connect}"],
    "resume": ["resume", "{finished}", "--yes", "{connect}"],
    "execute": ["execute", "{finished}", "--yes", "{connect}"],
    "delete": ["delete", "{finished}", "--yes", "{connect}"],
    "completion": ["completion", "bash"],
}


def _argv(template: list[str], sandbox, handles) -> list[str]:
    out: list[str] = []
    for item in template:
        if item == "{connect}":
            out += connect_args(sandbox)
        else:
            out.append(item.format(**handles))
    return out


def run_into_closed_pipe(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run the CLI with stdout a pipe whose reader is already gone: every write fails (EPIPE)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run([sys.executable, "-m", "activejob_tui", *args], stdout=write_end,
                              stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env, text=True, timeout=90)
    finally:
        os.close(write_end)


@pytest.mark.parametrize("name", list(WRITERS))
def test_a_reader_that_goes_away_ends_the_command_quietly(name, sandbox, handles, with_password):
    result = run_into_closed_pipe(_argv(WRITERS[name], sandbox, handles), with_password)
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr, result.stderr
    assert "Exception ignored" not in result.stderr, result.stderr
    assert result.stderr.strip() == "", result.stderr
    assert result.returncode in (0, 141), result.returncode


def test_head_on_a_long_log_exits_quietly_and_the_embedded_sandbox_stops(isolated_env):
    """The issue's own words: ``activejob-tui logs HANDLE | head -3`` on the embedded default."""
    shell = (f"{sys.executable} -m activejob_tui jobs --view logs --format csv --columns jobHandle,totalFileCount "
             "--no-headers --sort totalFileCount:desc --limit 1")
    handle = subprocess.run(["sh", "-c", shell], env=isolated_env, capture_output=True, text=True, timeout=90)
    assert handle.returncode == 0, handle.stderr
    job = handle.stdout.split(",")[0].strip('"')
    piped = subprocess.run(["bash", "-c", f'{sys.executable} -m activejob_tui logs "$0" | head -3; '
                            'echo "status=${PIPESTATUS[0]}" >&2', job],
                           env=isolated_env, capture_output=True, text=True, timeout=90)
    assert len(piped.stdout.splitlines()) == 3
    assert "Traceback" not in piped.stderr and "BrokenPipe" not in piped.stderr, piped.stderr
    assert "status=141" in piped.stderr or "status=0" in piped.stderr, piped.stderr
    endpoint = piped.stderr.split("embedded sandbox at ")[1].split()[0]
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", int(endpoint.split(":")[2].split("/")[0]))) != 0


CONNECTING = [name for name, argv in WRITERS.items() if "{connect}" in argv]


@pytest.mark.parametrize("name", CONNECTING)
@pytest.mark.parametrize("variable", ["ALL_PROXY", "http_proxy"])
def test_an_unusable_proxy_is_one_line_naming_the_variable(name, variable, run_cli, sandbox, handles, with_password):
    port = dead_port()
    env = {**with_password, variable: f"socks5://127.0.0.1:{port}"}
    result = run_cli(*_argv(WRITERS[name], sandbox, handles), env=env)
    assert result.returncode == 8, (result.stdout, result.stderr)
    line = stderr_line(result)
    assert variable in line and f"socks5://127.0.0.1:{port}" in line and f"unset {variable}" in line, line


@pytest.mark.parametrize("name", CONNECTING)
def test_a_proxy_of_an_unknown_kind_is_refused_before_connecting(name, run_cli, sandbox, handles, with_password):
    env = {**with_password, "ALL_PROXY": "gopher://proxy.invalid:70"}
    result = run_cli(*_argv(WRITERS[name], sandbox, handles), env=env)
    assert result.returncode == 8
    assert "ALL_PROXY=gopher://proxy.invalid:70 is not a proxy this client can use" in stderr_line(result)


def test_the_embedded_default_works_with_a_proxy_in_the_environment(run_cli, isolated_env):
    port = dead_port()
    env = {**isolated_env, "ALL_PROXY": f"socks5://127.0.0.1:{port}", "HTTP_PROXY": f"http://127.0.0.1:{port}",
           "NO_PROXY": "example.com"}
    result = run_cli("jobs", "--format", "jsonl", env=env, timeout=90)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") >= 5


def test_a_proxy_for_https_only_is_not_in_the_way_of_plain_http(run_cli, sandbox, with_password):
    env = {**with_password, "HTTPS_PROXY": f"socks5://127.0.0.1:{dead_port()}"}
    assert run_cli("jobs", *connect_args(sandbox), env=env).returncode == 0


def test_with_a_proxy_and_no_proxy_for_the_host_the_request_goes_direct(run_cli, sandbox, with_password):
    env = {**with_password, "ALL_PROXY": f"socks5://127.0.0.1:{dead_port()}", "NO_PROXY": "localhost,127.0.0.1"}
    result = run_cli("jobs", *connect_args(sandbox), env=env)
    assert result.returncode == 0, result.stderr


UNEXPECTED = """
import sys
from activejob_tui.cli import entry, subcommands

async def broken(args, resolved):
    raise RuntimeError("a bug nobody foresaw")

subcommands.run_subcommand = broken   # the one way to make a real run meet a bug: put one in
sys.exit(entry.main(sys.argv[1:]))
"""


@pytest.mark.parametrize("debug", [False, True])
def test_an_unexpected_error_is_one_line_unless_debug(debug, isolated_env):
    args = ["jobs", "--wsdl", "/nowhere.wsdl", "--user", "u", *(["--debug"] if debug else [])]
    env = {**isolated_env, "IPS_PASSWORD": "p"}
    result = subprocess.run([sys.executable, "-c", UNEXPECTED, *args], env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last == "activejob-tui: unexpected error: RuntimeError: a bug nobody foresaw (run with --debug for details)"
    assert ("Traceback" in result.stderr) is debug
