"""Shell completion (argcomplete): the scripts ``activejob-tui completion bash|zsh|fish`` prints, and
the answers the program gives when a shell asks (the argcomplete protocol, as the scripts drive it)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import connect_args


def script(run_cli, shell: str) -> str:
    result = run_cli("completion", shell)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_bash_script_registers_the_command_in_a_fresh_bash(run_cli, tmp_path):
    path = tmp_path / "activejob-tui.bash"
    path.write_text(script(run_cli, "bash"))
    result = subprocess.run(["bash", "--norc", "--noprofile", "-c", f"source {path} && complete -p activejob-tui"],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("-F _python_argcomplete activejob-tui"), result.stdout


@pytest.mark.parametrize(("shell", "marker"), [("zsh", "#compdef activejob-tui"), ("fish", "complete ")])
def test_zsh_and_fish_scripts_are_generated_and_parse(run_cli, tmp_path, shell, marker):
    text = script(run_cli, shell)
    assert marker in text and "activejob-tui" in text
    binary = shutil.which(shell)
    if binary is None:
        return  # generated and named; the syntax check needs the shell itself
    path = tmp_path / f"completion.{shell}"
    path.write_text(text)
    result = subprocess.run([binary, "-n", str(path)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr


def complete(line: str, env: dict[str, str], tmp_path: Path) -> list[str]:
    """What the program answers when bash asks to complete ``line`` (cursor at the end)."""
    out = tmp_path / "completions.txt"
    out.unlink(missing_ok=True)
    answer_env = {**env, "_ARGCOMPLETE": "1", "_ARGCOMPLETE_IFS": "\n", "COMP_LINE": line,
                  "COMP_POINT": str(len(line)), "_ARGCOMPLETE_STDOUT_FILENAME": str(out)}
    result = subprocess.run([sys.executable, "-m", "activejob_tui"], env=answer_env, capture_output=True,
                            text=True, timeout=30, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    return [c.strip() for c in out.read_text().splitlines()] if out.exists() else []


def test_commands_flags_and_sort_fields_complete(isolated_env, tmp_path):
    assert "completion" in complete("activejob-tui comp", isolated_env, tmp_path)
    assert complete("activejob-tui jobs --vi", isolated_env, tmp_path) == ["--view"]
    logs = complete("activejob-tui jobs --view logs --sort file", isolated_env, tmp_path)
    assert "fileErrorCount" in logs and "fileErrorCount:desc" in logs
    assert "fileErrorCount" in complete("activejob-tui jobs --view finished --sort file", isolated_env, tmp_path)
    active = complete("activejob-tui jobs --sort ", isolated_env, tmp_path)
    assert "progress" in active and "taskProgressArray" not in active and "fileErrorCount" not in active
    assert complete("activejob-tui completion f", isolated_env, tmp_path) == ["fish"]


def test_job_handles_complete_from_the_last_listing(run_cli, sandbox, isolated_env, tmp_path):
    env = {**isolated_env, "IPS_PASSWORD": "demo-password"}
    before = complete("activejob-tui stop ", env, tmp_path)
    assert [o for o in before if not o.startswith("-")] == []  # nothing listed yet, and no request to IPS
    listing = run_cli("jobs", "--view", "scheduled", "-o", "csv", "--columns", "jobHandle", "--no-headers",
                      *connect_args(sandbox), env=env)
    assert listing.returncode == 0, listing.stderr
    handles = [line.strip('"') for line in listing.stdout.splitlines()]
    offered = complete("activejob-tui pause 'j", env, tmp_path)
    assert {o.replace("\\", "") for o in offered} >= {h for h in handles}, offered
