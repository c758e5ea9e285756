"""Context switching (issue 13 item 3, k9s ``:ctx``): ``:profile NAME`` and ``:company NAME`` against
two real sandboxes started by fixtures, with the config file's profiles and the user's companies
(getCompanyMembership) as completion, and the header naming profile, company, user, API and host."""

from __future__ import annotations

import asyncio
import os
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from activejob_tui.config import CONFIG_ENV, Options, resolve
from activejob_tui.contexts import ContextSwitcher
from activejob_tui.poller import View
from activejob_tui.tui.app import ActiveJobApp
from activejob_tui.tui.screens.console import ConsoleScreen

from .helpers import screen_of, settle, status_text, wait_until
from .test_notices import SHOWN, shown_toasts  # noqa: F401 - its autouse fixture records every toast

DEBUG = ["--log-level", "DEBUG"]  # the sandbox logs one line per request: "<op> <user> <n> bytes …"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_config(path: Path, **profiles: dict[str, str]) -> Path:
    lines = ['default_profile = "one"', ""]
    for name, keys in profiles.items():
        lines.append(f"[profiles.{name}]")
        lines += [f'{k} = "{v}"' for k, v in keys.items()]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    os.chmod(path, 0o600)
    return path


def profile_of(sandbox: Any, password: str = "demo-password") -> dict[str, str]:
    return {"wsdl": sandbox.wsdl_url_2016, "user": "demo@example.com", "password": password,
            "company": "Demo Company", "timeout": "5"}


def requests_seen(sandbox: Any) -> str:
    """The last SOAP request the sandbox logged (DEBUG, each line stamped to the millisecond): one of the
    demo user's (operation, user, bytes, time), or a poll — getActiveJobs is streamed, and its line names
    no user (``sandbox/server.py``); only this test's console talks to these sandboxes. A new request
    changes it. (Not a count: the sandbox keeps only its last 400 lines of stderr, so a count of a busy
    sandbox's request lines stops growing — 3 > 3 failed in CI. Polls left out, the wait for "sandbox two
    is polled" hung on the live log's requests alone and ran out once under load.)"""
    lines = [line for line in list(sandbox.stderr.splitlines())
             if " bytes " in line and ("demo@example.com" in line or "getActiveJobs streamed" in line)]
    return lines[-1] if lines else ""


@pytest.fixture
def two_sandboxes(sandbox_factory, tmp_path, monkeypatch):
    """(one, two, env): sandbox one (the demo seed), sandbox two (bulk jobs "… #N"), and an
    environment whose config file has profiles one, two, a wrong password and an unreachable host."""
    one = sandbox_factory(extra_args=DEBUG)
    two = sandbox_factory(demo_jobs=6, extra_args=DEBUG)
    config = write_config(tmp_path / "config.toml", one=profile_of(one), two=profile_of(two),
                          badpass=profile_of(two, password="wrong-password"),
                          gone={**profile_of(one), "wsdl": one.wsdl_url_2016,
                                "endpoint": f"http://127.0.0.1:{free_port()}/scene7/services/IpsApiService"})
    env = {CONFIG_ENV: str(config)}
    for key in ("IPS_WSDL", "IPS_ENDPOINT", "IPS_USER", "IPS_PASSWORD", "IPS_COMPANY"):
        monkeypatch.delenv(key, raising=False)
    return one, two, env


@asynccontextmanager
async def context_console(env: dict[str, str], size: tuple[int, int] = (160, 48)
                          ) -> AsyncIterator[tuple[Any, ActiveJobApp, ConsoleScreen]]:
    """The console as the CLI starts it (a ContextSwitcher on ``env``'s config file), after its first poll."""
    options = Options()
    resolved = resolve(options, env, None)
    contexts = ContextSwitcher(options, env, resolved)
    app = ActiveJobApp(lambda: contexts.open_first(), contexts=contexts, poll_interval=0.2)  # type: ignore[arg-type, return-value]
    async with app.run_test(size=size) as pilot:
        await settle(pilot, app, timeout=30)
        yield pilot, app, screen_of(app)


def toasts(app: ActiveJobApp) -> list[str]:
    return list(SHOWN)


async def command(pilot: Any, text: str) -> None:
    await pilot.press("colon")
    line = pilot.app.screen.query_one("#cmdline-input")
    line.value = text
    await pilot.press("enter")


def names(screen: ConsoleScreen) -> set[str]:
    return {j.name for j in screen.state.jobs[View.ACTIVE].values()}


