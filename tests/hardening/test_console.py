"""The fault matrix in the console (the *console* column of docs/RELIABILITY.md).

Every test drives the real ``ActiveJobApp`` (Textual's ``run_test``) connected through the real
``IpsClient`` to the sandbox or to the rogue server, and checks what the operator sees: the error
sentence in the header (the same sentence the CLI prints), "stale since", the last good rows kept,
a command refused in words, odd and hostile data shown generically, the password nowhere.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import subprocess
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
import pytest_asyncio
from rich.cells import cell_len
from rich.console import Console
from textual.widgets import Static
from tui.helpers import screen_of, settle, status_text, wait_until

from activejob_tui.ips.client import ClientSettings, IpsClient
from activejob_tui.model.enums import ActiveJobState
from activejob_tui.model.text import printable
from activejob_tui.poller import PollFailed, View
from activejob_tui.tui import display as fmt
from activejob_tui.tui.app import ActiveJobApp
from activejob_tui.tui.screens.confirm import ConfirmScreen
from activejob_tui.tui.theme import rich_theme

from .conftest import (
    HOSTILE,
    RAW_FORBIDDEN,
    poll_for,
    rogue_cli_args,
    rogue_settings,
    sandbox_settings,
    set_membership,
    set_password,
    submit_jobs,
)
from .pty_cli import PtyCli
from .rogue_server import (
    DTD_CASES,
    FILE_SECRET,
    FOREIGN_NAMESPACE,
    HOSTILE_FAULT,
    HOSTILE_HTML,
    HOSTILE_STATE,
    HOSTILE_STOP_FAULT,
    HTML_500,
    NOT_XML,
    ODD_ANSWER,
    ODD_ITEMS,
    ODD_PASSWORD,
    ONE_JOB,
    OTHER_IPS_VERSION,
    SOAP12_LIST,
    SOAP12_STOP,
    SOAP_V9,
    STOP_ACCEPTED,
    TOO_BIG,
    TRUNCATED,
    UNKNOWN_ENVELOPE,
    Reply,
    RogueServer,
    active_jobs_answer,
    dtd_answers,
    dtd_wsdl,
    echoing_replies,
    jobs_answer,
    redirect,
    stopped_handles,
    xml_escape,
)

pytestmark = pytest.mark.timeout(60)

POLL = 0.25
"""Seconds between polls: short, so a fault and a recovery show within a test's patience."""
SIZE = (160, 48)
ALPHA = "j|1||a|1"
"""The handle of ``alpha``, the one job of ``ONE_JOB``."""
DEMO = "demo@example.com"


def until(pilot, predicate, timeout: float = 15.0) -> Awaitable[None]:
    """Let the console run until ``predicate()`` holds (checked every 20 ms); fail after ``timeout`` s."""
    return wait_until(pilot, predicate, timeout, step=0.02)


# --- building and reading a console ------------------------------------------------------------------


class Connector:
    """The console's ``connect``: opens a real IpsClient, and counts the attempts."""

    def __init__(self, settings: ClientSettings) -> None:
        self.settings = settings
        self.attempts = 0

    async def __call__(self) -> IpsClient:
        self.attempts += 1
        return await IpsClient.open(self.settings)


def console(settings: ClientSettings | Connector, **kwargs) -> ActiveJobApp:
    connect = settings if isinstance(settings, Connector) else Connector(settings)
    return ActiveJobApp(connect, poll_interval=kwargs.pop("poll_interval", POLL), **kwargs)


@contextlib.asynccontextmanager
async def running(settings: ClientSettings, size: tuple[int, int] = SIZE, **kwargs):
    """A console on ``settings``, painted and past its first good poll: ``(app, pilot)``."""
    app = console(settings, **kwargs)
    async with app.run_test(size=size) as pilot:
        await settle(pilot, app, timeout=10)
        yield app, pilot


def plain(renderable) -> str:
    """A renderable as the app's console would write it, without colour, on a very wide line."""
    out = Console(width=20_000, file=io.StringIO(), color_system=None, theme=rich_theme(), legacy_windows=False)
    out.print(renderable)
    return out.file.getvalue()


def flat(text: str) -> str:
    return " ".join(text.split())


