"""The fault matrix in the console (the *console* column of docs/RELIABILITY.md).

Every test drives the real ``ActiveJobApp`` (Textual's ``run_test``) connected through the real
``IpsClient`` to the sandbox or to the rogue server, and checks what the operator sees: the error
sentence in the header (the same sentence the CLI prints), "stale since", the last good rows kept,
odd and hostile data shown generically, the password nowhere. Stops (refused, garbled, API faults, stop
safety) are in tests/tui/test_console_stops.py.
"""

from __future__ import annotations

import asyncio
import logging
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
import pytest_asyncio
from rich.cells import cell_len
from textual.widgets import Static

from activejob_tui.ips.client import ClientSettings, IpsClient
from activejob_tui.model.text import printable
from activejob_tui.poller import PollFailed, View
from activejob_tui.tui import display as fmt
from support.harness import poll_for, rogue_cli_args, rogue_settings, sandbox_settings
from support.hostile import HOSTILE, RAW_FORBIDDEN
from support.live_console import (
    POLL,
    SIZE,
    Connector,
    cell,
    console,
    detail_text,
    everything_shown,
    fresh,
    plain,
    row_line,
    running,
    screen_lines,
    screen_text,
    select,
    stale_with,
    until,
)
from support.pty_cli import PtyCli
from support.rogue_server import (
    DTD_CASES,
    FILE_SECRET,
    FOREIGN_NAMESPACE,
    HOSTILE_FAULT,
    HOSTILE_HTML,
    HTML_500,
    NOT_XML,
    ODD_ANSWER,
    ODD_ITEMS,
    ODD_PASSWORD,
    ONE_JOB,
    OTHER_IPS_VERSION,
    SOAP12_LIST,
    SOAP_V9,
    TOO_BIG,
    TRUNCATED,
    UNKNOWN_ENVELOPE,
    Reply,
    RogueServer,
    active_jobs_answer,
    dtd_answers,
    dtd_wsdl,
    echoing_replies,
    redirect,
    xml_escape,
)
from tui.helpers import screen_of, settle, status_text

# demo_password (support/fixtures.py): run_cli's environment holds the demo password and a wide terminal
pytestmark = [pytest.mark.timeout(60), pytest.mark.usefixtures("demo_password")]

ALPHA = "j|1||a|1"
"""The handle of ``alpha``, the one job of ``ONE_JOB``."""
DEMO = "demo@example.com"



# --- transport and answers: a fault mid-session, then recovery (rogue server) -------------------------


def _fixed(reply: Reply) -> Callable[[RogueServer, Path], Reply]:
    return lambda server, secret: reply


def _redirect(status: int) -> Callable[[RogueServer, Path], Reply]:
    def make(server: RogueServer, secret: Path) -> Reply:
        server.extra_routes["/elsewhere"] = Reply(200, ONE_JOB)  # good data, if it were ever followed
        return redirect(status, server.base_url + "/elsewhere")

    return make


def _dtd(case: str) -> Callable[[RogueServer, Path], Reply]:
    return lambda server, secret: Reply(200, dtd_answers(secret)[case])


ANSWER_TO = "The server's answer to getActiveJobs"
MID_SESSION: dict[str, tuple[Callable[[RogueServer, Path], Reply], str]] = {
    # case: (what the rogue server answers, what the header says: the CLI's sentence, {host} = 127.0.0.1:P)
    "drop": (_fixed(Reply(drop=True)), "{host} closed the connection before answering"),
    "hang": (_fixed(Reply(hang=True)), "{host} did not answer within 1 s"),
    "http500-html": (_fixed(HTML_500),
                     "The server answered getActiveJobs with HTTP 500 and an HTML page ('502 Proxy Error')"),
    **{f"redirect-{status}": (_redirect(status), (f"The server redirected getActiveJobs (HTTP {status}); "
                                                  "point --endpoint at the final address"))
       for status in (301, 302, 307, 308)},
    "not-xml": (_fixed(NOT_XML), f"{ANSWER_TO} is not XML, or is cut short (it starts with 'Service temporarily"),
    "truncated": (_fixed(TRUNCATED), f"{ANSWER_TO} is not XML, or is cut short"),
    "unknown-envelope": (_fixed(UNKNOWN_ENVELOPE), (f"{ANSWER_TO} is XML but not a SOAP envelope "
                                                   f"(root element 'Envelope' in namespace '{SOAP_V9}')")),
    **{f"too-big-{size}": (_fixed(reply), f"{ANSWER_TO} is larger than the 64.0 KB limit")
       for size, reply in TOO_BIG.items()},
    **{case: (_dtd(case), f"{ANSWER_TO} contains a DOCTYPE") for case in DTD_CASES if case != "xxe-control"},
    "foreign-namespace": (_fixed(FOREIGN_NAMESPACE),
                          f"{ANSWER_TO} is in the namespace 'urn:not-ips', which is not an IPS API namespace"),
    "hostile-fault": (_fixed(HOSTILE_FAULT), "getActiveJobs failed: boom \\u202eevil\\x9b31m (IPS code 30000)"),
    "hostile-html": (_fixed(HOSTILE_HTML), "The server answered getActiveJobs with HTTP 502 and an HTML page"),
}


