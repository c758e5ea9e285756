"""Opening a connection (``session.py``), in the test's own process: the embedded sandbox announced,
recorded, shared and stopped; a stale record of a sandbox that is gone replaced; a sandbox that cannot
start reported in operator words; a configured IPS opened with the command's settings, and an
unreachable one named through the proxy that carried it. The exit paths of a whole CLI process (Ctrl-C,
a crash) are at the end, in child processes."""

from __future__ import annotations

import asyncio
import http.server
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from activejob_tui import i18n, proxy
from activejob_tui.config import Resolved
from activejob_tui.config_error import ConfigError
from activejob_tui.ips import errors
from activejob_tui.ips.client import ClientSettings
from activejob_tui.sandbox.paths import ENDPOINT_PATH, WSDL_2016_PATH
from activejob_tui.session import DEMO_COMPANY, DEMO_PASSWORD, DEMO_USER, open_source
from processes import running

pytestmark = pytest.mark.timeout(120)

EMBEDDED = Resolved(client=None, readonly=True, poll_interval=2.0, keymap={}, insecure=False)
PROXY_VARIABLES = ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY",
                   "no_proxy", "NO_PROXY")


def sandboxes_under(folder: Path) -> list[int]:
    """Pids of running sandbox processes whose database lies under ``folder``."""
    out = subprocess.run(["pgrep", "-f", f"activejob_tui.sandbox.*{folder}"], capture_output=True, text=True).stdout
    return [pid for pid in map(int, out.split()) if running(pid)]