def screen_lines(app: ActiveJobApp) -> list[str]:
    """The terminal as the operator sees it now: one string per screen row."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def screen_text(app: ActiveJobApp) -> str:
    return "\n".join(screen_lines(app))


def notes(app: ActiveJobApp) -> list[str]:
    """What the operator has been told or will be told: the toasts, and those held while a dialog
    is open (shown when it closes)."""
    return [n.message for n in app._notifications] + [message for message, _ in app.held_notices]


def cell(app: ActiveJobApp, key: str, column: str) -> str:
    return plain(screen_of(app).table.get_cell(key, column)).strip()


def detail_text(app: ActiveJobApp) -> str:
    """The detail pane's content, whitespace collapsed (its grid pads the labels)."""
    return flat(plain(screen_of(app).query_one("#detail-body", Static).content))


def row_line(app: ActiveJobApp, key: str) -> str:
    """The screen row on which the job list draws ``key``."""
    table = screen_of(app).table
    region = table.content_region
    y = region.y + table.header_height + table.get_row_index(key) - round(table.scroll_y)
    assert region.y + table.header_height <= y < region.bottom, f"{key} is not on screen"
    return screen_lines(app)[y]


def everything_shown(app: ActiveJobApp) -> str:
    """The screen, the header, every notification, the detail pane and every cell of the list."""
    table = screen_of(app).table
    cells = [plain(value) for key in table.visible_keys() for value in table.get_row(key)]
    return "\n".join([screen_text(app), status_text(app), *notes(app), detail_text(app), *cells])


def steady_job(app: ActiveJobApp) -> str:
    """The running job furthest from its end (least progress), so it does not finish by itself during a test."""
    jobs = screen_of(app).state.jobs[View.ACTIVE].values()
    return min((j for j in jobs if j.state == ActiveJobState.RUNNING), key=lambda j: j.progress or 0).job_handle


async def stale_with(pilot, app: ActiveJobApp, sentence: str, *, first_failure: str | None = None) -> set[str]:
    """The header says ``sentence`` and that the data is stale and a retry is coming; the console still
    runs and still shows the rows of the last good poll. Returns them.

    The outage is announced once, with its first failure: ``first_failure`` (default ``sentence``) is
    what that note says. A kill -9 may first show as a dropped connection, then as refused ones."""
    await until(pilot, lambda: sentence in status_text(app), timeout=8)
    header = status_text(app)
    assert "stale since" in header and "retrying" in header, header
    announced = sentence if first_failure is None else first_failure
    # notify() only posts a message, handled after the header was drawn: wait for it, don't race it.
    await until(
        pilot,
        lambda: any(announced in note for note in notes(app) if note.startswith("Poll failed: ")),
        timeout=8,
    )
    assert app.is_running and app.return_code is None
    rows = set(screen_of(app).table.visible_keys())
    assert rows and rows == set(app.poller.snapshot(View.ACTIVE))
    return rows


async def fresh(pilot, app: ActiveJobApp, timeout: float = 8) -> None:
    """Poll now and wait until the header says the data is fresh again."""
    app.poller.poll_now()
    await until(pilot, lambda: "polled" in status_text(app), timeout=timeout)
    assert "stale" not in status_text(app)


async def select(pilot, app: ActiveJobApp, handle: str) -> None:
    """Put the cursor on ``handle`` and wait until the detail pane shows that job."""
    screen = screen_of(app)
    assert screen.table.select_key(handle)
    await until(pilot, lambda: getattr(screen.detail.job, "job_handle", None) == handle)


async def open_stop(pilot, app: ActiveJobApp, handle: str) -> ConfirmScreen:
    """Select ``handle`` and press ``s``: the dialog names exactly that job."""
    assert screen_of(app).table.select_key(handle)
    await pilot.press("s")
    await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), timeout=5)
    assert [t.handle for t in app.screen.targets] == [handle]
    return app.screen


async def confirm(pilot, app: ActiveJobApp, outcome: str | tuple[str, ...]) -> str:
    """Press ``y`` and wait for the notification starting with ``outcome`` (or one of them); returns it."""
    before = len(notes(app))
    await pilot.press("y")
    await until(pilot, lambda: any(n.startswith(outcome) for n in notes(app)[before:]), timeout=8)
    return next(n for n in notes(app)[before:] if n.startswith(outcome))


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
        assert "stale since" in header and "retrying" in header, header
        assert app.is_running and app.return_code is None
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


# --- a command the server refuses or garbles: told in words, nothing else changes (rogue server) --------