async def _rogue_console(wsdl: Path, answer: bytes, **extra):
    """A console on a rogue server of its own that answers ``answer``: ``(server, app, pilot)``."""
    server = RogueServer(wsdl).start()
    server.answer(Reply(200, answer))
    try:
        async with running(rogue_settings(server, **extra)) as (app, pilot):
            yield server, app, pilot
    finally:
        server.stop()


@pytest_asyncio.fixture(scope="class", loop_scope="class")
async def alpha_console(shared_wsdl_path):
    """One console for a class of fault cases: each starts and ends with ``alpha`` shown fresh."""
    async for shared in _rogue_console(shared_wsdl_path, ONE_JOB, timeout=1.0, max_response_bytes=64 * 1024):
        yield shared


@pytest.mark.asyncio(loop_scope="class")
class TestAFaultMidSession:
    """Good data first; then the fault: the header says the CLI's sentence and "stale since", and the
    last good row stays; then good answers again, and the same console recovers."""

    @pytest.mark.parametrize("case", list(MID_SESSION))
    async def test_keeps_the_last_rows_and_the_console_recovers(self, alpha_console, tmp_path, case):
        server, app, pilot = alpha_console
        make, sentence = MID_SESSION[case]
        secret = tmp_path / "secret.txt"
        secret.write_text(FILE_SECRET)
        app.clear_notifications()
        server.answer(Reply(200, ONE_JOB))  # (whatever an earlier case left)
        await fresh(pilot, app)
        assert "alpha" in row_line(app, ALPHA)
        server.answer(make(server, secret))
        app.poller.poll_now()
        assert await stale_with(pilot, app, sentence.format(host=f"127.0.0.1:{server.port}")) == {ALPHA}
        assert "alpha" in row_line(app, ALPHA)  # the last good row is still drawn
        shown = everything_shown(app)
        assert FILE_SECRET not in shown
        assert not [ch for ch in RAW_FORBIDDEN if ch in shown]
        server.answer(Reply(200, ONE_JOB))
        await fresh(pilot, app)
        assert screen_of(app).table.visible_keys() == [ALPHA]


# --- the console cannot start, or its first polls fail: it paints, says why, and keeps trying ---------


@dataclass
class Start:
    settings: ClientSettings
    sentence: str
    recover: Callable[[], object] | None = None
    """Makes the next attempt succeed (blocking); None when nothing will."""
    nothing_sent: RogueServer | None = None
    """A server that must never receive a request (so never the password)."""


def _by_endpoint(request, server) -> dict[str, str]:
    """The settings naming the WSDL by the file and the SOAP endpoint by URL (no WSDL fetched from ``server``)."""
    return {"wsdl": str(request.getfixturevalue("shared_wsdl_path")), "endpoint": server.endpoint}


def _server_down(request, by_endpoint: bool) -> Start:
    server = request.getfixturevalue("sandbox_factory")()
    server.stop()  # its port is free now; restart() brings it back on the same port
    extra = _by_endpoint(request, server) if by_endpoint else {}
    return Start(sandbox_settings(server, **extra),
                 f"Cannot connect to 127.0.0.1:{server.port}: connection refused. Is the server running?",
                 server.restart)


