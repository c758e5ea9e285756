"""The CLI's confirmation of stop/pause/resume/delete: only a typed yes acts; a bare Enter, any other
answer, Ctrl-D or a closed terminal is a no (issue 16). Driven through a real pseudo-terminal."""

from __future__ import annotations

import io
import os
import pty
import signal
import sys

import pytest

from activejob_tui.cli.subcommands import _confirm
from activejob_tui.config_error import ConfigError
from support.harness import rogue_cli_args
from support.pty_cli import PtyCli
from support.rogue_server import STOP_ACCEPTED, Reply, jobs_answer, stopped_handles

# demo_password (support/fixtures.py): run_cli's environment holds the demo password and a wide terminal
pytestmark = pytest.mark.usefixtures("demo_password")


@pytest.mark.parametrize("typed", ["\n", "   \n", "n\n", "no\n", "yess\n", "sure\n", "\x04"])
def test_only_a_typed_yes_is_yes(typed: str, monkeypatch, capsys) -> None:
    master, slave = pty.openpty()
    try:
        with os.fdopen(slave, "r", closefd=False) as terminal:
            monkeypatch.setattr(sys, "stdin", terminal)
            os.write(master, typed.encode())
            assert _confirm("Stop this job?") is False
    finally:
        os.close(master)
        os.close(slave)
    assert "Stop this job? [y/N] " in capsys.readouterr().out  # the default is shown: No


@pytest.mark.parametrize("typed", ["y\n", "Y\n", "yes\n", " YES \n"])
def test_a_typed_yes_is_yes(typed: str, monkeypatch, capsys) -> None:
    master, slave = pty.openpty()
    try:
        with os.fdopen(slave, "r", closefd=False) as terminal:
            monkeypatch.setattr(sys, "stdin", terminal)
            os.write(master, typed.encode())
            before = signal.getsignal(signal.SIGINT)
            assert _confirm("Pause these 2 jobs?") is True
            assert signal.getsignal(signal.SIGINT) is before  # asyncio's Ctrl-C handler is back after asking
    finally:
        os.close(master)
        os.close(slave)
    assert capsys.readouterr().out == "Pause these 2 jobs? [y/N] "


def test_no_terminal_is_refused_not_taken_as_yes(monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))  # piped input: no person to ask
    with pytest.raises(ConfigError) as caught:
        _confirm("Stop this job?")
    assert caught.value.message == "Refusing to act without confirmation on a non-interactive terminal; add --yes."


def test_a_bare_enter_at_the_stop_prompt_sends_nothing(rogue, isolated_env) -> None:
    rogue.answer(Reply(200, jobs_answer("j|a", "j|b")), "getActiveJobs")
    rogue.answer(Reply(200, STOP_ACCEPTED), "stopJob")
    with PtyCli(["stop", "j|a", *rogue_cli_args(rogue)], isolated_env) as cli:
        cli.expect("Stop this job? [y/N]")
        cli.send("\r")  # what the Enter key sends
        assert cli.wait() == 9  # exitcodes.DECLINED: answered no
    assert "Nothing done." in cli.output
    assert stopped_handles(rogue) == []


def test_ctrl_c_at_the_stop_prompt_is_130_and_sends_nothing(rogue, isolated_env) -> None:
    # it used to wait for Enter: asyncio's handler only cancels the task when the blocked loop runs again
    from activejob_tui.cli import exitcodes

    rogue.answer(Reply(200, jobs_answer("j|a")), "getActiveJobs")
    rogue.answer(Reply(200, STOP_ACCEPTED), "stopJob")
    with PtyCli(["stop", "j|a", *rogue_cli_args(rogue)], isolated_env) as cli:
        cli.expect("Stop this job? [y/N]")
        cli.proc.send_signal(signal.SIGINT)  # Ctrl-C (the helper's terminal is not the child's controlling one)
        assert cli.wait() == exitcodes.INTERRUPTED == 130
    assert "interrupted" in cli.output and "Traceback" not in cli.output
    assert stopped_handles(rogue) == []


def test_the_password_prompt_asks_on_the_terminal_without_echo(rogue, isolated_env) -> None:
    secret = "typed-Secret-42"
    rogue.answer(Reply(200, jobs_answer("j|a")), "getActiveJobs")
    env = {k: v for k, v in isolated_env.items() if k != "IPS_PASSWORD"}
    with PtyCli(["stop", "j|a", *rogue_cli_args(rogue)], env) as cli:
        cli.expect("IPS password for demo@example.com: ")
        cli.send(secret + "\r")
        cli.expect("Stop this job? [y/N]")  # it went on with the typed password
        cli.send("n\r")
        assert cli.wait() == 9  # exitcodes.DECLINED: answered no
    assert secret not in cli.output  # not echoed
    assert any(secret.encode() in body for _, _, body in rogue.requests)  # and it is the one sent


def test_the_question_reaches_the_terminal_before_the_answer_is_read(monkeypatch) -> None:
    """The prompt has no newline, so a terminal's line buffering would hold it back: it must be flushed."""
    import select

    master, slave = pty.openpty()
    try:
        with os.fdopen(slave, "r", closefd=False) as terminal_in, \
                open(os.dup(slave), "w", encoding="utf-8") as terminal_out:
            monkeypatch.setattr(sys, "stdin", terminal_in)
            monkeypatch.setattr(sys, "stdout", terminal_out)
            os.write(master, b"n\n")
            assert _confirm("Stop this job?") is False
            shown = b""
            while select.select([master], [], [], 0.5)[0]:
                shown += os.read(master, 4096)
                if b"[y/N] " in shown:
                    break
            assert b"Stop this job? [y/N] " in shown
    finally:
        os.close(master)
        os.close(slave)


def test_the_translated_yes_word_is_a_yes_too(monkeypatch, capsys) -> None:
    """In Traditional Chinese the operator may type the language's own yes (是) beside y/yes."""
    from activejob_tui import i18n

    before = i18n.language()
    master, slave = pty.openpty()
    i18n.set_language("zh_TW")
    try:
        with os.fdopen(slave, "r", closefd=False) as terminal:
            monkeypatch.setattr(sys, "stdin", terminal)
            os.write(master, "是\n".encode())
            assert _confirm("?") is True
    finally:
        i18n.set_language(before)
        os.close(master)
        os.close(slave)