COMMAND_FAULTS: dict[str, tuple[Reply, Callable[[Path], Reply], str, str, str]] = {
    # case: (the list, the stopJob answer, the job's handle, its name as shown, the sentence)
    "drop": (Reply(200, ONE_JOB), lambda secret: Reply(drop=True), ALPHA, "alpha",
             "{host} closed the connection before answering."),
    "soap12": (Reply(200, ONE_JOB), lambda secret: SOAP12_STOP, ALPHA, "alpha",
               "The server's answer to stopJob is not the SOAP this client expects."),
    "xxe-control": (Reply(200, ONE_JOB), lambda secret: Reply(200, dtd_answers(secret)["xxe-control"]), ALPHA, "alpha",
                    ("The server's answer to stopJob contains a DOCTYPE (entity or DTD declarations); refused for "
                     "safety, nothing in it was read.")),
    "hostile-reason": (HOSTILE_STATE, lambda secret: HOSTILE_STOP_FAULT, "j|\u202ex", "n\\x9b",
                       "stopJob failed: no \\u2066such\\u2069 job \\x9b (IPS code 30001)."),
}


@pytest.mark.parametrize("case", list(COMMAND_FAULTS))
async def test_a_stop_the_server_refuses_or_garbles_is_told_in_words(rogue, tmp_path, case):
    listing, stop_answer, handle, name, sentence = COMMAND_FAULTS[case]
    secret = tmp_path / "secret.txt"
    secret.write_text(FILE_SECRET)
    rogue.answer(listing, "getActiveJobs")
    rogue.answer(stop_answer(secret), "stopJob")
    async with running(rogue_settings(rogue, timeout=1.0)) as (app, pilot):
        state = cell(app, handle, "state")
        await open_stop(pilot, app, handle)
        said = await confirm(pilot, app, "Could not stop")
        assert said == f"Could not stop {name}: {sentence.format(host=f'127.0.0.1:{rogue.port}')}"
        assert stopped_handles(rogue) == [handle]
        assert not any(n.startswith("Sent stop") for n in notes(app))
        assert handle not in screen_of(app).state.stopping
        await settle(pilot, app)  # the next poll still works and shows the job as it was
        assert cell(app, handle, "state") == state and "stopping" not in state
        shown = everything_shown(app)
        assert FILE_SECRET not in shown and not [ch for ch in RAW_FORBIDDEN if ch in shown]


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
            assert cell_len(name) <= 25 and name.endswith("…") and shown.startswith(name[:-1])
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
        long_line = row_line(app, handles["long"])
        assert "L" * 24 + "…" in long_line and "-the-end!" not in long_line
        assert "漢字のジョブ名" in row_line(app, handles["cjk-emoji"])


# --- API faults on stop, against the sandbox ---------------------------------------------------------------


async def _finish_meanwhile(server, handle: str) -> None:
    """Another operator stops the job, and it ends, while this console's dialog waits."""
    client = await IpsClient.open(sandbox_settings(server))
    try:
        await client.stop_job(handle)
        deadline = asyncio.get_running_loop().time() + 10
        while handle in {j.job_handle for j in await client.active_jobs()}:
            assert asyncio.get_running_loop().time() < deadline, "the stopped job never ended"
            await asyncio.sleep(0.2)
    finally:
        await client.close()


def _in_thread(fn: Callable[..., object], *args) -> Callable[[object, str], Awaitable[object]]:
    return lambda server, handle: asyncio.to_thread(fn, server.db_path, *args)


@dataclass
class Refusal:
    meanwhile: Callable[[object, str], Awaitable[object]]
    """What happens between ``s`` and ``y``."""
    sentence: str
    header: str | None = None
    """What the header says meanwhile (the polls fail too), if anything."""
    undo: Callable[[Path], object] | None = None


REFUSALS = {
    "authentication": Refusal(_in_thread(set_password, DEMO, "rotated-password"),
                              "Authentication failed: Invalid username/password (IPS code 10001).",
                              "Authentication failed: Invalid username/password (IPS code 10001)",
                              lambda db: set_password(db, DEMO, "demo-password")),
    "authorization": Refusal(_in_thread(set_membership, DEMO, 2),
                             "Not allowed to stopJob: User 'demo@example.com' is not a member of company 'c|1' "
                             "(IPS code 20006).",
                             "Not allowed to getActiveJobs: User 'demo@example.com' is not a member of company 'c|1'",
                             lambda db: set_membership(db, DEMO, 1)),
    "vanished": Refusal(_finish_meanwhile,
                        "stopJob failed: Job '{handle}' has already finished; it cannot be stopped (IPS code 30001)."),
}