def _tls(request, endpoint_only: bool) -> Start:
    server = request.getfixturevalue("tls_rogue")
    server.answer(Reply(200, ONE_JOB))
    extra = _by_endpoint(request, server) if endpoint_only else {}
    return Start(rogue_settings(server, **extra), f"The TLS certificate of 127.0.0.1:{server.port} could not be "
                 "verified; if you trust this server, use --insecure.", nothing_sent=server)


def _wsdl_404(request) -> Start:
    server = request.getfixturevalue("rogue")
    server.answer(Reply(200, ONE_JOB))
    wsdl = server.base_url + "/missing.wsdl"

    def recover() -> None:
        server.extra_routes["/missing.wsdl"] = Reply(200, server.real_wsdl().encode())

    return Start(rogue_settings(server, wsdl=wsdl), f"The WSDL {wsdl} could not be fetched: HTTP 404.", recover)


def _dtd_in_wsdl(request) -> Start:
    server = request.getfixturevalue("rogue")
    server.answer(Reply(200, ONE_JOB))
    secret = request.getfixturevalue("tmp_path") / "secret.txt"
    secret.write_text(FILE_SECRET)
    server.wsdl_body = dtd_wsdl(server, secret)
    return Start(rogue_settings(server), f"The WSDL {server.wsdl_url} contains a DOCTYPE (entity or DTD "
                 "declarations); refused for safety.", lambda: setattr(server, "wsdl_body", None))


def _bad_endpoint(request, endpoint: str) -> Start:
    server = request.getfixturevalue("rogue")
    return Start(rogue_settings(server, endpoint=endpoint),
                 f"The SOAP endpoint {endpoint!r} is not an absolute http(s) URL.")


def _sandbox_user(request, user: str, password: str, company: str | None, sentence: str, **extra) -> Start:
    return Start(sandbox_settings(request.getfixturevalue("sandbox"), user, password, company, **extra), sentence)


def _chaos(request, chaos: str, sentence: str) -> Start:
    server = request.getfixturevalue("sandbox_factory")(chaos=[chaos])
    settings = sandbox_settings(server, company=None, company_handle="c|1", timeout=1.0,
                                **_by_endpoint(request, server))
    return Start(settings, sentence.format(host=f"127.0.0.1:{server.port}"))


STARTS: dict[str, Callable[[pytest.FixtureRequest], Start]] = {
    "server-down-wsdl-url": lambda r: _server_down(r, by_endpoint=False),
    "server-down-endpoint": lambda r: _server_down(r, by_endpoint=True),
    "tls-self-signed": lambda r: _tls(r, endpoint_only=False),
    "tls-self-signed-endpoint": lambda r: _tls(r, endpoint_only=True),
    "wsdl-404": _wsdl_404,
    "dtd-in-wsdl": _dtd_in_wsdl,
    "endpoint-not-http": lambda r: _bad_endpoint(r, "htp:/x"),
    "endpoint-bad-ipv6": lambda r: _bad_endpoint(r, "http://[::1"),
    "wrong-password": lambda r: _sandbox_user(r, DEMO, "wrong-pw-1", "Demo Company",
                                              "Authentication failed: Invalid username/password (IPS code 10001)."),
    "other-company-by-name": lambda r: _sandbox_user(
        r, "other@example.com", "other-password", "Demo Company",
        "other@example.com is not a member of a company named 'Demo Company' (member of: Other Company)."),
    "other-company-by-handle": lambda r: _sandbox_user(
        r, "other@example.com", "other-password", None, "Not allowed to getActiveJobs: User 'other@example.com' is "
        "not a member of company 'c|1' (IPS code 20006).", company_handle="c|1"),
    "chaos-http500": lambda r: _chaos(r, "http500=1.0", "The server answered getActiveJobs with HTTP 500 and an "
                                                        "HTML page ('Apache Tomcat - Error report')."),
    "chaos-malformed": lambda r: _chaos(r, "malformed=1.0", "The server's answer to getActiveJobs is not XML"),
    "chaos-slow": lambda r: _chaos(r, "slow=1.0:1.6", "{host} did not answer within 1 s."),
}