async def test_profile_switch_shows_the_new_sandbox_and_leaves_the_old_one_alone(two_sandboxes):
    one, two, env = two_sandboxes
    async with context_console(env) as (pilot, app, screen):
        header = status_text(app)
        assert f"profile one · Demo Company · demo@example.com · API 2016-01-14-beta · 127.0.0.1:{one.port} " \
               "(this machine)" in header
        before = names(screen)
        assert before and not any("#" in n for n in before)
        old_source = app.source
        await pilot.press("space")  # one mark, which cannot follow to another server
        assert len(screen.state.marks) == 1

        await command(pilot, "profile two")
        await wait_until(pilot, lambda: "profile two" in status_text(app), timeout=30)
        await wait_until(pilot, lambda: screen.state.jobs[View.ACTIVE] and all("#" in n for n in names(screen)))
        assert f"127.0.0.1:{two.port}" in status_text(app) and "Demo Company" in status_text(app)
        assert screen.table.row_count == len(screen.state.jobs[View.ACTIVE])
        assert all("#" in screen.table.jobs[k].name for k in screen.table.visible_keys())
        assert not screen.state.marks
        told = " ".join(toasts(app))
        assert "Now on profile two, Demo Company." in told and "1 mark dropped: it was a job of Demo Company." in told
        # the old connection is closed: sandbox one hears nothing more, sandbox two is polled
        assert app.source is not old_source
        assert old_source.info is not None and old_source.is_closed
        heard_one, heard_two = requests_seen(one), requests_seen(two)
        assert heard_one and heard_two
        await settle(pilot, app, polls=4, timeout=20)
        assert requests_seen(one) == heard_one
        await wait_until(pilot, lambda: requests_seen(two) != heard_two, timeout=20)  # through a pipe: later
        assert one.running  # a sandbox the console did not start is not stopped


async def test_a_failed_switch_says_why_and_keeps_the_old_context_running(two_sandboxes):
    one, two, env = two_sandboxes
    async with context_console(env) as (pilot, app, screen):
        before = dict(screen.state.jobs[View.ACTIVE])
        source = app.source
        for name, why in (("nowhere", "No profile 'nowhere' in"),
                          ("badpass", "Could not switch to profile badpass:"),
                          ("gone", "Could not switch to profile gone:")):
            SHOWN.clear()
            await command(pilot, f"profile {name}")
            await wait_until(pilot, lambda: any("Still on profile one, Demo Company, as before." in t for t in toasts(app)),
                             timeout=30)
            told = next(t for t in toasts(app) if "Still on" in t)
            assert why in told, told
            assert app.source is source and "profile one" in status_text(app)
        heard = requests_seen(one)
        await settle(pilot, app, polls=2, timeout=20)  # still polling the old sandbox, data kept
        # the sandbox's log reaches the test through a pipe and a reader thread, later than the answer
        await wait_until(pilot, lambda: requests_seen(one) != heard, timeout=20)
        assert set(screen.state.jobs[View.ACTIVE]) & set(before)
        assert screen.table.row_count > 0 and "stale" not in status_text(app)


async def test_failure_reasons_name_the_fault(two_sandboxes):
    _one, _two, env = two_sandboxes
    async with context_console(env) as (pilot, app, _screen):
        reasons = {}
        for name in ("nowhere", "badpass", "gone"):
            SHOWN.clear()
            await command(pilot, f"profile {name}")
            await wait_until(pilot, lambda: any("Still on" in t for t in toasts(app)), timeout=30)
            reasons[name] = next(t for t in toasts(app) if "Still on" in t)
        still = " Still on profile one, Demo Company, as before."
        assert reasons["nowhere"] == (f"Could not switch to profile nowhere: No profile 'nowhere' in {env[CONFIG_ENV]} "
                                      f"(profiles: badpass, gone, one, two).{still}")
        assert reasons["badpass"] == ("Could not switch to profile badpass: Authentication failed: Invalid "
                                      f"username/password (IPS code 10001).{still}")
        assert reasons["gone"].startswith("Could not switch to profile gone: Cannot connect to 127.0.0.1:")
        assert reasons["gone"].endswith(f"connection refused. Is the server running?{still}")


async def test_company_switch_on_the_same_sandbox(two_sandboxes):
    one, _two, env = two_sandboxes
    async with context_console(env) as (pilot, app, screen):
        await wait_until(pilot, lambda: app.companies == ("Demo Company", "Demo Studio"))
        old_source = app.source
        await command(pilot, "company demo studio")
        await wait_until(pilot, lambda: "Demo Studio" in status_text(app), timeout=30)
        await wait_until(pilot, lambda: names(screen) == {"Studio catalog publish", "Studio photo import",
                                                         "Studio lookbook videos"})
        assert "profile one · Demo Studio · demo@example.com" in status_text(app)
        assert old_source.is_closed
        assert one.running
        await command(pilot, "company Other Company")  # the demo user is not a member
        await wait_until(pilot, lambda: any("Still on profile one, Demo Studio, as before." in t for t in toasts(app)), timeout=30)
        told = next(t for t in toasts(app) if "Still on profile one, Demo Studio, as before." in t)
        assert "not a member of a company named 'Other Company'" in told
        assert "member of: Demo Company, Demo Studio" in told