@pytest.mark.parametrize("case", list(REFUSALS))
async def test_a_refused_stop_is_told_in_words_and_changes_nothing(sandbox_factory, case):
    refusal = REFUSALS[case]
    server = sandbox_factory()
    async with running(sandbox_settings(server)) as (app, pilot):
        screen = screen_of(app)
        handle = steady_job(app)
        name = screen.state.jobs[View.ACTIVE][handle].name
        await open_stop(pilot, app, handle)
        try:
            await refusal.meanwhile(server, handle)
            if refusal.header is not None:  # the polls are refused too: stale, the last rows kept
                app.poller.poll_now()
                assert handle in await stale_with(pilot, app, refusal.header)
            said = await confirm(pilot, app, "Could not stop")
        finally:
            if refusal.undo is not None:
                await asyncio.to_thread(refusal.undo, server.db_path)
        assert said == f"Could not stop {printable(name)}: {refusal.sentence.format(handle=handle)}"
        assert not any(n.startswith("Sent stop") for n in notes(app))
        assert handle not in screen.state.stopping
        await fresh(pilot, app)  # the same client works again once the cause is undone
        client = await IpsClient.open(sandbox_settings(server))
        try:
            active = {j.job_handle: j for j in await client.active_jobs()}
        finally:
            await client.close()
        assert [h for h, j in active.items() if j.state == ActiveJobState.STOPPING] == []  # nothing else stopped
        if case == "vanished":
            await until(pilot, lambda: not screen.table.is_shown(handle))
        else:
            assert active[handle].state == ActiveJobState.RUNNING
            assert cell(app, handle, "state") == "▶ Running"


async def test_a_finished_job_offers_no_stop(sandbox):
    async with running(sandbox_settings(sandbox)) as (app, pilot):
        await pilot.press("3")
        await settle(pilot, app)
        screen = screen_of(app)
        assert screen.view is View.FINISHED and screen.table.selected_key is not None
        await pilot.press("s")
        await pilot.pause(0.1)
        assert not isinstance(app.screen, ConfirmScreen)
        assert screen.check_action("stop", ()) is False  # greyed out in the footer, in this view
        assert not any(n.startswith(("Sent stop", "Could not stop")) for n in notes(app))


async def test_a_second_stop_changes_nothing_and_one_cancelled_log_is_written(sandbox_factory):
    server = sandbox_factory()
    async with running(sandbox_settings(server)) as (app, pilot):
        screen = screen_of(app)
        handle = steady_job(app)
        await open_stop(pilot, app, handle)
        await confirm(pilot, app, "Sent stop to 1 job")
        await open_stop(pilot, app, handle)  # again, while the server is stopping it (the note: see the next test)
        # accepted while it is stopping; refused in words if it ended in between (STOP_DELAY_REAL is 1 s)
        second = await confirm(pilot, app, ("Sent stop to 1 job", "Could not stop"))
        assert second.startswith("Sent stop") or "has already finished; it cannot be stopped" in second
        await until(pilot, lambda: not screen.table.is_shown(handle), timeout=10)
        client = await IpsClient.open(sandbox_settings(server))
        try:
            logs = [log for log in await client.job_logs() if log.job_handle == handle]
        finally:
            await client.close()
        assert [log.outcome.value for log in logs] == ["cancelled"]


async def test_a_second_stop_before_the_server_shows_the_first_says_it_was_already_sent(rogue):
    """IPS's stopJob returns nothing and a job may stay Running for a while (IPS_JOBS_API.md §7): a second ``s``
    meanwhile says the stop was already sent and that sending it again is harmless — and sends it again."""
    rogue.answer(Reply(200, ONE_JOB), "getActiveJobs")  # alpha stays Running: the server has not shown the stop
    rogue.answer(Reply(200, STOP_ACCEPTED), "stopJob")
    async with running(rogue_settings(rogue)) as (app, pilot):
        screen = screen_of(app)
        first = await open_stop(pilot, app, ALPHA)
        plain_note = ("The job will stop after its current step; the list shows “stopping…” until the server "
                      "confirms.")
        assert first.note == plain_note
        await confirm(pilot, app, "Sent stop to 1 job")
        app.poller.poll_now()
        await settle(pilot, app)  # a poll after the stop still shows alpha Running
        assert ALPHA in screen.state.stopping and cell(app, ALPHA, "state") == "■ stopping…"
        second = await open_stop(pilot, app, ALPHA)
        assert second.note == plain_note + " Stop was already sent to 1 of them; sending it again is harmless."
        await confirm(pilot, app, "Sent stop to 1 job")
        assert stopped_handles(rogue) == [ALPHA, ALPHA]