@pytest.mark.parametrize("case", list(STARTS))
async def test_the_console_paints_says_why_and_keeps_retrying(request, case):
    start = STARTS[case](request)
    sentence = start.sentence.rstrip(".")
    connect = Connector(start.settings)
    app = console(connect)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: sentence in status_text(app), timeout=10)
        assert "activejob-tui" in screen_text(app)  # painted, not a traceback
        header = status_text(app)
        # never connected: nothing to be stale (no rows were ever shown); connected, then a failed poll: stale
        assert ("not connected yet" if app.source is None else "stale since") in header, header
        assert app.is_running and app.return_code is None
        if case == "wrong-password":  # every try is one more failed login: only the operator tries again
            assert "not retried: press ^r to try again (failed logins can lock the account)" in header, header
            await pilot.pause(4 * POLL + 1)  # well past the first backoff of any other failure
            assert connect.attempts == 1 and "not retried" in status_text(app)
            await pilot.press("ctrl+r")
            await until(pilot, lambda: connect.attempts == 2, timeout=10)
            await until(pilot, lambda: sentence in status_text(app) and "not retried" in status_text(app), timeout=10)
            return
        assert "retrying" in header, header
        if start.nothing_sent is not None:
            assert start.nothing_sent.requests == []
        assert FILE_SECRET not in everything_shown(app)
        if start.recover is None:  # a second attempt (to connect, or to poll) fails the same way: never exits
            await until(pilot, lambda: connect.attempts >= 2 or (app.poller is not None and app.poller.failures >= 2),
                        timeout=10)
            assert app.is_running and sentence in status_text(app)
        else:  # once the cause is gone, a later attempt of the same console succeeds
            await asyncio.to_thread(start.recover)
            await until(pilot, lambda: app.poller is not None and app.poller.polls > 0, timeout=20)
            await pilot.pause(0.05)
            assert "stale" not in status_text(app) and "polled" in status_text(app)
            assert screen_of(app).table.row_count > 0 and connect.attempts >= 2


# --- answers the console reads, as the CLI does ---------------------------------------------------------


def _rogue_answer(reply: Reply, **extra) -> Callable[[pytest.FixtureRequest], tuple[ClientSettings, dict]]:
    def make(request):
        server = request.getfixturevalue("rogue")
        server.answer(reply)
        return rogue_settings(server, **extra), {}

    return make


def _wsdl_redirect(request):
    server = request.getfixturevalue("rogue")
    server.answer(Reply(200, ONE_JOB))
    server.extra_routes["/old.wsdl"] = redirect(302, server.wsdl_url)
    return rogue_settings(server, wsdl=server.base_url + "/old.wsdl"), {}


def _tls_insecure(request):
    server = request.getfixturevalue("tls_rogue")
    server.answer(Reply(200, ONE_JOB))
    return rogue_settings(server, verify_tls=False), {"insecure": True}


READ: dict[str, tuple[Callable[[pytest.FixtureRequest], tuple[ClientSettings, dict]], list[str]]] = {
    "soap12-list": (_rogue_answer(SOAP12_LIST), [ALPHA]),
    "other-ips-version": (_rogue_answer(OTHER_IPS_VERSION), [ALPHA]),
    "wsdl-redirect": (_wsdl_redirect, [ALPHA]),
    "tls-insecure": (_tls_insecure, [ALPHA]),
    "empty-job-array": (_rogue_answer(Reply(200, active_jobs_answer(""))), []),
}


@pytest.mark.parametrize("case", list(READ))
async def test_the_console_reads_what_the_cli_reads(request, case):
    make, rows = READ[case]
    settings, options = make(request)
    async with running(settings, **options) as (app, _):
        header = status_text(app)
        assert "polled" in header and "stale" not in header
        assert f"Active · {len(rows)} job{'' if len(rows) == 1 else 's'}" in header
        assert screen_of(app).table.visible_keys() == rows
        if rows:
            assert "alpha" in row_line(app, ALPHA) and "alpha" in detail_text(app)
        else:
            assert detail_text(app) == "No job selected."
        assert ("TLS NOT VERIFIED" in header) is options.get("insecure", False)


# --- odd data: rendered generically, marked, never a crash (rogue server) ------------------------------


