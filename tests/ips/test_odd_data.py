"""Odd data in well-formed answers: decoded and printed by the CLI generically, with a marker where a
value is out of range or unknown, never a crash. The answers come from the rogue server."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from support.harness import rogue_cli_args
from support.rogue_server import ODD_ANSWER, ODD_ITEMS, Reply, RogueServer, active_jobs_answer

# demo_password (support/fixtures.py): run_cli's environment holds the demo password and a wide terminal
pytestmark = pytest.mark.usefixtures("demo_password")


@pytest.fixture(scope="module")
def printed(shared_wsdl_path, tmp_path_factory):
    """The three formats of ``jobs`` on one crafted answer holding every odd item."""
    server = RogueServer(shared_wsdl_path).start()
    home = tmp_path_factory.mktemp("data-cli")
    env = {k: v for k, v in os.environ.items() if not k.startswith("IPS_")}
    env.update(IPS_PASSWORD="pw", ACTIVEJOB_TUI_CONFIG=os.devnull, XDG_STATE_HOME=str(home / "state"),
               XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"))
    try:
        server.answer(Reply(200, ODD_ANSWER))
        out = {}
        for fmt in ("table", "json", "csv"):
            result = subprocess.run([sys.executable, "-m", "activejob_tui", "jobs", "--format", fmt,
                                     *rogue_cli_args(server)], capture_output=True, text=True, env=env, timeout=40)
            assert result.returncode == 0, result.stderr
            assert result.stderr == ""
            out[fmt] = result.stdout
    finally:
        server.stop()
    table = {line.split()[-1]: line for line in out["table"].splitlines()[1:]}
    rows = {row["jobHandle"]: row for row in csv.DictReader(io.StringIO(out["csv"]))}
    jobs = {job["jobHandle"]: job for job in json.loads(out["json"])}
    assert set(table) == set(rows) == set(jobs) == {f"j|{k}" for k in ODD_ITEMS}
    return table, rows, jobs


def test_unknown_sub_job_type(printed):
    _table, rows, jobs = printed
    assert jobs["j|unknown-subjob"]["teleportJob"] == {"where": "Mars", "when": {"year": "2100"}}
    assert rows["j|unknown-subjob"]["type"] == "Teleport"


def test_unknown_state_is_marked(printed):
    table, rows, jobs = printed
    assert table["j|unknown-state"].startswith("Hibernating?")
    assert rows["j|unknown-state"]["state"] == "Hibernating"  # CSV is raw: the "?" is for eyes
    assert jobs["j|unknown-state"]["state"] == "Hibernating"


def test_unknown_enumeration_values_in_a_sub_job(printed):
    _, _, jobs = printed
    sub = jobs["j|unknown-enum"]["imageServingPublishJob"]
    assert sub["publishType"] == "Quantum" and sub["emailSetting"] == "CarrierPigeon"


def test_extra_elements_are_skipped(printed):
    _, rows, jobs = printed
    assert jobs["j|extra"]["progress"] == 10 and jobs["j|extra"]["type"] == "Export"
    assert "futureField" not in jobs["j|extra"] and rows["j|extra"]["progress"] == "10"


def test_missing_optional_elements(printed):
    _table, rows, jobs = printed
    assert jobs["j|minimal"]["name"] is None and jobs["j|minimal"]["state"] is None
    assert set(rows["j|minimal"].values()) == {"", "j|minimal"}


def test_empty_arrays(printed):
    _, _, jobs = printed
    assert jobs["j|empty-arrays"]["taskProgressArray"] is None
    assert jobs["j|empty-arrays"]["ripPdfsJob"]["pdfHandleArray"] is None


def test_nil_values(printed):
    _, rows, jobs = printed
    job = jobs["j|nil"]
    assert job["name"] is None and job["progress"] is None and job["startDate"] is None and job["totalSize"] is None
    assert rows["j|nil"]["name"] == rows["j|nil"]["progress"] == rows["j|nil"]["totalSize"] == ""


def test_dates_without_zone_or_unparseable(printed):
    _, rows, jobs = printed
    job = jobs["j|dates"]
    assert job["startDate"] == "2026-11-25T10:00:00.000+00:00"  # no zone: taken as UTC
    assert job["lastProgressUpdate"] is None and job["triggerTime"] is None  # unparseable: missing
    assert rows["j|dates"]["lastProgressUpdate"] == ""


def test_progress_out_of_range_is_marked(printed):
    table, rows, jobs = printed
    assert rows["j|progress-high"]["progress"] == "150" and rows["j|progress-low"]["progress"] == "-5"
    assert "150%?" in table["j|progress-high"] and "-5%?" in table["j|progress-low"]
    assert jobs["j|progress-high"]["taskProgressArray"][0]["progress"] == 7.5


def test_negative_size_is_marked(printed):
    table, rows, jobs = printed
    assert rows["j|negative-size"]["totalSize"] == "-1024" and "-1.0 KB?" in table["j|negative-size"]
    assert jobs["j|negative-size"]["totalSize"] == -1024


def test_numbers_that_are_not_numbers(printed):
    _, rows, jobs = printed
    assert jobs["j|not-numbers"]["totalSize"] is None and jobs["j|not-numbers"]["progress"] is None
    assert rows["j|not-numbers"]["totalSize"] == ""


def test_empty_job_array_cli(run_cli, rogue):
    rogue.answer(Reply(200, active_jobs_answer("")))
    result = run_cli("jobs", *rogue_cli_args(rogue))
    assert result.returncode == 0 and result.stdout.split() == [
        "STATE", "NAME", "TYPE", "PROGRESS", "STARTED", "UPDATED", "SIZE", "SERVER", "HANDLE"]
    assert run_cli("jobs", "--format", "json", *rogue_cli_args(rogue)).stdout.strip() == "[]"
