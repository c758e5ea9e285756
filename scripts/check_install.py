"""Meet the product as a new user does: the wheel in a bare venv (no test extras), its commands, its console.

Standard library only, so it runs with any Python 3.11 before anything is installed::

    python3 scripts/check_install.py VENV            # build the wheel, install it into VENV, run every step
    python3 scripts/check_install.py VENV --reuse    # VENV already holds the wheel: run the steps only
    python3 scripts/check_install.py VENV --only imports

Each step prints one line; the first that breaks prints ``install check FAILED at <step>: <why>`` and the
script exits 1. ``.ci/run`` runs it before the test suite; ``tests/test_install.py`` runs its import step.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUB_JOB_TYPES = 14  # IPS_JOBS_API.md §3: the ActiveJob's type-specific sub-job elements

IMPORT_EVERY_MODULE = """
import importlib, importlib.util, pkgutil, activejob_tui
names = [m.name for m in pkgutil.walk_packages(activejob_tui.__path__, "activejob_tui.")]
for name in names:
    if name.endswith(".__main__"):  # importing it would run the program: finding it is enough
        assert importlib.util.find_spec(name) is not None, name
    else:
        importlib.import_module(name)
print(len(names))
"""


class StepFailed(Exception):
    """A step broke; the message says why in one line."""


def run(argv: list[str], env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        shown = " ".join(a if len(a) < 60 else a[:57] + "…" for a in argv[:4]).replace("\n", " ")
        raise StepFailed(f"`{shown}` did not finish in {timeout:.0f} s") from None


def last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "(no output)"


def checked(result: subprocess.CompletedProcess[str], what: str) -> str:
    if result.returncode != 0:
        raise StepFailed(f"{what} exited {result.returncode}: {last_line(result.stderr or result.stdout)}")
    return result.stdout


def user_env(home: Path) -> dict[str, str]:
    """A new user's environment: a fresh HOME, no config, no IPS settings, none of our own variables."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("IPS_", "ACTIVEJOB_TUI", "XDG_", "TMUX", "VIRTUAL_ENV", "PYTHON", "LC_", "LANGUAGE"))}
    # English, whatever the machine's locale: the steps read English words ("usage", "Running")
    env.update(HOME=str(home), TERM="xterm-256color", PATH=os.environ.get("PATH", "/usr/bin:/bin"), LANG="C.UTF-8")
    return env


def build(venv: Path) -> str:
    """Build the wheel from the checkout and install it, with only its declared dependencies, into ``venv``."""
    with tempfile.TemporaryDirectory(prefix="ajt-wheel-") as folder:
        dist = Path(folder)
        checked(run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(dist), str(ROOT)]),
                "building the wheel")
        wheels = list(dist.glob("activejob_tui-*.whl"))
        if len(wheels) != 1:
            raise StepFailed(f"expected one wheel in {dist}, found {[w.name for w in wheels]}")
        shutil.rmtree(venv, ignore_errors=True)
        checked(run([sys.executable, "-m", "venv", str(venv)]), "creating the bare venv")
        checked(run([str(venv / "bin" / "pip"), "install", "-q", str(wheels[0])], timeout=600), "pip install of the wheel")
        return wheels[0].name


def imports(venv: Path) -> str:
    out = checked(run([str(venv / "bin" / "python"), "-c", IMPORT_EVERY_MODULE]), "importing every module")
    return f"{out.strip()} modules imported"


def commands(venv: Path) -> str:
    exe = str(venv / "bin" / "activejob-tui")
    with tempfile.TemporaryDirectory(prefix="ajt-home-") as home:
        env = user_env(Path(home))
        version = checked(run([exe, "--version"], env, 60), "activejob-tui --version").strip()
        if "activejob-tui" not in version:
            raise StepFailed(f"--version printed {version!r}")
        if "usage" not in checked(run([exe, "--help"], env, 60), "activejob-tui --help").lower():
            raise StepFailed("--help printed no usage")
        out = checked(run([exe, "jobs", "--format", "json"], env, 180), "activejob-tui jobs --format json")
        try:
            text = out.strip()
            jobs = json.loads(text) if text.startswith("[") else [json.loads(line) for line in text.splitlines()]
        except ValueError as err:
            raise StepFailed(f"jobs --format json printed no JSON: {err}") from None
        kinds = {job.get("type") for job in jobs}
        if len(kinds) < SUB_JOB_TYPES:
            raise StepFailed(f"jobs of {len(kinds)} sub-job types came back, not {SUB_JOB_TYPES}: {sorted(map(str, kinds))}")
        leftover = sandbox_pid(Path(home))
        if leftover is not None and alive(leftover):
            raise StepFailed(f"the embedded sandbox (pid {leftover}) was left running after `jobs`")
    return f"{version}; --help; {len(jobs)} jobs of {len(kinds)} sub-job types"