ODD_SHOWN: dict[str, tuple[dict[str, str], list[str], list[str]]] = {
    # key: (what list cells hold, what the detail pane says, what it must not say)
    "unknown-subjob": ({"name": "teleport", "type": "Teleport", "state": "▶ Running"},
                       ["teleportJob ?(type unknown to this client)", "where Mars", "when year: 2100"], []),
    "unknown-state": ({"state": "? Hibernati…", "name": "hibernating"}, ["state ? Hibernating?"], []),
    "unknown-enum": ({"name": "quantum"}, ["publishType Quantum ?(unknown value)",
                                           "emailSetting CarrierPigeon ?(unknown value)"], []),
    "extra": ({"type": "Export", "progress": "10%"}, ["type Export", "10%"], ["futureField", "deep"]),
    "minimal": ({"name": "—", "type": "—", "state": "· —"}, ["(unnamed job)", "jobHandle j|minimal", "name —",
                                                           "state —"], []),
    "empty-arrays": ({"name": "empty"}, ["Tasks (not reported) (no task progress reported)", "pdfHandleArray —"], []),
    "nil": ({"name": "—", "progress": "—", "size": "—", "started": "—"},
            ["(unnamed job)", "name —", "startDate —", "totalSize —", "progress —"], []),
    "dates": ({"updated": "—"}, [f"startDate {fmt.local(datetime(2026, 11, 25, 10, tzinfo=UTC))}",
                                 "triggerTime —", "lastProgressUpdate —"], ["yesterday-ish", "99999"]),
    "progress-high": ({"progress": "150%?"}, ["150%?", "750%?"], []),
    "progress-low": ({"progress": "-5%?"}, ["-5%?"], []),
    "negative-size": ({"size": "-1.0 KB?"}, ["totalSize -1.0 KB? (-1,024 bytes)"], []),
    "not-numbers": ({"name": "nan", "size": "—", "progress": "—"}, ["totalSize —", "progress —"], ["lots"]),
}


@pytest_asyncio.fixture(scope="class", loop_scope="class")
async def odd_console(shared_wsdl_path):
    async for shared in _rogue_console(shared_wsdl_path, ODD_ANSWER):
        yield shared


@pytest.mark.asyncio(loop_scope="class")
class TestOddData:
    """One answer holds every odd item; each case selects its row and reads the list and the detail pane."""

    @pytest.mark.parametrize("key", list(ODD_ITEMS))
    async def test_is_shown_generically_with_a_marker(self, odd_console, key):
        _, app, pilot = odd_console
        cells, said, unsaid = ODD_SHOWN[key]
        handle = f"j|{key}"
        screen = screen_of(app)
        assert screen.table.row_count == len(ODD_ITEMS)
        await select(pilot, app, handle)
        for column, expected in cells.items():
            assert expected in cell(app, handle, column), (column, cell(app, handle, column))
        detail = detail_text(app)
        assert [s for s in said if s not in detail] == [], detail
        assert [s for s in unsaid if s in detail] == []
        assert row_line(app, handle)  # drawn on screen, on its own line
        assert "polled" in status_text(app) and app.is_running


# --- hostile text submitted to a sandbox: shown literally, layout intact -------------------------------


@pytest_asyncio.fixture(scope="class", loop_scope="class")
async def hostile_console(hostile_sandbox):
    server, handles = hostile_sandbox
    async with running(sandbox_settings(server)) as (app, pilot):
        yield handles, app, pilot


@pytest.mark.asyncio(loop_scope="class")
class TestHostileText:
    @pytest.mark.parametrize("key", list(HOSTILE))
    async def test_is_shown_literally(self, hostile_console, key):
        handles, app, pilot = hostile_console
        handle, text = handles[key], HOSTILE[key]
        shown = printable(text)
        screen = screen_of(app)
        job = screen.state.jobs[View.ACTIVE][handle]
        assert job.name == text and job.description == text  # verbatim through the client
        await select(pilot, app, handle)
        title = plain(screen.query_one("#detail-body", Static).content).splitlines()[0].rstrip()
        assert title == shown  # the whole name, every control or bidi character a visible escape
        name = cell(app, handle, "name")
        if cell_len(shown) <= 25:
            assert name == shown
        else:
            head, cut, tail = name.partition("…")  # cut in the middle, the end kept (columns.py, Name)
            assert cell_len(name) <= 25 and cut and shown.startswith(head) and shown.endswith(tail)
        assert name in row_line(app, handle)  # on screen as written: markup is not interpreted
        everything = everything_shown(app)
        assert [hex(ord(ch)) for ch in RAW_FORBIDDEN if ch in everything] == []


