"""Desktop notifications through the terminal (issue 13 item 4): OSC 9 / OSC 777, sent for what the
notification policy announces, held under a dialog like the toasts, the config key checked."""

from __future__ import annotations

import pytest

from activejob_tui.config import ConfigFile, _desktop_notify
from activejob_tui.config_error import ConfigError
from activejob_tui.tui.desktop import sequence
from activejob_tui.tui.screens.confirm import ConfirmScreen

from .fakes import FakeSource, make_active
from .helpers import running_console, settle, wait_until
from .test_notices import end_jobs


@pytest.mark.parametrize("flavour, start", [("osc777", "\x1b]777;notify;Job failed;"), ("osc9", "\x1b]9;Job failed: ")])
async def test_ended_jobs_reach_the_terminal_as_one_sequence(flavour, start):
    source = FakeSource()
    written: list[str] = []
    async with running_console(source, desktop_notify=flavour, terminal_write=written.append) as (pilot, app, screen, _):
        end_jobs(source, 3, failed=1)
        await settle(pilot, app, polls=2)
        await wait_until(pilot, lambda: written)
        assert len(written) == 1
        assert written[0].startswith(start) and written[0].endswith("\x07")
        assert "3 jobs finished, 1 with errors" in written[0]
        assert written[0].count("\x1b") == 1 and written[0].count("\x07") == 1


async def test_nothing_is_sent_when_off_or_when_the_policy_says_nothing():
    source = FakeSource()
    written: list[str] = []
    async with running_console(source, terminal_write=written.append) as (pilot, app, screen, _):
        end_jobs(source, 1, failed=1)  # desktop_notify not set: nothing
        await settle(pilot, app, polls=2)
        await wait_until(pilot, lambda: len(screen.announcer.history) == 1)
        assert written == []
    source = FakeSource()
    async with running_console(source, desktop_notify="osc9", terminal_write=written.append) as (pilot, app, screen, _):
        await pilot.press("a")  # all → failures
        end_jobs(source, 2, failed=0)
        await settle(pilot, app, polls=2)
        await wait_until(pilot, lambda: len(screen.announcer.history) == 2)
        assert written == []  # no toast, no desktop notification
        end_jobs(source, 1, failed=1)
        await settle(pilot, app, polls=2)
        await wait_until(pilot, lambda: written)
        assert written[0].startswith("\x1b]9;Job failed: ")


async def test_held_under_a_dialog_and_sent_when_it_closes():
    source = FakeSource(make_active(12))
    written: list[str] = []
    async with running_console(source, size=(80, 24), desktop_notify="osc777",
                               terminal_write=written.append) as (pilot, app, screen, _):
        while screen.table.selected_job.state.value != "Running":
            await pilot.press("j")
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        end_jobs(source, 2, failed=1)
        await wait_until(pilot, lambda: len(screen.announcer.history) >= 2)
        await pilot.pause(0.2)
        assert written == [] and app.held_notices
        await pilot.press("escape")
        await pilot.pause(0.2)
        assert len(written) == 1 and "2 jobs finished, 1 with errors" in written[0]


def test_server_text_cannot_break_out_of_the_sequence():
    hostile = "a\x07b\x1b]0;title\x1b\\c;d\x9c" + "x" * 500
    for flavour in ("osc9", "osc777"):
        seq = sequence(flavour, "Job; failed", hostile)
        assert seq.count("\x1b") == 1 and seq.count("\x07") == 1 and "\x9c" not in seq
        assert len(seq) < 450
    assert sequence("osc777", "Job; failed", "x;y").startswith("\x1b]777;notify;Job, failed;x;y")
    wrapped = sequence("osc9", "T", "body", tmux=True)
    assert wrapped == "\x1bPtmux;\x1b\x1b]9;T: body\x07\x1b\\"


def test_the_config_key(tmp_path):
    def value(raw, env=None):
        return _desktop_notify(ConfigFile(tmp_path / "c.toml", {"desktop_notify": raw}), env or {})

    assert _desktop_notify(ConfigFile(tmp_path / "c.toml", {}), {}) is None
    assert value(False) is None
    assert value("osc9") == "osc9" and value("osc777") == "osc777"
    assert value(True, {"TERM": "foot"}) == "osc777" and value(True, {"VTE_VERSION": "7600"}) == "osc777"
    assert value(True, {"TERM": "xterm-256color", "TERM_PROGRAM": "iTerm.app"}) == "osc9"
    for bad in ("yes", "osc99", 1):
        with pytest.raises(ConfigError, match="desktop_notify must be true, false, \"osc9\" or \"osc777\""):
            value(bad)


async def test_the_platform_driver_says_it_is_the_terminal():
    """Outside tests the sequences go through the real driver's public ``write``."""
    from textual.app import App

    from activejob_tui.tui.app import ActiveJobApp

    app = ActiveJobApp(lambda: None, desktop_notify="osc9")  # type: ignore[arg-type, return-value]
    platform = App.get_driver_class(app)
    assert issubclass(app.driver_class, platform) and app.driver_class is not platform
    driver = app.driver_class(app, debug=False, mouse=False, size=(80, 24))
    assert app.terminal_driver is driver
    written: list[str] = []
    driver.write = written.append  # type: ignore[method-assign]
    app.write_to_terminal("\x1b]9;hello\x07")  # not headless: the driver gets it
    assert written == ["\x1b]9;hello\x07"]