# --- stop safety ------------------------------------------------------------------------------------------


async def test_the_job_in_the_dialog_is_the_one_stopped_while_the_list_resorts(sandbox_factory):
    server = sandbox_factory()
    async with running(sandbox_settings(server)) as (app, pilot):
        table = screen_of(app).table
        handle = steady_job(app)
        await open_stop(pilot, app, handle)
        row = table.get_row_index(handle)
        newcomer = (await asyncio.to_thread(submit_jobs, server, {"new": "Newcomer under the dialog"}))["new"]
        app.poller.poll_now()
        await until(pilot, lambda: table.is_shown(newcomer))
        assert table.get_row_index(handle) != row  # the list re-sorted under the dialog
        assert table.visible_keys()[row] != handle  # another job sits where the chosen one was
        await confirm(pilot, app, "Sent stop to 1 job")
        client = await IpsClient.open(sandbox_settings(server))
        try:
            active = {j.job_handle: j for j in await client.active_jobs()}
        finally:
            await client.close()
        stopped = {h for h, j in active.items() if j.state == ActiveJobState.STOPPING}
        assert stopped <= {handle} and (handle in stopped or handle not in active)  # exactly that job
        assert active[newcomer].state != ActiveJobState.STOPPING


def _refilter(app: ActiveJobApp, chosen: set[str]) -> None:
    """A new filter while the dialog is open: the chosen jobs are hidden (the cursor lands elsewhere)."""
    screen = screen_of(app)
    screen.query_one("#filter").input.value = " ".join(f"!handle:{h}" for h in sorted(chosen))


def _move_cursor(app: ActiveJobApp, chosen: set[str]) -> None:
    """The cursor moves to another job while the dialog is open (a click, a poll, a script)."""
    table = screen_of(app).table
    assert table.select_key(next(k for k in table.visible_keys() if k not in chosen))


def _remark(app: ActiveJobApp, chosen: set[str]) -> None:
    """The marks change while the dialog is open: the chosen ones unmarked, two others marked."""
    state = screen_of(app).state
    others = [k for k in screen_of(app).table.visible_keys() if k not in chosen][:2]
    state.marks.clear()
    state.marks.update(others)


UNDER_THE_DIALOG = {"refiltered": _refilter, "cursor moved": _move_cursor, "marks changed": _remark}


