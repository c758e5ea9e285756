"""Transport faults: down at start, dying mid-session, hanging, HTTP 500 HTML, TLS, redirects."""

from __future__ import annotations

import pytest

from activejob_tui.config_error import ConfigError
from activejob_tui.ips import errors
from activejob_tui.ips.client import IpsClient
from support.harness import dead_port, one_line_error, rogue_cli_args, rogue_settings, sandbox_settings
from support.rogue_server import HTML_500, ONE_JOB, Reply, redirect

# demo_password (support/fixtures.py): run_cli's environment holds the demo password and a wide terminal
pytestmark = pytest.mark.usefixtures("demo_password")


def test_server_down_at_start_cli(run_cli, shared_wsdl_path):
    port = dead_port()
    by_endpoint = run_cli(
        "jobs", "--wsdl", str(shared_wsdl_path), "--endpoint", f"http://127.0.0.1:{port}/scene7/services/IpsApiService",
        "--user", "demo@example.com", "--company", "Demo Company",
    )
    assert by_endpoint.returncode == 6
    line = one_line_error(by_endpoint)
    assert f"Cannot connect to 127.0.0.1:{port}: connection refused" in line
    by_wsdl_url = run_cli("jobs", "--wsdl", f"http://127.0.0.1:{port}/wsdl", "--user", "demo@example.com")
    assert by_wsdl_url.returncode == 6
    assert f"127.0.0.1:{port}" in one_line_error(by_wsdl_url)


async def test_server_dies_mid_session_and_the_same_client_recovers(sandbox_factory):
    server = sandbox_factory()
    client = await IpsClient.open(sandbox_settings(server))
    try:
        before = await client.active_jobs()
        assert before
        server.kill()  # kill -9
        with pytest.raises(errors.IpsConnectionError) as caught:
            await client.active_jobs()
        assert f"127.0.0.1:{server.port}" in caught.value.message
        server.restart()  # same port, same database
        after = await client.active_jobs()
        assert {j.job_handle for j in before} <= {j.job_handle for j in after} | {
            log.job_handle for log in await client.job_logs()
        }
    finally:
        await client.close()


def test_server_drops_the_connection_mid_command_cli(run_cli, rogue):
    rogue.answer(Reply(200, ONE_JOB), "getActiveJobs")
    rogue.answer(Reply(drop=True), "stopJob")
    result = run_cli("stop", "j|1||a|1", "--yes", *rogue_cli_args(rogue))
    assert result.returncode == 6
    assert "j|1||a|1: failed, it may or may not have been done: " in result.stderr
    assert "closed the connection before answering" in result.stderr
    assert "j|1||a|1: now Running" in result.stdout  # the next poll still works and says what it saw
    assert "Traceback" not in result.stderr


async def test_hang_past_the_timeout(rogue):
    rogue.answer(Reply(hang=True))
    client = await IpsClient.open(rogue_settings(rogue, timeout=1.0))
    try:
        with pytest.raises(errors.Timeout) as caught:
            await client.active_jobs()
        assert caught.value.message == f"127.0.0.1:{rogue.port} did not answer within 1 s."
        rogue.answer(Reply(200, ONE_JOB))
        assert [j.name for j in await client.active_jobs()] == ["alpha"]  # and carries on
    finally:
        await client.close()


def test_hang_past_the_timeout_cli(run_cli, rogue):
    rogue.answer(Reply(hang=True))
    result = run_cli("jobs", *rogue_cli_args(rogue), "--timeout", "1")
    assert result.returncode == 6
    assert one_line_error(result) == f"activejob-tui: 127.0.0.1:{rogue.port} did not answer within 1 s."


def test_chaos_slow_sandbox_times_out_cli(run_cli, sandbox_factory, shared_wsdl_path):
    server = sandbox_factory(chaos=["slow=1.0:1.6"])
    result = run_cli("jobs", "--wsdl", str(shared_wsdl_path), "--endpoint", server.endpoint,
                     "--user", "demo@example.com", "--company-handle", "c|1", "--timeout", "1")
    assert result.returncode == 6
    assert "did not answer within 1 s" in one_line_error(result)


def test_http_500_with_html_cli(run_cli, rogue):
    rogue.answer(HTML_500)
    result = run_cli("jobs", *rogue_cli_args(rogue))
    assert result.returncode == 7
    assert one_line_error(result) == (
        "activejob-tui: The server answered getActiveJobs with HTTP 500 and an HTML page ('502 Proxy Error')."
    )