async def test_completion_offers_profiles_and_companies(two_sandboxes):
    _one, _two, env = two_sandboxes
    async with context_console(env) as (pilot, app, screen):
        await wait_until(pilot, lambda: len(app.companies) == 2)
        line = screen.query_one("#cmdline-input")
        hint = screen.query_one("#cmdline-hint")
        await pilot.press("colon", *"prof")
        await pilot.pause(0.2)
        await pilot.press("tab")
        assert line.value == "profile "
        await pilot.pause(0.2)
        assert str(hint.render()).strip() == "profiles: badpass  gone  one  two"
        await pilot.press("t")
        await pilot.pause(0.2)
        await pilot.press("tab")
        assert line.value == "profile two"
        await pilot.press("escape")
        await pilot.press("colon", *"company demo s")
        await pilot.pause(0.2)
        assert str(hint.render()).strip() == "companies: Demo Studio"
        await pilot.press("tab")
        assert line.value == "company Demo Studio"
        await pilot.press("escape")


async def test_the_palette_offers_each_profile_and_company(two_sandboxes):
    _one, _two, env = two_sandboxes
    async with context_console(env) as (pilot, app, screen):
        await wait_until(pilot, lambda: len(app.companies) == 2)
        from activejob_tui.tui.palette import ContextCommands

        provider = ContextCommands(screen)
        titles = [title for title, _help, _cb in provider.listed()]
        assert titles == ["Profile: badpass", "Profile: gone", "Profile: one", "Profile: two",
                          "Company: Demo Company", "Company: Demo Studio"]
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        for char in "Profile: two":
            await pilot.press("space" if char == " " else char)
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_until(pilot, lambda: "profile two" in status_text(app), timeout=30)


async def test_embedded_sandbox_passes_to_the_company_it_switches_to(tmp_path, monkeypatch):
    """The embedded sandbox belongs to the connection; :company hands it over instead of stopping it."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    for name in ("NO_PROXY", "no_proxy"):  # the embedded sandbox adds 127.0.0.1 to it: restored after the test
        monkeypatch.setenv(name, os.environ.get(name, ""))
    env = {CONFIG_ENV: os.devnull}
    async with context_console(env) as (pilot, app, screen):
        assert "no profile · Demo Company" in status_text(app) and "embedded sandbox 127.0.0.1:" in status_text(app)
        await command(pilot, "company Demo Studio")
        await wait_until(pilot, lambda: "Demo Studio" in status_text(app), timeout=30)
        await wait_until(pilot, lambda: "Studio catalog publish" in names(screen))
        await settle(pilot, app, polls=2, timeout=20)  # the sandbox is still there
        assert "stale" not in status_text(app)
    await asyncio.sleep(0)


async def test_one_switch_at_a_time(two_sandboxes, tmp_path):
    """A second switch while one is connecting is refused (the first may take the whole timeout)."""
    _one, _two, env = two_sandboxes
    silent = socket.socket()  # accepts connections (the kernel's backlog) and never answers
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    port = silent.getsockname()[1]
    config = Path(env[CONFIG_ENV])
    config.write_text(config.read_text() + f"""
