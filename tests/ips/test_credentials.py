"""The password never shows: stdout, stderr, the log file, a traceback, --debug output, the SOAP
trace, the process list; an echoing server is masked; a config file others can read is refused."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from activejob_tui.ips import errors
from activejob_tui.ips.client import ClientSettings, IpsClient
from support.harness import rogue_cli_args, rogue_settings, sandbox_cli_args
from support.rogue_server import ODD_PASSWORD as SECRET
from support.rogue_server import Reply, echoing_replies, xml_escape

# demo_password (support/fixtures.py): run_cli's environment holds the demo password and a wide terminal
pytestmark = pytest.mark.usefixtures("demo_password")


def log_text(env: dict[str, str]) -> str:
    files = list(Path(env["XDG_STATE_HOME"]).rglob("*.log"))
    assert files, "no log file in the state dir"
    return "".join(f.read_text(encoding="utf-8", errors="replace") for f in files)


def test_debug_trace_log_file_and_traceback_never_hold_the_password(run_cli, demo_sandbox, isolated_env):
    # a successful --debug run: the SOAP trace is there, masked
    good = run_cli("jobs", "--debug", *sandbox_cli_args(demo_sandbox))
    assert good.returncode == 0, good.stderr
    assert "<ns0:password>********</ns0:password>" in good.stderr or "password>********<" in good.stderr
    assert "demo-password" not in good.stdout + good.stderr + log_text(isolated_env)
    # a failing --debug run: a traceback is printed and logged; still no password
    env = {**isolated_env, "IPS_PASSWORD": SECRET}
    bad = run_cli("jobs", "--debug", *sandbox_cli_args(demo_sandbox), env=env)
    assert bad.returncode == 3
    assert "Traceback (most recent call last)" in bad.stderr
    escaped = xml_escape(SECRET)
    everything = bad.stdout + bad.stderr + log_text(isolated_env)
    assert SECRET not in everything and escaped not in everything


def test_a_server_echoing_the_password_is_masked(run_cli, rogue, isolated_env):
    rogue.answer(echoing_replies(SECRET)["fault"])
    env = {**isolated_env, "IPS_PASSWORD": SECRET}
    for extra in ([], ["--debug"]):
        result = run_cli("jobs", *extra, *rogue_cli_args(rogue), env=env)
        assert result.returncode == 3
        assert "Authentication failed: Invalid password '********' (IPS code 10001)." in result.stderr
        assert SECRET not in result.stdout + result.stderr + log_text(isolated_env)


async def test_a_server_echoing_the_password_in_html_or_garbage_is_masked(rogue):
    client = await IpsClient.open(rogue_settings(rogue, password=SECRET))
    try:
        for case in ("html", "garbage"):
            rogue.answer(echoing_replies(SECRET)[case])
            with pytest.raises(errors.IpsError) as caught:
                await client.active_jobs()
            assert SECRET not in str(caught.value) and "********" in caught.value.message
    finally:
        await client.close()


def test_settings_repr_hides_the_password():
    settings = ClientSettings(wsdl="x", user="u", password=SECRET)
    assert SECRET not in repr(settings) and SECRET not in str(settings)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
def test_the_password_is_not_in_the_process_list(rogue, isolated_env):
    """IPS_PASSWORD travels in the environment, never argv: ``ps`` of the running CLI does not show it."""
    rogue.answer(Reply(hang=True))
    env = {**isolated_env, "IPS_PASSWORD": SECRET}
    proc = subprocess.Popen([sys.executable, "-m", "activejob_tui", "jobs", *rogue_cli_args(rogue)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while not rogue.requests and time.monotonic() < deadline:  # the CLI is connected and waiting
            time.sleep(0.05)
        assert rogue.requests, "the CLI never sent its request"
        ps = subprocess.run(["ps", "-ww", "-eo", "pid,args"], capture_output=True, text=True, timeout=10).stdout
        assert str(proc.pid) in ps
        assert SECRET not in ps
        cmdline = Path(f"/proc/{proc.pid}/cmdline").read_bytes().decode("utf-8", "replace")
        assert "activejob_tui" in cmdline and SECRET not in cmdline
    finally:
        proc.kill()
        proc.communicate(timeout=10)


@pytest.mark.parametrize("mode", [0o640, 0o604])
def test_config_file_with_password_readable_by_others_is_refused(run_cli, isolated_env, tmp_path, mode):
    """See also tests/cli/test_cli.py::test_config_file_with_password_readable_by_others_is_refused."""
    config = tmp_path / "config.toml"
    config.write_text(f'default_profile = "x"\n[profiles.x]\nwsdl = "/nowhere.wsdl"\nuser = "u"\n'
                      f'password = "{SECRET}"\n')
    config.chmod(mode)
    env = {k: v for k, v in isolated_env.items() if k != "IPS_PASSWORD"}
    result = run_cli("jobs", env=env)
    assert result.returncode == 2
    assert f"holds a password but others can read it; run: chmod 600 {config}" in result.stderr
    assert SECRET not in result.stdout + result.stderr


def test_config_file_with_password_private_is_used(run_cli, demo_sandbox, isolated_env, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text(f'default_profile = "x"\n[profiles.x]\nwsdl = "{demo_sandbox.wsdl_url_2016}"\n'
                      'user = "demo@example.com"\ncompany = "Demo Company"\npassword = "demo-password"\n')
    config.chmod(0o600)
    env = {k: v for k, v in isolated_env.items() if k != "IPS_PASSWORD"}
    result = run_cli("jobs", "--format", "json", env=env)
    assert result.returncode == 0, result.stderr
    assert "demo-password" not in result.stdout + result.stderr
