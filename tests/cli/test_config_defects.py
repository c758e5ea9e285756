"""Configuration mistakes a script can make, seen as a user sees them: one line on stderr, exit 2,
and nothing done — never demo data from the embedded sandbox, never a traceback."""

from __future__ import annotations

import pytest

from .conftest import stderr_line

ENDPOINT = "https://host/scene7/services/IpsApiService"


@pytest.mark.parametrize(("argv", "variables", "named"), [
    (["--user", "ops@example.com", "--company", "Other Co", "--endpoint", ENDPOINT, "jobs", "--limit", "1"], {},
     "(--endpoint, --user, --company)"),
    (["jobs"], {"IPS_WSDL": "", "IPS_USER": "ops@example.com"}, "IPS_WSDL is empty"),
    (["--wsdl", "", "jobs"], {}, "--wsdl is empty"),
    (["stop", "j|1||Nightly publish|42", "--yes"], {"IPS_PASSWORD": "pw"}, "(IPS_PASSWORD)"),
    (["--user", "ops@example.com"], {}, "(--user)"),  # the console: the error before any screen opens
], ids=["flags", "empty-env-wsdl", "empty-flag", "stop-with-password", "console"])
def test_connection_settings_without_a_wsdl_never_reach_the_demo(run_cli, isolated_env, argv, variables, named):
    result = run_cli(*argv, env={**isolated_env, **variables}, timeout=30)
    assert result.returncode == 2, (result.stdout, result.stderr)
    line = stderr_line(result)
    assert named in line and "--wsdl" in line, line
    assert "sandbox at" not in result.stderr and result.stdout == "", (result.stdout, result.stderr)


@pytest.mark.parametrize("timeout", ["0", "-1"])
def test_a_bad_request_timeout_is_refused_with_the_embedded_demo_too(run_cli, isolated_env, timeout):
    result = run_cli("--request-timeout", timeout, "jobs", env=isolated_env, timeout=30)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert stderr_line(result) == f"activejob-tui: The timeout must be a positive number of seconds, not {float(timeout)!r}."
    assert result.stdout == ""


@pytest.mark.parametrize("argv", [
    ["--interval", "0.001", "jobs", "--watch", "-o", "jsonl"],
    ["wait", "j|1||Nightly publish|42", "--interval", "0.1"],
    ["logs", "-f", "j|1||Nightly publish|42", "--interval", "0.2"],
    ["--interval", "0.3"],  # the console
], ids=["watch", "wait", "logs-follow", "console"])
def test_a_poll_interval_below_half_a_second_is_refused(run_cli, isolated_env, argv):
    result = run_cli(*argv, env=isolated_env, timeout=30)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "The poll interval must be at least 0.5 seconds, not " in stderr_line(result)
    assert result.stdout == ""


def test_a_wsdl_url_with_an_unsupported_scheme_is_named_as_such(run_cli, isolated_env):
    result = run_cli("--wsdl", "ftp://x/y", "--user", "u", "jobs", env={**isolated_env, "IPS_PASSWORD": "p"}, timeout=30)
    assert result.returncode == 2, (result.stdout, result.stderr)
    line = stderr_line(result)
    assert "ftp://" in line and "http:// or https://" in line and "does not exist" not in line, line
