"""Stop safety in the CLI: read-only refuses before connecting; without --yes a person must say yes
on a terminal; the handle sent is exactly the one confirmed, whatever the list does meanwhile."""

from __future__ import annotations

import pytest

from support.harness import one_line_error, rogue_cli_args
from support.pty_cli import PtyCli
from support.rogue_server import STOP_ACCEPTED, Reply, jobs_answer, stopped_handles

# demo_password (support/fixtures.py): run_cli's environment holds the demo password and a wide terminal
pytestmark = pytest.mark.usefixtures("demo_password")


def script(rogue) -> None:
    answers = iter([jobs_answer("j|a", "j|b"), jobs_answer("j|b", "j|a")])  # re-sorted between polls
    rogue.answer(lambda body: Reply(200, next(answers, jobs_answer("j|b", "j|a"))), "getActiveJobs")
    rogue.answer(Reply(200, STOP_ACCEPTED), "stopJob")


def test_readonly_flag_refuses_before_connecting(run_cli, rogue):
    """See also tests/cli/test_cli.py::test_stop_refuses_without_confirmation_or_in_readonly."""
    for verb in ("stop", "delete"):
        result = run_cli(verb, "j|a", "--yes", "--readonly", *rogue_cli_args(rogue))
        assert result.returncode == 2
        assert one_line_error(result) == (
            f"activejob-tui: Read-only mode: {verb} is disabled (--readonly or readonly = true in the config)."
        )
    assert rogue.requests == []


def test_readonly_config_refuses(run_cli, rogue, isolated_env, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("readonly = true\n")
    result = run_cli("stop", "j|a", "--yes", *rogue_cli_args(rogue))
    assert result.returncode == 2 and "Read-only mode: stop is disabled" in result.stderr
    assert rogue.requests == []


def test_no_terminal_and_no_yes_refuses(run_cli, rogue):
    script(rogue)
    result = run_cli("stop", "j|a", *rogue_cli_args(rogue))
    assert result.returncode == 2
    assert "Refusing to act without confirmation on a non-interactive terminal; add --yes." in one_line_error(result)
    assert stopped_handles(rogue) == []


def test_answering_no_does_nothing(rogue, isolated_env):
    script(rogue)
    with PtyCli(["stop", "j|a", *rogue_cli_args(rogue)], isolated_env) as cli:
        cli.expect("Stop this job? [y/N]")
        cli.send("n\n")
        assert cli.wait() == 9  # exitcodes.DECLINED: answered no
    assert "Nothing done." in cli.output
    assert stopped_handles(rogue) == []


def test_end_of_input_at_the_prompt_does_nothing(rogue, isolated_env):
    script(rogue)
    with PtyCli(["stop", "j|a", *rogue_cli_args(rogue)], isolated_env) as cli:
        cli.expect("[y/N]")
        cli.send("\x04")  # Ctrl-D
        assert cli.wait() == 9  # exitcodes.DECLINED: answered no
    assert "Nothing done." in cli.output and "Traceback" not in cli.output
    assert stopped_handles(rogue) == []


def test_the_confirmed_handle_is_the_one_stopped_while_the_list_resorts(rogue, isolated_env):
    script(rogue)
    with PtyCli(["stop", "j|a", *rogue_cli_args(rogue)], isolated_env) as cli:
        cli.expect("[y/N]")
        assert "  j|a  [j|a]  Export  Running" in cli.output
        cli.send("y\n")
        assert cli.wait() == 0
    assert stopped_handles(rogue) == ["j|a"]
    assert "j|a: stop requested (the server accepted it)" in cli.output
    assert "j|a: now Running" in cli.output
