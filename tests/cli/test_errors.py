"""Every error message of every subcommand, and its exit code: one table, real processes, a real sandbox.

``{running}``, ``{scheduled}``, ``{finished}`` and ``{nowhere}`` in a row's arguments are filled in
with a handle of that kind from the session sandbox, or a URL on a loopback port nothing listens on.
A row with ``connect=True`` gets the sandbox's connection flags and the demo password.
"""

from __future__ import annotations

import re

import pytest

from .conftest import connect_args, dead_port, stderr_line

NO_SUCH = "j|1||No such job|999999"

# (id, argv, connect, extra environment, exit code, regular expression the stderr line must match)
CASES = [
    # usage errors (argparse), exit 2: the usage and one "error:" line
    ("main-unknown-command", ["frobnicate"], False, {}, 2, r"invalid choice: 'frobnicate'"),
    ("main-bad-request-timeout", ["--request-timeout", "soon", "jobs"], False, {}, 2, r"--request-timeout.*invalid float value: 'soon'"),
    ("jobs-limit-zero", ["jobs", "--limit", "0"], False, {}, 2, r"--limit: must be at least 1, not 0"),
    ("jobs-limit-negative", ["jobs", "--limit", "-1"], False, {}, 2, r"--limit: must be at least 1, not -1"),
    ("jobs-limit-not-a-number", ["jobs", "--limit", "ten"], False, {}, 2, r"--limit: must be a whole number"),
    ("jobs-bad-view", ["jobs", "--view", "done"], False, {}, 2, r"--view: invalid choice: 'done'"),
    ("jobs-bad-format", ["jobs", "-o", "xml"], False, {}, 2, r"invalid choice: 'xml'"),
    ("jobs-empty-columns", ["jobs", "--columns", ","], False, {}, 2, r"give at least one column"),
    ("logs-no-handle", ["logs"], False, {}, 2, r"the following arguments are required: JOB_HANDLE"),
    ("logs-bad-severity", ["logs", "h", "--severity", "fatal"], False, {}, 2, r"--severity: invalid choice"),
    ("wait-no-handle", ["wait"], False, {}, 2, r"the following arguments are required: HANDLE"),
    ("wait-bad-timeout", ["wait", "h", "--timeout", "soon"], False, {}, 2, r"must be a duration like 90s, 10m or 1h30m"),
    ("wait-zero-timeout", ["wait", "h", "--timeout", "0s"], False, {}, 2, r"must be longer than zero"),
    *((f"{verb}-no-handle", [verb], False, {}, 2, r"the following arguments are required: HANDLE")
      for verb in ("stop", "pause", "resume", "execute", "delete")),
    ("completion-bad-shell", ["completion", "powershell"], False, {}, 2, r"invalid choice: 'powershell'"),
    # checked before connecting, exit 2: one line
    ("main-bad-interval", ["--interval", "0", "jobs"], False, {}, 2, r"^activejob-tui: The poll interval must be a positive number of seconds, not 0"),
    ("wait-bad-interval", ["wait", "h", "--interval", "-1"], False, {}, 2, r"^activejob-tui: The poll interval must be a positive number of seconds, not -1"),
    ("jobs-bad-request-timeout", ["jobs", "--timeout", "nan", "--wsdl", "x.wsdl", "--user", "u"], False, {}, 2,
     r"^activejob-tui: The timeout must be a positive number of seconds, not nan"),
    ("jobs-bad-filter", ["jobs", "--filter", "nosuchfield:x"], True, {}, 2, r"^activejob-tui: Bad filter: .*nosuchfield"),
    ("jobs-filter-field-not-in-view", ["jobs", "--view", "logs", "--filter", "progress>5"], True, {}, 2,
     r"^activejob-tui: Bad filter: job logs have no field progress\.$"),
    ("jobs-negated-filter-fields-not-in-view", ["jobs", "--view", "scheduled", "--filter", "!progress>5 serverName:a"],
     True, {}, 2, r"^activejob-tui: Bad filter: scheduled jobs have no fields progress, serverName\.$"),
    ("jobs-sort-not-sortable", ["jobs", "--sort", "taskProgressArray"], True, {}, 2,
     r"^activejob-tui: Bad --sort: cannot sort active jobs by 'taskProgressArray'; sortable fields: (?!.*taskProgressArray)"),
    ("jobs-sort-unknown", ["jobs", "--view", "logs", "--sort", "progress"], True, {}, 2,
     r"^activejob-tui: Bad --sort: cannot sort job logs by 'progress'; sortable fields: .*startDate"),
    ("jobs-sort-direction", ["jobs", "--sort", "name:up"], True, {}, 2, r"^activejob-tui: Bad --sort: the direction is asc or desc"),
    ("jobs-unknown-column", ["jobs", "--columns", "jobHandle,colour"], True, {}, 2,
     r"^activejob-tui: Bad --columns: no column 'colour' for active jobs; columns: .*jobHandle"),
    ("logs-unknown-column", ["logs", "{finished}", "-o", "csv", "--columns", "progress"], True, {}, 2,
     r"^activejob-tui: Bad --columns: no column 'progress' for log details"),
    *((f"{verb}-needs-yes", [verb, "{scheduled}"], True, {}, 2, r"^activejob-tui: Refusing to act without confirmation.*add --yes")
      for verb in ("stop", "pause", "resume", "execute", "delete")),
    *((f"{verb}-readonly", [verb, "{scheduled}", "--yes", "--readonly"], True, {}, 2,
       rf"^activejob-tui: Read-only mode: {verb} is disabled") for verb in ("stop", "pause", "resume", "execute", "delete")),
    ("config-no-user", ["jobs", "--wsdl", "{nowhere}"], False, {}, 2, r"^activejob-tui: A WSDL is configured but no user"),
    ("config-no-password", ["jobs", "--wsdl", "{nowhere}", "--user", "u"], False, {"IPS_PASSWORD": ""}, 2,
     r"^activejob-tui: No password: set IPS_PASSWORD"),
    ("config-named-file-missing", ["jobs"], False, {"ACTIVEJOB_TUI_CONFIG": "/nonexistent/x.toml"}, 2,
     r"^activejob-tui: The config file /nonexistent/x.toml does not exist \(ACTIVEJOB_TUI_CONFIG names it\)"),
    ("config-no-such-profile", ["jobs", "--profile", "emea"], False, {}, 2, r"^activejob-tui: No profile 'emea'"),
    ("config-missing-wsdl-file", ["jobs", "--wsdl", "/nowhere/IpsApi.wsdl", "--user", "u"], False,
     {"IPS_PASSWORD": "p"}, 2, r"^activejob-tui: The WSDL file /nowhere/IpsApi.wsdl does not exist"),
    # the server
    ("jobs-unreachable", ["jobs", "--wsdl", "{nowhere}", "--user", "u"], False, {"IPS_PASSWORD": "p"}, 6,
     r"^activejob-tui: Cannot connect to 127\.0\.0\.1:\d+: connection refused"),
    ("jobs-wrong-password", ["jobs"], True, {"IPS_PASSWORD": "wrong"}, 3, r"^activejob-tui: Authentication failed"),
    ("logs-no-such-job", ["logs", NO_SUCH], True, {}, 5, r"^activejob-tui: getJobLogDetails failed: .*no such job"),
    ("logs-follow-no-such-job", ["logs", "-f", NO_SUCH], True, {}, 5, r"^activejob-tui: getJobLogDetails failed: .*no such job"),
    ("wait-no-such-job", ["wait", NO_SUCH], True, {}, 5, r"^activejob-tui: No such job j\|1\|\|No such job\|999999"),
    ("wait-scheduled-job", ["wait", "{scheduled}"], True, {}, 2, r"^activejob-tui: .* is a scheduled job: run it with execute"),
    # proxies from the environment
    ("jobs-proxy-bad-scheme", ["jobs"], True, {"ALL_PROXY": "ftp://proxy.invalid:21"}, 8,
     r"^activejob-tui: ALL_PROXY=ftp://proxy.invalid:21 is not a proxy this client can use.*unset ALL_PROXY"),
    ("jobs-proxy-dead", ["jobs"], True, {"HTTP_PROXY": "socks5://127.0.0.1:{port}"}, 8,
     r"^activejob-tui: The proxy in HTTP_PROXY \(socks5://127\.0\.0\.1:\d+\) cannot be reached: .*nothing was sent to "
     r"127\.0\.0\.1\. .*unset HTTP_PROXY"),
]