[profiles.silent]
wsdl = "http://127.0.0.1:{port}/scene7/webservice/IpsApi-2016-01-14-beta.wsdl"
user = "demo@example.com"
password = "demo-password"
timeout = 2
""")
    try:
        async with context_console(env) as (pilot, app, _screen):
            await command(pilot, "profile silent")
            await wait_until(pilot, lambda: app.switching == "profile silent")
            await command(pilot, "company Demo Studio")
            assert "Still connecting to profile silent; wait for it, then switch again." in toasts(app)
            await wait_until(pilot, lambda: app.switching is None, timeout=30)
            assert any(t.startswith("Could not switch to profile silent:") for t in toasts(app))
            await command(pilot, "company Demo Studio")
            await wait_until(pilot, lambda: "profile one · Demo Studio" in status_text(app), timeout=30)
    finally:
        silent.close()


# -- ContextSwitch on its own: a recording App (the SwitchHost protocol), no sandbox ---------------


class RecordingHost:
    """The App's side of the switch, recorded: toasts, workers, the poller's stops and starts."""

    def __init__(self) -> None:
        self.toasts: list[tuple[str, str]] = []
        self.events: list[str] = []
        self.workers = self
        self.work: list[Any] = []

    def notify(self, message: str, *, title: str = "", severity: str = "information", timeout: float | None = None,
               markup: bool = True) -> None:
        self.toasts.append((message, severity))

    def run_worker(self, work: Any, name: str | None = "", group: str = "default", description: str = "",
                   exit_on_error: bool = True) -> Any:
        self.work.append(work)
        self.events.append(f"worker {group}")

    def cancel_all(self) -> None:
        self.events.append("cancel all")

    def start_polling(self, source: Any) -> None:
        self.events.append("start polling")

    def stop_polling(self) -> None:
        self.events.append("stop polling")

    def context_switched(self, number: int, context: Any, old_company: str | None) -> None:
        self.events.append(f"switched {number}")

    def companies_known(self, names: Any) -> None:
        self.events.append(f"companies {list(names)}")


class ClosingSource:
    def __init__(self, fail: Exception | None = None, hang: bool = False) -> None:
        self.info = object()
        self.closes = 0
        self.fail = fail
        self.hang = hang

    async def close(self) -> None:
        self.closes += 1
        if self.hang:
            await asyncio.sleep(60)
        if self.fail is not None:
            raise self.fail


def test_a_switch_is_refused_without_contexts_or_before_the_first_connection(tmp_path):
    from activejob_tui.tui.context_switch import ContextSwitch

    host = RecordingHost()
    ContextSwitch(host, None).switch("company", "Demo Studio")
    config = write_config(tmp_path / "config.toml", one={"wsdl": "http://127.0.0.1:9/x.wsdl", "user": "u",
                                                         "password": "p", "company": "c"})
    env = {CONFIG_ENV: str(config)}
    ContextSwitch(host, ContextSwitcher(Options(), env, resolve(Options(), env, None))).switch("profile", "one")
    assert host.toasts == [
        ("This console was started without a config context; restart with --company Demo Studio.", "warning"),
        ("Cannot switch yet: not connected.", "warning")]
    assert host.work == []


def test_choices_read_the_config_file_now_and_say_when_it_cannot_be_read(tmp_path):
    from activejob_tui.tui.context_switch import ContextSwitch

    config = write_config(tmp_path / "config.toml", one={"wsdl": "http://127.0.0.1:9/x.wsdl", "user": "u",
                                                         "password": "p", "company": "c"})
    env = {CONFIG_ENV: str(config)}
    host = RecordingHost()
    switch = ContextSwitch(host, ContextSwitcher(Options(), env, resolve(Options(), env, None)))
    assert switch.choices() == {"profile": ["one"], "company": []}
    config.write_text(config.read_text() + "\n[profiles.two]\nwsdl = \"x\"\n", encoding="utf-8")
    assert switch.choices()["profile"] == ["one", "two"]  # edited while the console runs
    config.write_text("this is = = not toml", encoding="utf-8")
    assert switch.choices() == {"profile": [], "company": []}
    assert len(host.toasts) == 1 and host.toasts[0][1] == "error" and str(config) in host.toasts[0][0]


async def test_the_first_connection_without_contexts_comes_from_connect():
    from activejob_tui.tui.context_switch import ContextSwitch

    from .fakes import FakeSource

    source = FakeSource()
    switch = ContextSwitch(RecordingHost(), None)

    async def connect() -> Any:
        return source

    assert await switch.open_first(connect) is source
    assert switch.source is source and switch.context is None and switch.number == 0
    switch.started()  # no context: no companies to read
    assert switch.host.work == []


async def test_close_stops_polling_and_closes_the_connection_once_even_when_it_fails_or_hangs(monkeypatch):
    from activejob_tui.tui import context_switch
    from activejob_tui.tui.context_switch import ContextSwitch

    for source in (ClosingSource(), ClosingSource(fail=OSError("broken pipe")), ClosingSource(hang=True)):
        monkeypatch.setattr(context_switch, "CLOSE_TIMEOUT", 0.2)
        host = RecordingHost()
        switch = ContextSwitch(host, None)
        switch.source = source  # type: ignore[assignment]
        await switch.close()
        await switch.close()  # q, then unmount: once
        assert source.closes == 1
        assert host.events == ["stop polling", "cancel all"]


async def test_a_failed_switch_in_traditional_chinese_ends_each_sentence_once(two_sandboxes):
    """A new user saw '…（所屬公司：Demo Company, Demo Studio）。. 仍維持在 Demo Company。': the reason, already
    ending in a full-width stop, was given an ASCII one too."""
    from activejob_tui import i18n

    _one, _two, env = two_sandboxes
    i18n.set_language("zh_TW")
    try:
        async with context_console(env) as (pilot, app, screen):
            await wait_until(pilot, lambda: app.companies == ("Demo Company", "Demo Studio"))
            await command(pilot, "company Nope")
            await wait_until(pilot, lambda: any("仍維持在" in t for t in toasts(app)), timeout=30)
            told = next(t for t in toasts(app) if "仍維持在" in t)
            assert "。." not in told and "。" in told, told
    finally:
        i18n.set_language("en")
