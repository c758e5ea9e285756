"""A representative part of the console's sandbox suite (``test_sandbox.py``) again, over the wire recorded
from real IPS servers: ``--wire axis2 --mtom`` (IPS_JOBS_API.md §10, issue 10). The tests are imported,
so pytest runs them here with this module's sandboxes; the rest stays on the default wire to keep CI short."""

from __future__ import annotations

import pytest

from activejob_tui.sandbox.process import SandboxProcess

from .test_sandbox import (  # noqa: F401 - collected here, run against the fixtures below
    test_jobs_views_and_filter_against_the_sandbox,
    test_legacy_api_console_shows_jobs,
    test_pause_resume_run_now_and_delete_against_the_sandbox,
    test_stop_a_running_job_and_the_sandbox_reports_it,
)


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    """The demo-seeded sandbox (seed 7) answering the Axis2 way, every answer MTOM/XOP multipart."""
    sb = SandboxProcess(db_path=tmp_path_factory.mktemp("axis2") / "sandbox.db", seed=7, wire="axis2", mtom=True)
    sb.start()
    yield sb
    sb.stop()


@pytest.fixture
def fresh_sandbox(tmp_path):
    sb = SandboxProcess(db_path=tmp_path / "fresh.db", seed=11, wire="axis2", mtom=True)
    sb.start()
    yield sb
    sb.stop()