def test_chaos_http500_sandbox_cli(run_cli, sandbox_factory, shared_wsdl_path):
    server = sandbox_factory(chaos=["http500=1.0"])
    result = run_cli("jobs", "--wsdl", str(shared_wsdl_path), "--endpoint", server.endpoint,
                     "--user", "demo@example.com", "--company-handle", "c|1")
    assert result.returncode == 7
    assert "HTTP 500 and an HTML page ('Apache Tomcat - Error report')" in one_line_error(result)


def test_tls_self_signed_is_refused_by_default(run_cli, tls_rogue):
    tls_rogue.answer(Reply(200, ONE_JOB))
    result = run_cli("jobs", *rogue_cli_args(tls_rogue))
    assert result.returncode == 6
    assert one_line_error(result) == (
        f"activejob-tui: The TLS certificate of 127.0.0.1:{tls_rogue.port} could not be verified; "
        "if you trust this server, use --insecure."
    )
    assert not tls_rogue.requests  # nothing (and no password) was sent


def test_tls_self_signed_endpoint_is_refused_before_sending(run_cli, tls_rogue, shared_wsdl_path):
    tls_rogue.answer(Reply(200, ONE_JOB))
    result = run_cli("jobs", "--wsdl", str(shared_wsdl_path), "--endpoint", tls_rogue.endpoint,
                     "--user", "demo@example.com", "--company-handle", "c|1")
    assert result.returncode == 6
    assert "could not be verified; if you trust this server, use --insecure." in one_line_error(result)
    assert not tls_rogue.requests


def test_tls_insecure_works_with_a_warning(run_cli, tls_rogue):
    tls_rogue.answer(Reply(200, ONE_JOB))
    result = run_cli("jobs", "--insecure", "--format", "json", *rogue_cli_args(tls_rogue))
    assert result.returncode == 0, result.stderr
    assert "warning: TLS certificate verification is off (--insecure)." in result.stderr
    assert '"name": "alpha"' in result.stdout


@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_endpoint_redirect_is_not_followed(run_cli, rogue, status):
    """A POST carrying the password is never re-sent to wherever a redirect points."""
    rogue.answer(redirect(status, rogue.base_url + "/elsewhere"))
    rogue.extra_routes["/elsewhere"] = Reply(200, ONE_JOB)
    result = run_cli("jobs", *rogue_cli_args(rogue))
    assert result.returncode == 7
    assert one_line_error(result) == (
        f"activejob-tui: The server redirected getActiveJobs (HTTP {status}); point --endpoint at the final address."
    )
    assert len(rogue.requests) == 1


def test_wsdl_redirect_is_followed(run_cli, rogue):
    """Fetching the WSDL (a GET without credentials) follows redirects, like a browser."""
    rogue.extra_routes["/old.wsdl"] = redirect(302, rogue.wsdl_url)
    rogue.answer(Reply(200, ONE_JOB))
    args = rogue_cli_args(rogue)
    args[1] = rogue.base_url + "/old.wsdl"
    result = run_cli("jobs", *args)
    assert result.returncode == 0, result.stderr
    assert "alpha" in result.stdout


# --- connection settings that cannot work: a config error (exit 2), never a traceback ---------------


@pytest.mark.parametrize("value", [-1.0, 0.0, float("inf"), float("nan"), "soon"])
def test_a_timeout_that_is_not_a_positive_number_is_refused(value, tmp_path):
    from activejob_tui.config import Options, resolve

    env = {"ACTIVEJOB_TUI_CONFIG": "/dev/null", "IPS_PASSWORD": "pw"}
    with pytest.raises(ConfigError) as caught:
        resolve(Options(wsdl="x.wsdl", user="u", timeout=value), env, None)
    assert caught.value.message.startswith("The timeout must be a positive number of seconds")


@pytest.mark.parametrize("endpoint", ["htp:/x", "http://[::1", "/relative/path", "http://"])
async def test_an_endpoint_that_is_not_an_http_url_is_refused(rogue, endpoint):
    with pytest.raises(ConfigError) as caught:
        await IpsClient.open(rogue_settings(rogue, endpoint=endpoint))
    assert caught.value.message == f"The SOAP endpoint {endpoint!r} is not an absolute http(s) URL."


async def test_a_wsdl_url_answering_404_is_a_clear_error(rogue):
    with pytest.raises(ConfigError) as caught:
        await IpsClient.open(rogue_settings(rogue, wsdl=rogue.base_url + "/missing.wsdl"))
    assert caught.value.message == f"The WSDL {rogue.base_url}/missing.wsdl could not be fetched: HTTP 404."
