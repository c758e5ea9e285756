"""Output for machines and for eyes: CSV/TSV a spreadsheet reads as numbers and dates, columns chosen
by IPS name, no headers on request, the wide table, and no truncation when piped."""

from __future__ import annotations

import csv
import io
import json
import re
import time
from datetime import datetime

import pytest

from .conftest import connect_args, submit_job

LONG_NAME = "Quarterly catalogue re-publish for every regional storefront, all locales"


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_csv_and_tsv_have_ips_headers_and_raw_values(run_cli, sandbox, with_password, fmt, delimiter):
    result = run_cli("jobs", "-o", fmt, *connect_args(sandbox), env=with_password)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout), delimiter=delimiter))
    assert rows and list(rows[0]) == ["state", "name", "type", "progress", "startDate", "lastProgressUpdate",
                                      "totalSize", "serverName", "jobHandle"]
    for row in rows:
        assert 0 <= float(row["progress"]) <= 100
        assert int(row["totalSize"]) >= 0
        for key in ("startDate", "lastProgressUpdate"):
            when = datetime.fromisoformat(row[key])
            assert when.tzinfo is not None and when.utcoffset() is not None
    as_json = {job["jobHandle"]: job for job in json.loads(
        run_cli("jobs", "-o", "json", *connect_args(sandbox), env=with_password).stdout)}
    for row in rows:
        if row["jobHandle"] in as_json:
            assert row["name"] == as_json[row["jobHandle"]]["name"]


def test_logs_csv_counts_are_integers_and_outcome_is_a_word(run_cli, sandbox, with_password):
    result = run_cli("jobs", "--view", "logs", "-o", "csv", *connect_args(sandbox), env=with_password)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {"outcome", "fileErrorCount", "startDate", "endDate", "jobHandle"} <= set(rows[0])
    for row in rows:
        assert row["outcome"] in {"success", "warnings", "errors", "fatal", "cancelled", "unknown"}
        int(row["fileErrorCount"])
        assert datetime.fromisoformat(row["endDate"]) >= datetime.fromisoformat(row["startDate"])


def test_columns_order_and_no_headers(run_cli, sandbox, with_password):
    base = connect_args(sandbox)
    csv_out = run_cli("jobs", "-o", "csv", "--columns", "jobHandle,progress,total_size", "--no-headers", *base,
                      env=with_password)
    first = next(csv.reader(io.StringIO(csv_out.stdout)))
    assert first[0].startswith("j|") and float(first[1]) >= 0 and int(first[2]) >= 0
    table = run_cli("jobs", "--columns", "jobHandle,state,description", *base, env=with_password)
    assert table.stdout.splitlines()[0].split() == ["HANDLE", "STATE", "description"]
    bare = run_cli("jobs", "--columns", "jobHandle", "--no-headers", *base, env=with_password)
    assert all(line.startswith("j|") for line in bare.stdout.splitlines())


def test_wide_adds_columns(run_cli, sandbox, with_password):
    narrow = run_cli("jobs", *connect_args(sandbox), env=with_password).stdout.splitlines()[0]
    wide = run_cli("jobs", "-o", "wide", *connect_args(sandbox), env=with_password).stdout.splitlines()[0]
    assert "MESSAGE" not in narrow and "MESSAGE" in wide and "USER" in wide


def test_jsonl_is_one_object_per_line_and_json_an_array(run_cli, sandbox, with_password):
    # The session sandbox starts and ends jobs all the time (CI: a job came between the two listings):
    # the jsonl listing is compared with json ones just before and after it that agree on the jobs.
    def listing(fmt: str) -> str:
        return run_cli("jobs", "-o", fmt, *connect_args(sandbox), env=with_password).stdout

    deadline = time.monotonic() + 90
    while True:
        before = json.loads(listing("json"))
        objects = [json.loads(line) for line in listing("jsonl").splitlines()]
        after = json.loads(listing("json"))
        if {o["jobHandle"] for o in before} == {o["jobHandle"] for o in after}:
            break
        assert time.monotonic() < deadline, "the sandbox's jobs never held still over three listings"
    assert isinstance(before, list) and all(isinstance(o, dict) for o in objects)
    assert {o["jobHandle"] for o in objects} == {o["jobHandle"] for o in before}


def test_piped_table_never_truncates(run_cli, fresh_sandbox, with_password):
    submit_job(fresh_sandbox, LONG_NAME)
    result = run_cli("jobs", *connect_args(fresh_sandbox), env=with_password)
    assert result.stdout.count(LONG_NAME) == 2 and "…" not in result.stdout  # the NAME cell and the handle


def test_table_on_a_terminal_truncates_long_names(fresh_sandbox, with_password):
    from support.pty_cli import PtyCli  # tests/ is on sys.path (rootdir-relative packages)

    submit_job(fresh_sandbox, LONG_NAME)
    with PtyCli(["jobs", *connect_args(fresh_sandbox)], with_password) as cli:
        assert cli.wait(60) == 0, cli.output
    assert cli.output.count(LONG_NAME) == 1  # only the handle is whole
    row = next(line for line in cli.output.splitlines() if LONG_NAME in line)
    name = re.split(r" {2,}", row.strip())[1]  # cut to fit the terminal (COLUMNS=200)
    assert name.startswith(LONG_NAME[:11]) and name.endswith("…"), row


@pytest.mark.parametrize("width", [160, 80])
@pytest.mark.parametrize("fmt", ["table", "wide"])
def test_the_table_on_a_terminal_fits_its_width(fresh_sandbox, with_password, fmt, width):
    """Each row one line at 160 and 80 columns (it wrapped at both); the jobHandles whole."""
    from activejob_tui.model.text import cell_width

    from .terminal_run import on_terminal

    handle = submit_job(fresh_sandbox, "夜間影像發佈 spring catalogue")
    code, shown, stderr = on_terminal(["jobs", "-o", fmt, *connect_args(fresh_sandbox)],
                                      {**with_password, "COLUMNS": str(width)})
    assert code == 0, stderr
    lines = [line for line in shown.splitlines() if line]
    assert len(lines) > 2 and all(cell_width(line) <= width for line in lines), \
        [(cell_width(line), line) for line in lines if cell_width(line) > width]
    assert any(line.endswith(handle) for line in lines)
    assert lines[0].split()[:2] == ["STATE", "NAME"] and lines[0].endswith("HANDLE")