# stderr lines for refusals of job controls (the command goes on with the other handles), exit 5
REFUSALS = [
    ("stop-no-such-job", "stop", NO_SUCH, r": no such job \(IPS knows no job with this handle\)$"),
    ("stop-finished", "stop", "{finished}", r": already finished \(ended .*: \w+\); nothing to stop$"),
    ("stop-scheduled", "stop", "{scheduled}", r": refused: it is a scheduled job, not a running one \(use pause or delete\)$"),
    ("pause-running", "pause", "{running}", r": refused: it is running, not scheduled \(use stop\)$"),
    ("resume-no-such-job", "resume", NO_SUCH, r": no such job"),
    ("execute-finished", "execute", "{finished}", r": already finished .*nothing to execute$"),
    ("delete-no-such-job", "delete", NO_SUCH, r": no such job"),
]


def _fill(values: list[str], handles: dict[str, str], nowhere: str, port: int) -> list[str]:
    return [v.format(nowhere=nowhere, port=port, **handles) if "{" in v else v for v in values]


@pytest.mark.parametrize(("argv", "connect", "env", "code", "pattern"),
                         [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_error_message_and_exit_code(run_cli, sandbox, handles, with_password, argv, connect, env, code, pattern):
    port = dead_port()
    nowhere = f"http://127.0.0.1:{port}/IpsApi.wsdl"
    args = _fill(argv, handles, nowhere, port) + (connect_args(sandbox) if connect else [])
    environment = {**with_password, **{k: v.format(port=port) for k, v in env.items()}}
    result = run_cli(*args, env=environment)
    assert result.returncode == code, (result.stdout, result.stderr)
    if code == 2 and not pattern.startswith("^"):  # argparse: usage lines, then "prog: error: …"
        assert "Traceback" not in result.stderr
        error = result.stderr.strip().splitlines()[-1]
        assert ": error: " in error, result.stderr
    else:
        error = stderr_line(result)
    assert re.search(pattern, error), error
    assert "demo-password" not in result.stdout + result.stderr


@pytest.mark.parametrize(("verb", "handle", "pattern"), [case[1:] for case in REFUSALS], ids=[c[0] for c in REFUSALS])
def test_control_refusals_say_exactly_what_happened(run_cli, sandbox, handles, with_password, verb, handle, pattern):
    handle = handle.format(**handles)
    result = run_cli(verb, handle, "--yes", *connect_args(sandbox), env=with_password)
    assert result.returncode == 5, (result.stdout, result.stderr)
    line = stderr_line(result)  # an error: one line on stderr, like every other, and not on stdout
    assert line.startswith(f"activejob-tui: {handle}: "), line
    assert re.search(pattern, line), line
    assert f"{handle}:" not in result.stdout, result.stdout
    assert "gone from the list" not in result.stdout and "now " not in line


def test_every_subcommand_has_a_row(run_cli):
    listed = re.findall(r"^    ([a-z]+) {2,}\S", run_cli("--help").stdout, re.MULTILINE)
    assert "jobs" in listed and "wait" in listed, listed
    covered = {case[1][0] for case in CASES} | {case[1] for case in REFUSALS}
    assert set(listed) - {"sandbox"} <= covered, set(listed) - covered


@pytest.mark.parametrize(("verb", "handle", "said"), [
    ("pause", "{paused}", ": already paused; nothing to do"),
    ("resume", "{normal}", ": not paused (its trigger is Normal); nothing to do"),
], ids=["pause-paused", "resume-normal"])
def test_nothing_to_do_is_said_and_not_sent(run_cli, sandbox, handles, with_password, verb, handle, said):
    handle = handle.format(**handles)
    result = run_cli(verb, handle, "--yes", *connect_args(sandbox), env=with_password)
    assert result.returncode == 0, result.stderr
    assert f"{handle}{said}" in result.stdout.splitlines()
    assert "accepted" not in result.stdout