def dead_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_gone(pid: int, timeout: float = 15) -> bool:
    deadline = time.monotonic() + timeout
    while running(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not running(pid)


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private data folder (where ``sandbox.json`` and the database live) and no proxy in the
    environment; afterwards no sandbox of this test may still run — checked, then killed."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    for name in PROXY_VARIABLES:  # set first so that monkeypatch restores each, even one the code under test adds
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    folder = tmp_path / "data" / "activejob-tui"
    yield folder
    left = [pid for pid in sandboxes_under(tmp_path) if not wait_gone(pid, 5)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, f"sandboxes left running: {left}"


def record(folder: Path) -> dict:
    return json.loads((folder / "sandbox.json").read_text())


# --- the embedded sandbox -------------------------------------------------------------------------


async def test_the_embedded_sandbox_is_announced_recorded_and_stopped_when_its_connection_closes(data: Path) -> None:
    lines: list[str] = []
    client = await open_source(EMBEDDED, lines.append)
    try:
        found = record(data)
        base, pid = found["base_url"], found["pid"]
        assert base.startswith("http://127.0.0.1:") and running(pid)
        assert sandboxes_under(data) == [pid]
        assert lines == [f"No IPS configured: using the embedded sandbox at {base}{ENDPOINT_PATH} as {DEMO_USER} "
                         "(see --help to connect to a real IPS)."]
        assert client.settings == ClientSettings(wsdl=base + WSDL_2016_PATH, user=DEMO_USER, password=DEMO_PASSWORD,
                                                 company_name=DEMO_COMPANY, label="sandbox", locale="en-US")
        assert client.info is not None and client.info.company_name == "Demo Company"
        assert await client.active_jobs()  # the demo jobs
        assert (data / "sandbox.db").exists()
    finally:
        await client.close()
    assert wait_gone(pid), "the embedded sandbox still runs after its connection closed"
    assert not (data / "sandbox.json").exists()  # no stale record for the next command


async def test_the_embedded_client_takes_the_commands_settings_and_the_operators_language(
        data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "ips_locale", lambda: "zh-TW")
    client = await open_source(replace(EMBEDDED, trace=True), None, polls=False, reads_whole_jobs=True)
    try:
        assert (client.settings.poll_index, client.settings.nested_on_read) == (False, False)
        assert (client.settings.trace, client.settings.locale) == (True, "zh-TW")
    finally:
        await client.close()


async def test_a_proxy_in_the_environment_is_not_in_the_way_of_the_embedded_sandbox(
        data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{dead_port()}")
    monkeypatch.setenv("NO_PROXY", "intranet.example")
    client = await open_source(EMBEDDED)
    try:
        assert await client.active_jobs()
        assert os.environ["NO_PROXY"].split(",")[0] == "intranet.example"  # the operator's entries kept
        assert "127.0.0.1" in os.environ["NO_PROXY"].split(",")
    finally:
        await client.close()


async def test_an_unusable_proxy_is_refused_before_any_sandbox_starts(data: Path, monkeypatch) -> None:
    monkeypatch.setenv("ALL_PROXY", "ftp://proxy.example:21")
    with pytest.raises(proxy.ProxyError, match="ALL_PROXY"):
        await open_source(EMBEDDED)
    assert sandboxes_under(data.parent) == [] and not (data / "sandbox.json").exists()


async def test_a_second_connection_shares_the_running_sandbox_and_leaves_it_to_its_owner(data: Path) -> None:
    first_lines: list[str] = []
    second_lines: list[str] = []
    first = await open_source(EMBEDDED, first_lines.append)
    try:
        owner = record(data)
        second = await open_source(EMBEDDED, second_lines.append)
        assert second_lines == first_lines  # the same sandbox, announced the same way
        assert second.settings.wsdl == first.settings.wsdl
        assert sandboxes_under(data) == [owner["pid"]]
        await second.close()
        assert running(owner["pid"]) and record(data) == owner  # not the reuser's to stop
        assert await first.active_jobs()
    finally:
        await first.close()
    assert wait_gone(owner["pid"]) and not (data / "sandbox.json").exists()


async def test_two_connections_opened_at_once_start_one_sandbox(data: Path) -> None:
    one, two = await asyncio.gather(open_source(EMBEDDED), open_source(EMBEDDED))
    try:
        assert one.settings.wsdl == two.settings.wsdl
        assert len(sandboxes_under(data)) == 1
    finally:
        await one.close()
        await two.close()


async def test_the_sandbox_stops_on_close_even_when_its_record_is_already_gone(data: Path) -> None:
    client = await open_source(EMBEDDED)
    pid = record(data)["pid"]
    (data / "sandbox.json").unlink()  # removed meanwhile (by hand, or a cleanup)
    await client.close()  # no error, and the sandbox still stops
    assert wait_gone(pid)


async def test_a_connection_waits_while_another_process_holds_the_sandbox_lock(data: Path) -> None:
    """``sandbox.lock`` in the data folder is the one lock every version of the program takes before it looks
    for, or starts, the embedded sandbox: while another process holds it, nothing is started."""
    import fcntl

    data.mkdir(parents=True)
    with open(data / "sandbox.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        opening = asyncio.ensure_future(open_source(EMBEDDED))
        await asyncio.sleep(1.5)
        assert not opening.done() and sandboxes_under(data) == [] and not (data / "sandbox.json").exists()
    client = await asyncio.wait_for(opening, 60)  # the lock released: it goes on
    try:
        assert sandboxes_under(data) == [record(data)["pid"]]
    finally:
        await client.close()


class _NotASandbox(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_error(404)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def not_a_sandbox() -> Iterator[str]:
    """The base URL of a server that answers, but not as a sandbox (404 on the WSDL)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _NotASandbox)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _ended_pid() -> int:
    done = subprocess.Popen([sys.executable, "-c", "pass"])
    done.wait()
    return done.pid


STALE = {
    "a pid that has ended": lambda other: {"pid": _ended_pid(), "base_url": f"http://127.0.0.1:{dead_port()}"},
    "a live pid, nothing on the port": lambda other: {"pid": os.getpid(), "base_url": f"http://127.0.0.1:{dead_port()}"},
    "a live pid, another server on the port": lambda other: {"pid": os.getpid(), "base_url": other},
    "no pid": lambda other: {"base_url": other},
    "no address": lambda other: {"pid": os.getpid()},
    "a pid that is not a number": lambda other: {"pid": "twelve", "base_url": other},
    "a pid of no type": lambda other: {"pid": None, "base_url": other},
    "not JSON": lambda other: "{half",
    "not a record": lambda other: [1, 2],
}


@pytest.mark.parametrize("stale", STALE.values(), ids=STALE.keys())
async def test_a_stale_record_is_replaced_by_a_sandbox_of_its_own(data: Path, not_a_sandbox: str, stale) -> None:
    data.mkdir(parents=True)
    written = stale(not_a_sandbox)
    (data / "sandbox.json").write_text(written if isinstance(written, str) else json.dumps(written))
    lines: list[str] = []
    client = await open_source(EMBEDDED, lines.append)
    try:
        fresh = record(data)
        assert fresh != written and sandboxes_under(data) == [fresh["pid"]]
        assert lines and f"{fresh['base_url']}{ENDPOINT_PATH}" in lines[0]
        assert await client.active_jobs()
    finally:
        await client.close()
    assert wait_gone(fresh["pid"]) and not (data / "sandbox.json").exists()


async def test_a_sandbox_that_cannot_start_is_an_error_in_operator_words(data: Path) -> None:
    (data / "sandbox.db").mkdir(parents=True)  # the database path is taken by a folder
    with pytest.raises(ConfigError) as info:
        await open_source(EMBEDDED)
    message = str(info.value)
    assert message == ("The embedded IPS sandbox did not start: activejob-tui sandbox: error: argument --db: "  # its reason
                       f"{data / 'sandbox.db'} is a folder; give a database file in it, e.g. "
                       f"{data / 'sandbox.db' / 'sandbox.db'}"), message
    assert not (data / "sandbox.json").exists()  # nothing recorded for the next command to trust
    assert sandboxes_under(data) == []


# --- a configured IPS ------------------------------------------------------------------------------


def configured(sandbox, **changes) -> Resolved:
    settings = ClientSettings(wsdl=sandbox.wsdl_url_2016, user=DEMO_USER, password=DEMO_PASSWORD,
                              company_name=DEMO_COMPANY, **changes)
    return replace(EMBEDDED, client=settings)


async def test_a_configured_ips_is_opened_with_the_commands_settings_and_no_sandbox(data: Path, sandbox) -> None:
    resolved = configured(sandbox, label="lab")
    lines: list[str] = []
    steady = await open_source(resolved, lines.append)
    once = await open_source(resolved, lines.append, polls=False, reads_whole_jobs=True)
    try:
        assert steady.settings == resolved.client  # the defaults: a steady poll, nested parts on first read
        assert once.settings == replace(resolved.client, poll_index=False, nested_on_read=False)
        assert await once.active_jobs()
    finally:
        await steady.close()
        await once.close()
    assert lines == [] and not data.exists()  # no sandbox announced, started or recorded
    assert sandbox.running  # closing a configured connection stops nothing


async def test_an_unreachable_ips_is_a_connection_error_without_a_proxy(data: Path) -> None:
    port = dead_port()
    resolved = replace(EMBEDDED, client=ClientSettings(wsdl=f"http://127.0.0.1:{port}/IpsApi.wsdl", user="u",
                                                        password="p"))
    with pytest.raises(errors.IpsConnectionError) as info:
        await open_source(resolved)
    assert not isinstance(info.value, proxy.ProxyError)
    assert f"127.0.0.1:{port}" in str(info.value)


async def test_an_unreachable_ips_behind_a_proxy_names_the_proxy(data: Path, monkeypatch) -> None:
    port, proxy_port = dead_port(), dead_port()
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{proxy_port}")
    wsdl = f"http://ips.invalid:{port}/IpsApi.wsdl"
    resolved = replace(EMBEDDED, client=ClientSettings(wsdl=wsdl, user="u", password="p"))
    with pytest.raises(proxy.ProxyError) as info:
        await open_source(resolved)
    message = str(info.value)
    # the proxy refused: it is the one to blame, not the IPS host that was never reached (a new user saw
    # "Cannot connect to ips.invalid: connection refused. Is the server running?")
    assert message.startswith(f"The proxy in http_proxy (http://127.0.0.1:{proxy_port}) cannot be reached:")
    assert "nothing was sent to ips.invalid" in message and "Is the server running" not in message
    assert "unset http_proxy (or add ips.invalid to NO_PROXY)" in message
    # an endpoint named apart from the WSDL is the one the message names
    endpoint = f"http://other.invalid:{port}/api"
    with pytest.raises(proxy.ProxyError, match=r"nothing was sent to other\.invalid"):
        await open_source(replace(resolved, client=replace(resolved.client, endpoint=endpoint)))


# --- how a connection asks whether the recorded sandbox still runs (survivors of the mutation run over
# session.py, issue 16) -----------------------------------------------------------------------

BYSTANDER = (
    "import signal, time\n"
    "for number in range(1, 32):  # every signal at its default, whatever this test run inherited\n"
    "    try:\n"
    "        signal.signal(number, signal.SIG_DFL)\n"
    "    except (OSError, ValueError):\n"
    "        pass\n"
    "print('ready', flush=True)\n"
    "time.sleep(60)\n"
)


async def test_asking_whether_the_recorded_sandbox_runs_sends_it_no_signal(data: Path, not_a_sandbox: str) -> None:
    """The recorded pid is only asked about (signal 0): by now it may be any process of the operator's that
    took over the number. Starting a console must not hang it up, interrupt or end it."""
    bystander = subprocess.Popen([sys.executable, "-c", BYSTANDER], stdout=subprocess.PIPE, text=True)
    try:
        assert bystander.stdout.readline().strip() == "ready"
        data.mkdir(parents=True)
        (data / "sandbox.json").write_text(json.dumps({"pid": bystander.pid, "base_url": not_a_sandbox}))
        client = await open_source(EMBEDDED)
        try:
            assert record(data)["pid"] != bystander.pid  # not a sandbox: one of its own was started
        finally:
            await client.close()
        deadline = time.monotonic() + 1
        while bystander.poll() is None and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        assert bystander.poll() is None, f"the process at the recorded pid ended ({bystander.returncode})"
    finally:
        bystander.kill()
        bystander.wait(5)


@pytest.fixture
def silent_server() -> Iterator[tuple[str, list[float]]]:
    """A server that takes connections and never answers: (its base URL, how long each client held on)."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    held: list[float] = []
    stopping = threading.Event()

    def hold(conn: socket.socket) -> None:
        started = time.monotonic()
        with conn:
            conn.settimeout(30)
            try:
                while conn.recv(65536):
                    pass
            except OSError:
                pass
        held.append(time.monotonic() - started)

    def serve() -> None:
        while not stopping.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            threading.Thread(target=hold, args=(conn,), daemon=True).start()

    server = threading.Thread(target=serve, daemon=True)
    server.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}", held
    stopping.set()
    server.join(2)
    listener.close()


async def test_a_recorded_address_that_never_answers_is_given_up_within_seconds(
        data: Path, silent_server: tuple[str, list[float]]) -> None:
    """A hung server at the recorded address (a stuck sandbox, another program on the port) delays a starting
    console by the probe's 2 s, not by a client's default of 5 s or for ever; then it starts its own."""
    base_url, held = silent_server
    data.mkdir(parents=True)
    (data / "sandbox.json").write_text(json.dumps({"pid": os.getpid(), "base_url": base_url}))
    client = await asyncio.wait_for(open_source(EMBEDDED), 60)
    try:
        assert record(data)["base_url"] != base_url
        assert await client.active_jobs()
    finally:
        await client.close()
    deadline = time.monotonic() + 5
    while not held and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    assert len(held) == 1 and held[0] < 4, held  # 2 s, with room for a loaded machine


# --- a whole CLI process --------------------------------------------------------------------------

HOLD = """
import asyncio, os, signal, sys
from activejob_tui.config import Options, resolve
from activejob_tui.session import open_source

# Ctrl-C ends it as at a terminal, even when this test's own process ignores SIGINT (a background job of a
# script; mutmut's fork server, whose every mutant run then failed the ctrl-c case: a false kill per mutant)
signal.signal(signal.SIGINT, signal.default_int_handler)

async def main():
    source = await open_source(resolve(Options(), os.environ, None))
    print(source.settings.wsdl, flush=True)
    if sys.argv[1] == "crash":
        raise RuntimeError("a bug in the console")
    await asyncio.sleep(120)
    await source.close()

asyncio.run(main())
"""


@pytest.mark.parametrize("how", ["ctrl-c", "crash", "sigterm", "sigkill"])
def test_the_embedded_sandbox_ends_with_the_process_that_started_it(how: str, isolated_env, tmp_path: Path) -> None:
    """Ctrl-C and a crash run no ``close()``: the exit hook stops the sandbox; SIGTERM and SIGKILL run no
    exit hook either: the sandbox ends by itself when its parent is gone. None is left behind, and the
    record left by a killed process is stale for the next command, which starts its own sandbox."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD, how], env=isolated_env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().startswith("http://127.0.0.1:"), holder.stderr.read()
        (pid,) = sandboxes_under(tmp_path)
        if how != "crash":
            holder.send_signal({"ctrl-c": signal.SIGINT, "sigterm": signal.SIGTERM, "sigkill": signal.SIGKILL}[how])
        code = holder.wait(30)
        assert code != 0
        if how == "crash":
            assert "a bug in the console" in holder.stderr.read()
        alive = not wait_gone(pid)
        if alive:
            os.kill(pid, signal.SIGKILL)
        assert not alive, f"the embedded sandbox outlived its process ({how})"
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait(5)
    again = subprocess.run([sys.executable, "-m", "activejob_tui", "jobs", "--format", "json"], env=isolated_env,
                           capture_output=True, text=True, timeout=90)
    assert again.returncode == 0, again.stderr
    assert sandboxes_under(tmp_path) == []