@pytest.mark.parametrize("marked", [False, True], ids=["cursor", "marked"])
@pytest.mark.parametrize("meanwhile", list(UNDER_THE_DIALOG))
async def test_the_jobs_sent_stop_are_exactly_the_jobs_the_dialog_showed(sandbox_factory, meanwhile, marked):
    """Stop safety (issue 16): whatever happens between ``s`` and ``y`` — a poll that brings a new job and
    re-sorts the list, a new filter, the cursor on another row, other marks — the stop goes to exactly
    the jobs the confirmation listed: not recomputed when the operator confirms, not the row under the
    cursor at that moment. Checked on the sandbox, which is the only witness that matters."""
    server = sandbox_factory()
    async with running(sandbox_settings(server)) as (app, pilot):
        screen = screen_of(app)
        table = screen.table
        by_progress = sorted((j for j in screen.state.jobs[View.ACTIVE].values()
                              if j.state == ActiveJobState.RUNNING), key=lambda j: j.progress or 0)
        chosen = [j.job_handle for j in by_progress[:2 if marked else 1]]  # the furthest from their end
        if marked:
            for handle in chosen:
                assert table.select_key(handle)
                await pilot.press("space")
            await until(pilot, lambda: screen.state.marks == set(chosen))
            assert table.select_key(next(k for k in table.visible_keys() if k not in chosen))
        else:
            assert table.select_key(chosen[0])
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), timeout=5)
        dialog = app.screen
        assert sorted(t.handle for t in dialog.targets) == sorted(chosen)
        shown = plain(dialog.query_one("#confirm-summary", Static).content)
        # under the dialog: a refresh that brings a new job and re-sorts, then the change of this case
        newcomer = (await asyncio.to_thread(submit_jobs, server, {"new": "Newcomer under the dialog"}))["new"]
        app.poller.poll_now()
        await until(pilot, lambda: table.is_shown(newcomer))
        UNDER_THE_DIALOG[meanwhile](app, set(chosen))
        await pilot.pause()
        if meanwhile == "refiltered":
            await until(pilot, lambda: not any(table.is_shown(h) for h in chosen))
        assert app.screen is dialog and plain(dialog.query_one("#confirm-summary", Static).content) == shown
        if not marked or meanwhile == "marks changed":  # marks rule over the cursor and the filter
            assert screen.runner.pick()[0] != dialog.targets  # a recomputation now would give other jobs
        said = await confirm(pilot, app, ("Sent stop", "Could not stop"))
        assert said.startswith(f"Sent stop to {len(chosen)} job{'s' if marked else ''}: "), said
        client = await IpsClient.open(sandbox_settings(server))
        try:
            active = {j.job_handle: j for j in await client.active_jobs()}
            ended = {log.job_handle: log.outcome.value for log in await client.job_logs()}
        finally:
            await client.close()
        stopped = {h for h, j in active.items() if j.state == ActiveJobState.STOPPING}
        stopped |= {h for h in chosen if h not in active and ended.get(h) == "cancelled"}
        assert stopped == set(chosen), (stopped, chosen)
        assert active[newcomer].state != ActiveJobState.STOPPING


@pytest.mark.parametrize("answer", ["readonly", "n", "escape", "enter"])
async def test_no_stop_is_sent_without_a_yes(rogue, answer):
    rogue.answer(Reply(200, ONE_JOB), "getActiveJobs")
    rogue.answer(Reply(200, STOP_ACCEPTED), "stopJob")
    async with running(rogue_settings(rogue), readonly=answer == "readonly") as (app, pilot):
        screen = screen_of(app)
        await pilot.press("s")
        await pilot.pause(0.1)
        if answer == "readonly":
            assert not isinstance(app.screen, ConfirmScreen)
            assert "READ-ONLY" in status_text(app)
            screen.runner.run("stop", screen.runner.pick()[0])  # even a direct call refuses
            await until(pilot, lambda: "Read-only mode: nothing was sent." in notes(app))
        else:
            assert isinstance(app.screen, ConfirmScreen) and app.focused.id == "cancel"
            await pilot.press(answer)
            await until(pilot, lambda: not isinstance(app.screen, ConfirmScreen))
        app.poller.poll_now()
        await settle(pilot, app)  # a poll went by after the answer
        assert stopped_handles(rogue) == []
        assert ALPHA not in screen.state.stopping and cell(app, ALPHA, "state") == "▶ Running"


async def test_marks_hidden_by_the_filter_are_declared_and_stopped(rogue):
    rogue.answer(Reply(200, jobs_answer("j|a", "j|b", "j|c")), "getActiveJobs")
    rogue.answer(Reply(200, STOP_ACCEPTED), "stopJob")
    async with running(rogue_settings(rogue)) as (app, pilot):
        screen = screen_of(app)
        for handle in ("j|a", "j|b"):
            assert screen.table.select_key(handle)
            await pilot.press("space")
        await pilot.press("slash")
        screen.query_one("#filter").input.value = "handle:j|c"
        await until(pilot, lambda: screen.table.visible_keys() == ["j|c"])
        await pilot.press("enter")
        assert "2 marked (2 hidden by the filter)" in status_text(app)
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), timeout=5)
        dialog = app.screen
        assert sorted(t.handle for t in dialog.targets) == ["j|a", "j|b"] and dialog.hidden == 2
        summary = plain(dialog.query_one("#confirm-summary", Static).content)
        assert "2 marked jobs will be sent stop." in summary
        assert "2 of them are hidden by the current filter." in summary
        await confirm(pilot, app, "Sent stop to 2 jobs")
        assert sorted(stopped_handles(rogue)) == ["j|a", "j|b"]


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
        assert [op for op, _, _ in tls_rogue.requests][:1] == ["getActiveJobs"]
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