async def test_hostile_names_keep_every_column_in_place(hostile_sandbox):
    server, handles = hostile_sandbox
    async with running(sandbox_settings(server), size=(200, 60)) as (app, pilot):
        await pilot.press("enter")  # the list, maximised: every row on screen
        await pilot.pause(0.1)
        table = screen_of(app).table
        header = screen_lines(app)[table.content_region.y]
        starts = {title: cell_len(header[: header.index(title)]) for title in ("Name", "Type")}
        for key, handle in handles.items():
            line = row_line(app, handle)
            name, job_type = cell(app, handle, "name"), cell(app, handle, "type")
            name_at = line.index(name)
            type_at = line.index(job_type, name_at + len(name))
            assert (cell_len(line[:name_at]), cell_len(line[:type_at])) == (starts["Name"], starts["Type"]), key
        long_line, long_name = row_line(app, handles["long"]), cell(app, handles["long"], "name")
        assert "…" in long_name and long_name.startswith("L" * 20) and long_name.endswith("-the-end!")
        assert printable(HOSTILE["long"]) not in long_line  # cut, in the middle
        assert "漢字のジョブ名" in row_line(app, handles["cjk-emoji"])


# --- credentials ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", ["sandbox", *echoing_replies(ODD_PASSWORD)])
async def test_the_password_never_reaches_the_screen(request, caplog, case):
    caplog.set_level(logging.DEBUG)
    if case == "sandbox":
        password, settings = "demo-password", sandbox_settings(request.getfixturevalue("sandbox"))
    else:
        server = request.getfixturevalue("rogue")
        server.answer(Reply(200, ONE_JOB))
        password, settings = ODD_PASSWORD, rogue_settings(server, password=ODD_PASSWORD)
    async with running(settings) as (app, pilot):
        if case != "sandbox":  # the server repeats the password it was sent: masked in the header
            server.answer(echoing_replies(ODD_PASSWORD)[case])
            app.poller.poll_now()
            await until(pilot, lambda: "stale since" in status_text(app), timeout=8)
            assert "********" in status_text(app)
        shown = everything_shown(app)
    logged = "\n".join(record.getMessage() + (record.exc_text or "") for record in caplog.records)
    for secret in (password, xml_escape(password)):
        assert secret not in shown and secret not in logged


def test_the_console_process_hides_the_password_and_says_tls_is_unverified(tls_rogue, isolated_env):
    """The console is the same process as the CLI (``activejob-tui`` without a command): its argv never
    holds the password, and with --insecure its header says so for the whole session."""
    tls_rogue.answer(Reply(200, ONE_JOB))
    env = {**isolated_env, "IPS_PASSWORD": ODD_PASSWORD, "TERM": "xterm-256color"}
    with PtyCli([*rogue_cli_args(tls_rogue), "--insecure"], env) as cli:
        cli.expect("TLS NOT VERIFIED")
        cli.expect("alpha")  # connected and polled: the password is in use now
        # The console asks for the company list beside the first poll; either may reach the server first.
        assert "getActiveJobs" in [op for op, _, _ in tls_rogue.requests]
        ps = subprocess.run(["ps", "-ww", "-eo", "pid,args"], capture_output=True, text=True, timeout=10, check=True)
        assert str(cli.proc.pid) in ps.stdout and ODD_PASSWORD not in ps.stdout
        cmdline = Path(f"/proc/{cli.proc.pid}/cmdline").read_bytes().decode("utf-8", "replace")
        assert "activejob_tui" in cmdline and ODD_PASSWORD not in cmdline
        cli.send("q")
        assert cli.wait() == 0
    assert ODD_PASSWORD not in cli.output


