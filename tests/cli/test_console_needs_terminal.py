"""The console started where there is no terminal (a script, a pipe, a file) says so in one line and exits 2."""

from __future__ import annotations


def test_the_console_without_a_terminal_says_so_and_exits(run_cli, isolated_env):
    """A new user ran ``activejob-tui > out.txt``: the full-screen console drew into the file and never ended."""
    result = run_cli(env=isolated_env, timeout=30)  # no command: the console; stdin and stdout are not a terminal
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stdout == "" and result.stderr.strip().splitlines()[-1] == (
        "activejob-tui: The console needs a terminal for its input and output; for a listing run: activejob-tui jobs")