def sandbox_pid(home: Path) -> int | None:
    """The embedded sandbox's pid, from the ``sandbox.json`` it records in the user's data dir."""
    for state in home.glob(".local/share/**/sandbox.json"):
        try:
            return int(json.loads(state.read_text())["pid"])
        except (OSError, ValueError, KeyError):
            return None
    return None


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie of ours counts as gone
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def wait_for(check: Callable[[], bool], timeout: float, step: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(step)
    return check()


def console(venv: Path) -> str:
    tmux = shutil.which("tmux")
    if tmux is None:
        raise StepFailed("tmux is not installed")
    exe = str(venv / "bin" / "activejob-tui")
    with tempfile.TemporaryDirectory(prefix="ajt-home-") as home:
        env = user_env(Path(home))
        env["TMUX_TMPDIR"] = home
        name = f"ajt-check-{os.getpid()}"

        def tmux_run(*args: str) -> str:
            return run([tmux, *args], env, 20).stdout

        def screen() -> str:
            return tmux_run("capture-pane", "-p", "-t", name)

        tmux_run("new-session", "-d", "-s", name, "-x", "160", "-y", "48", exe)
        try:
            pane = tmux_run("list-panes", "-t", name, "-F", "#{pane_pid}").strip()
            if not pane.isdigit():
                raise StepFailed("tmux did not start the console")
            pid = int(pane)
            if not wait_for(lambda: "Running" in screen(), 60, 0.25):
                raise StepFailed(f"no Running job on screen within 60 s; the screen was: {last_line(screen())!r}")
            sandbox = sandbox_pid(Path(home))
            if sandbox is None:
                raise StepFailed("the console shows jobs but recorded no embedded sandbox")
            started = time.monotonic()
            tmux_run("send-keys", "-t", name, "q")
            if not wait_for(lambda: not alive(pid), 10, 0.02):
                raise StepFailed(f"the console (pid {pid}) was still running 10 s after q")
            quit_s = time.monotonic() - started
            if not wait_for(lambda: not alive(sandbox), 15):
                os.kill(sandbox, signal.SIGKILL)
                raise StepFailed(f"the embedded sandbox (pid {sandbox}) was left running after the console quit")
        finally:
            tmux_run("kill-server")
    return f"a Running job on screen; q quit in {quit_s:.2f} s; the embedded sandbox is gone"


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a CJK ideograph (U+4E00–U+9FFF)."""
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def language(venv: Path) -> str:
    """The compiled catalogs shipped in the wheel: ``--help`` under ``LANG=zh_TW.UTF-8`` is Chinese."""
    exe = str(venv / "bin" / "activejob-tui")
    with tempfile.TemporaryDirectory(prefix="ajt-home-") as home:
        env = {**user_env(Path(home)), "LANG": "zh_TW.UTF-8"}
        out = checked(run([exe, "--help"], env, 60), "LANG=zh_TW.UTF-8 activejob-tui --help")
        if not has_cjk(out):
            raise StepFailed(f"LANG=zh_TW.UTF-8 --help printed no Chinese (the .mo files missing?): {out.splitlines()[0]!r}")
        english = checked(run([exe, "--help"], user_env(Path(home)), 60), "activejob-tui --help")
        if has_cjk(english):
            raise StepFailed("--help under LANG=C.UTF-8 printed Chinese")
    return f"--help in Traditional Chinese under LANG=zh_TW.UTF-8 ({out.splitlines()[0][:24]}…), English otherwise"


STEPS: dict[str, Callable[[Path], str]] = {"imports": imports, "commands": commands, "language": language,
                                           "console": console}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("venv", type=Path, help="the bare venv to make (or reuse)")
    parser.add_argument("--reuse", action="store_true", help="the venv already holds the wheel")
    parser.add_argument("--only", choices=sorted(STEPS), action="append", help="run only these steps")
    args = parser.parse_args()
    steps = [("install", build)] if not args.reuse else []
    steps += [(name, STEPS[name]) for name in (args.only or STEPS)]
    for name, step in steps:
        try:
            print(f"install check {name}: {step(args.venv.resolve())}", flush=True)
        except StepFailed as err:
            print(f"install check FAILED at {name}: {err}", flush=True)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
