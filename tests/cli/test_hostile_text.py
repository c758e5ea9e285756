"""Hostile text submitted to the sandbox with plain zeep, then listed by ``activejob-tui jobs``:
shown literally (control and bidi characters as visible escapes), layout intact, JSON exact."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pytest

from activejob_tui import output
from activejob_tui.model.jobs import ActiveJob
from activejob_tui.model.text import cell_width, printable
from support.harness import sandbox_cli_args
from support.hostile import HOSTILE, RAW_FORBIDDEN

# demo_password (support/fixtures.py): run_cli's environment holds the demo password and a wide terminal
pytestmark = pytest.mark.usefixtures("demo_password")


@pytest.fixture(scope="module")
def listed(hostile_sandbox, tmp_path_factory):
    import os
    import subprocess
    import sys

    server, handles = hostile_sandbox
    home = tmp_path_factory.mktemp("hostile-cli")
    env = {k: v for k, v in os.environ.items() if not k.startswith("IPS_")}
    env.update(IPS_PASSWORD="demo-password", ACTIVEJOB_TUI_CONFIG=os.devnull,
               XDG_STATE_HOME=str(home / "state"), XDG_DATA_HOME=str(home / "data"))
    out = {}
    for fmt in ("table", "json", "csv"):
        result = subprocess.run(
            [sys.executable, "-m", "activejob_tui", "jobs", "--format", fmt, "--filter", "type:optimize",
             *sandbox_cli_args(server)], capture_output=True, env=env, timeout=40)
        assert result.returncode == 0, result.stderr
        out[fmt] = result.stdout.decode("utf-8")  # strict: the output is valid UTF-8
    return handles, out


def test_submitted_text_is_stored_verbatim(listed):
    handles, out = listed
    jobs = {job["jobHandle"]: job for job in json.loads(out["json"])}
    for key, text in HOSTILE.items():
        expected = text.replace("\r", "\r")
        assert jobs[handles[key]]["name"] == expected, key
        assert jobs[handles[key]]["description"] == expected, key


def test_no_raw_control_or_bidi_character_reaches_stdout(listed):
    _, out = listed
    for fmt in ("table", "json", "csv"):
        for ch in RAW_FORBIDDEN:
            assert ch not in out[fmt], (fmt, hex(ord(ch)))


def test_rich_markup_is_shown_literally(listed):
    _, out = listed
    assert HOSTILE["rich"] in out["table"] or HOSTILE["rich"][:39] in out["table"]
    assert "[bold red]BOOM[/]" in out["table"]


def test_escapes_are_visible_in_table_and_csv(listed):
    handles, out = listed
    assert "\\x9b31mC1 CSI red" in out["table"] and "\\x7f" in out["table"]
    assert "invoice\\u202egpj.exe" in out["table"]
    rows = {row["jobHandle"]: row for row in csv.DictReader(io.StringIO(out["csv"]))}
    for key, text in HOSTILE.items():
        assert rows[printable(handles[key])]["name"] == printable(text)  # CSV: whole, escaped


def test_table_layout_intact(listed):
    """One line per job, every column starting at the same terminal cell; piped, long names are whole
    (a terminal cuts them to 40 cells: tests/cli/test_output.py)."""
    handles, out = listed
    lines = out["table"].splitlines()
    for handle in handles.values():  # one line per job, whatever its name holds
        assert sum(line.endswith(printable(handle)) for line in lines) == 1
    header = lines[0]
    starts = [header.index(title) for title in ("NAME", "TYPE", "PROGRESS", "HANDLE")]
    for line in lines[1:]:
        body = line[: line.rindex("  j|") + 2]
        assert cell_width(body) == starts[3], line[:120]
        name_cells = cell_width(body[starts[0]:]) - (starts[3] - starts[1])
        assert name_cells == starts[1] - starts[0]
    long_line = next(line for line in lines if "LLLL" in line)
    assert "L" * 60 + "-the-end!" in long_line and "…" not in long_line
    assert "漢字のジョブ名" in out["table"] and "🚀" in out["table"]


def test_json_round_trips_ten_thousand_characters(listed):
    handles, out = listed
    jobs = {job["jobHandle"]: job for job in json.loads(out["json"])}
    assert len(jobs[handles["long"]]["name"]) == 9_999


def test_raw_escape_in_a_model_never_reaches_the_terminal():
    """ESC cannot travel in XML 1.0 (the sandbox and lxml refuse it), but whatever the source, the
    renderer writes no raw ESC, OSC or CSI in any format."""
    now = datetime.now(UTC)
    job = ActiveJob(job_handle="j|\x1b]8;;x\x07", name="\x1b[31mred\x1b[0m\x07\x00", type="\x1bP", state=None)
    for fmt in ("table", "csv", "json"):
        text = output.render([job], ActiveJob, fmt, now)
        assert "\x1b" not in text and "\x07" not in text and "\x00" not in text, fmt
    assert json.loads(output.render([job], ActiveJob, "json", now))[0]["name"] == job.name


def test_json_escapes_exactly_what_printable_escapes():
    import unicodedata

    from activejob_tui.output_json import _JSON_UNSAFE

    for code in range(0x20, 0x110000):
        ch = chr(code)
        if unicodedata.category(ch) == "Cs":
            continue
        assert (printable(ch) != ch) == bool(_JSON_UNSAFE.match(ch)), hex(code)


# --- hostile text from the server in errors and in the stop report (rogue server) --------------------


def test_hostile_server_text_in_errors_is_escaped(run_cli, rogue):
    from support.harness import one_line_error, rogue_cli_args
    from support.rogue_server import HOSTILE_FAULT, HOSTILE_HTML

    rogue.answer(HOSTILE_FAULT)
    result = run_cli("jobs", *rogue_cli_args(rogue))
    assert result.returncode == 5
    assert one_line_error(result) == "activejob-tui: getActiveJobs failed: boom \\u202eevil\\x9b31m (IPS code 30000)."
    # an HTML error page is not XML: it may even carry a raw ESC (a terminal title change here)
    rogue.answer(HOSTILE_HTML)
    result = run_cli("jobs", "--debug", *rogue_cli_args(rogue))
    assert result.returncode == 7
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "an HTML page ('\\x1b]0;pwned\\x07 Bad Gateway')" in result.stderr  # escaped once, as fault reasons are


def test_hostile_state_and_reason_in_the_stop_report_are_escaped(run_cli, rogue):
    from support.harness import rogue_cli_args
    from support.rogue_server import HOSTILE_STATE, HOSTILE_STOP_FAULT

    rogue.answer(HOSTILE_STATE, "getActiveJobs")
    rogue.answer(HOSTILE_STOP_FAULT, "stopJob")
    result = run_cli("stop", "j|\u202ex", "--yes", *rogue_cli_args(rogue))
    assert result.returncode == 5
    for ch in RAW_FORBIDDEN:
        assert ch not in result.stdout + result.stderr, hex(ord(ch))
    assert "Run\\u202ening" in result.stdout and "no \\u2066such\\u2069 job \\x9b" in result.stderr
