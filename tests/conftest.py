"""Shared fixtures: a real IPS sandbox process on a free port with a temporary database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from activejob_tui.sandbox.process import SandboxProcess
from prerequisites import unavailable

pytest_plugins = ["support.fixtures"]
"""The fixtures of tests/support/ (the rogue server, hostile text, the demo password for run_cli), for every
directory; pytest takes ``pytest_plugins`` from this top conftest only."""

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_IPS = REPO_ROOT / ".." / "shared" / "ips"

DEMO_CREDENTIALS = ("demo@example.com", "demo-password", "Demo Company")
OTHER_CREDENTIALS = ("other@example.com", "other-password", "Other Company")


@pytest.fixture(scope="session")
def demo_sandbox(tmp_path_factory: pytest.TempPathFactory):
    """One demo-seeded sandbox for the whole session (seed 7), over the default wire. Do not kill it.
    Under this name in every directory: tests/ips overrides ``sandbox`` to run over each wire, and its fault
    tests, which need one wire only, ask for ``demo_sandbox``."""
    db = tmp_path_factory.mktemp("sandbox") / "sandbox.db"
    sb = SandboxProcess(db_path=db, seed=7)
    sb.start()
    yield sb
    sb.stop()


@pytest.fixture(scope="session")
def sandbox(demo_sandbox):
    """The session sandbox (``demo_sandbox``)."""
    return demo_sandbox


@pytest.fixture
def fresh_sandbox(tmp_path: Path):
    """A started sandbox of its own (own temp DB, demo seed, seed 11), for tests that mutate
    heavily, kill or restart it."""
    sb = SandboxProcess(db_path=tmp_path / "fresh.db", seed=11)
    sb.start()
    yield sb
    sb.stop()


@pytest.fixture
def sandbox_factory(tmp_path: Path):
    """``sandbox_factory(speed=50, chaos=[...], demo_jobs=N)`` -> a started SandboxProcess on its own DB;
    all are stopped at the end of the test."""
    started: list[SandboxProcess] = []

    def make(**kwargs) -> SandboxProcess:
        kwargs.setdefault("seed", 13)
        sb = SandboxProcess(db_path=tmp_path / f"sb{len(started)}.db", **kwargs)
        started.append(sb)
        sb.start()
        return sb

    yield make
    for sb in started:
        sb.stop()


@pytest.fixture(scope="session")
def shared_wsdl_path() -> Path:
    path = (SHARED_IPS / "IpsApi.wsdl").resolve()
    if not path.exists():
        unavailable(f"the real public IpsApi.wsdl is not at {path} (../shared beside the checkout)")
    return path


@pytest.fixture(scope="session")
def demo_credentials() -> tuple[str, str, str]:
    return DEMO_CREDENTIALS


@pytest.fixture(scope="session")
def other_credentials() -> tuple[str, str, str]:
    return OTHER_CREDENTIALS


@pytest.fixture
def isolated_env(tmp_path: Path) -> dict[str, str]:
    """An environment with no IPS settings and private config, data and state dirs."""
    (tmp_path / "config.toml").touch()  # ACTIVEJOB_TUI_CONFIG names it: a named file must exist
    # No proxy settings either: the embedded sandbox adds 127.0.0.1 to NO_PROXY of the process that opens
    # it, and an in-process test that did so handed it to every later CLI run of its worker (the tests of
    # an unusable proxy then connected straight to 127.0.0.1 and failed, by the order of the tests).
    proxies = {"http_proxy", "https_proxy", "all_proxy", "no_proxy"}
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("IPS_") and k not in ("LC_ALL", "LC_MESSAGES") and k.lower() not in proxies}
    env.update(
        LANG="C.UTF-8",  # English whatever the machine's locale (issue 15); the language tests set their own
        ACTIVEJOB_TUI_CONFIG=str(tmp_path / "config.toml"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        HOME=str(tmp_path / "home"),
    )
    return env


@pytest.fixture
def run_cli(isolated_env):
    """Run ``python -m activejob_tui ARGS``; returns the CompletedProcess with stdout/stderr decoded
    with surrogateescape (a stray byte stays visible to the assertions) and the bytes in ``raw_stdout``."""

    def run(*args: str, env: dict[str, str] | None = None, timeout: float = 60, input: str | None = None):
        result = subprocess.run(
            [sys.executable, "-m", "activejob_tui", *args],
            env=env or isolated_env,
            capture_output=True,
            timeout=timeout,
            input=input.encode() if input is not None else None,
            stdin=None if input is not None else subprocess.DEVNULL,
        )
        result.raw_stdout = result.stdout
        result.stdout = result.stdout.decode("utf-8", "surrogateescape")
        result.stderr = result.stderr.decode("utf-8", "surrogateescape")
        return result

    return run