@pytest.mark.parametrize("case", ["timeout--1", "timeout-0", "timeout-inf", "timeout-nan", "config-644"])
def test_the_console_refuses_settings_that_cannot_work_before_it_starts(run_cli, isolated_env, tmp_path, case):
    """Without a command ``activejob-tui`` starts the console, after the same checks as the CLI's."""
    if case.startswith("timeout-"):
        value = case.removeprefix("timeout-")
        result = run_cli("--wsdl", "x.wsdl", "--user", "u", "--timeout", value)
        expected = "activejob-tui: The timeout must be a positive number of seconds"
    else:
        config = tmp_path / "config.toml"
        config.write_text('default_profile = "x"\n[profiles.x]\nwsdl = "/nowhere.wsdl"\nuser = "u"\n'
                          f'password = "{ODD_PASSWORD}"\n')
        config.chmod(0o644)
        result = run_cli(env={k: v for k, v in isolated_env.items() if k != "IPS_PASSWORD"})
        expected = f"activejob-tui: The config file {config} holds a password but others can read it; run: chmod 600"
    assert result.returncode == 2
    assert result.stderr.startswith(expected), result.stderr
    assert "\x1b[" not in result.stdout  # the console never painted
    assert ODD_PASSWORD not in result.stdout + result.stderr


# --- the sandbox: company isolation, load, kill -9 ----------------------------------------------------------


async def test_a_console_of_another_company_never_shows_demo_company_jobs(sandbox):
    demo = await IpsClient.open(sandbox_settings(sandbox))
    try:
        theirs = [*await demo.active_jobs(), *await demo.scheduled_jobs(), *await demo.job_logs()]
    finally:
        await demo.close()
    demo_handles = {j.job_handle for j in theirs}
    other = sandbox_settings(sandbox, "other@example.com", "other-password", "Other Company")
    async with running(other) as (app, pilot):
        assert "Other Company" in status_text(app)
        screen = screen_of(app)
        for key, view in (("1", View.ACTIVE), ("2", View.SCHEDULED), ("3", View.FINISHED)):
            await pilot.press(key)
            await settle(pilot, app)
            jobs = screen.state.jobs[view]
            assert jobs, view  # the other company has jobs of its own in every view
            assert {j.company_handle for j in jobs.values()} == {"c|2"}, view
            assert not set(screen.table.visible_keys()) & demo_handles
            names = {cell(app, key, "name") for key in screen.table.visible_keys()}
            assert all(name.startswith("Other") for name in names), names


async def test_a_console_polls_alongside_a_short_load_without_errors(sandbox_factory):
    server = sandbox_factory(speed=20)
    failed: list[PollFailed] = []
    clients = await asyncio.gather(*(IpsClient.open(sandbox_settings(server)) for _ in range(10)))
    try:
        async with running(sandbox_settings(server), poll_interval=0.2) as (app, _):
            post = app.poller.post
            app.poller.post = lambda message: (failed.append(message) if isinstance(message, PollFailed) else None,
                                               post(message))
            polls = app.poller.polls
            counts, failures = await poll_for(clients, 2.0)
            assert app.poller.polls - polls >= 4
            assert failed == [] and failures == []
            assert "stale" not in status_text(app) and screen_of(app).table.row_count > 0
    finally:
        await asyncio.gather(*(c.close() for c in clients))
    assert all(n > 0 for n in counts)


async def test_a_kill_9_shows_stale_rows_and_the_console_recovers_after_the_restart(sandbox_factory):
    server = sandbox_factory()
    async with running(sandbox_settings(server)) as (app, pilot):
        table = screen_of(app).table
        before = set(table.visible_keys())
        await asyncio.to_thread(server.kill)
        app.poller.poll_now()
        # the poll in flight at the kill may fail as a dropped connection before the refused ones
        await stale_with(pilot, app, f"Cannot connect to 127.0.0.1:{server.port}: connection refused. Is the server "
                                     "running?", first_failure="")
        await asyncio.to_thread(server.restart)
        await fresh(pilot, app, timeout=15)
        client = await IpsClient.open(sandbox_settings(server))
        try:
            logged = {log.job_handle for log in await client.job_logs()}
        finally:
            await client.close()
        assert before <= set(table.visible_keys()) | logged  # every job shown before is still there, or ended
