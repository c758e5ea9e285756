"""Shared fixtures: a real IPS sandbox process on a free port with a temporary database."""

from __future__ import annotations

from pathlib import Path

import pytest

from activejob_tui.sandbox.process import SandboxProcess

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_IPS = REPO_ROOT / ".." / "shared" / "ips"

DEMO_CREDENTIALS = ("demo@example.com", "demo-password", "Demo Company")
OTHER_CREDENTIALS = ("other@example.com", "other-password", "Other Company")


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory: pytest.TempPathFactory):
    """One demo-seeded sandbox for the whole session (seed 7). Do not kill it."""
    db = tmp_path_factory.mktemp("sandbox") / "sandbox.db"
    sb = SandboxProcess(db_path=db, seed=7)
    sb.start()
    yield sb
    sb.stop()


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
        pytest.skip(f"the real public IpsApi.wsdl is not at {path}")
    return path


@pytest.fixture(scope="session")
def demo_credentials() -> tuple[str, str, str]:
    return DEMO_CREDENTIALS


@pytest.fixture(scope="session")
def other_credentials() -> tuple[str, str, str]:
    return OTHER_CREDENTIALS
