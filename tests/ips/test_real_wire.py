"""The wire as real IPS servers speak it (issue 10, IPS_JOBS_API.md §10): every row of the issue's
table through the real client — the CLI as a subprocess, and the console through Pilot — against a
rogue server sending exactly the bytes stored in ``tests/data/wire/``."""

from __future__ import annotations

import json

import pytest
from rich.cells import cell_len

from activejob_tui.model.text import cell_width
from support.harness import one_line_error, rogue_settings
from support.live_console import confirm, detail_text, notes, open_stop, running, screen_lines, select, until
from support.rogue_server import RogueServer, recorded, stopped_handles
from tui.helpers import status_text

# demo_password (support/fixtures.py): run_cli's environment holds the demo password and a wide terminal
pytestmark = [pytest.mark.timeout(60), pytest.mark.usefixtures("demo_password")]

ALPHA = "j|111||alpha_2011-03-30-14:32:08.834|5129821"
FEED = "j|111||feed_2011-03-30-14:32:08.834|5129822"
HTML_SENTENCE = ("The server answered getActiveJobs with an HTML page ('Sign in - Example Corp SSO'), not SOAP — "
                 "is the WSDL/endpoint URL right, or is a proxy asking you to log in?")
SERVER_FAULT = "getActiveJobs failed: Database connection pool exhausted; try again later (SOAP fault soapenv:Server)."
PERIOD_FAULT = "getActiveJobs failed: The service is shutting down for maintenance (SOAP fault soapenv:Server)."
NAMES = {
    "vs16": "Winter \u2744\ufe0f sale",
    "skin": "\U0001f44d\U0001f3fd approved",
    "zwj": "Lab \U0001f469\u200d\U0001f52c run",
    "family": "Family \U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466 day",
    "zwnj": "\u06af\u0632\u0627\u0631\u0634\u200c\u0647\u0627",
    "cjk": "\u6f22\u5b57\u306e\u30b8\u30e7\u30d6\u540d",
    "accent": "Cafe\u0301 menu",
    "plain": "plain ascii",
}
"""The job names of ``emoji_names.http`` (handle ``j|111||<key>|n``) that are text to keep as is."""


def cli_args(server: RogueServer, company: str | None = None) -> list[str]:
    who = ["--company", company] if company else ["--company-handle", "c|1"]
    return ["--wsdl", server.wsdl_url, "--user", "demo@example.com", *who, "--timeout", "5"]


def mtom_server(server: RogueServer) -> None:
    """Every answer MTOM/XOP multipart, as Axis2 with MTOM enabled sends it (row 1)."""
    server.answer(recorded("mtom_company_membership"), "getCompanyMembership")
    server.answer(recorded("mtom_active_jobs"), "getActiveJobs")
    server.answer(recorded("mtom_stop_job"), "stopJob")


# --- the CLI ----------------------------------------------------------------------------------------------


def test_mtom_answers_are_read_and_the_stop_is_reported_as_sent_cli(run_cli, rogue):
    mtom_server(rogue)
    listed = run_cli("jobs", *cli_args(rogue, "Example Corp"))
    assert listed.returncode == 0, listed.stderr
    assert "alpha" in listed.stdout and ALPHA in listed.stdout
    stopped = run_cli("stop", ALPHA, "--yes", *cli_args(rogue, "Example Corp"))
    assert stopped.returncode == 0, stopped.stderr
    assert "(the server accepted it)" in stopped.stdout and ALPHA in stopped.stdout
    assert "refused" not in stopped.stdout
    assert stopped_handles(rogue) == [ALPHA]


@pytest.mark.parametrize(("case", "exit_code", "sentence"), [
    ("html_login_200", 7, HTML_SENTENCE),
    ("axis2_server_fault_500", 5, SERVER_FAULT),
    ("fault_ending_in_period_500", 5, PERIOD_FAULT),
])
def test_foreign_answers_are_told_in_words_cli(run_cli, rogue, case, exit_code, sentence):
    rogue.answer(recorded(case))
    result = run_cli("jobs", *cli_args(rogue))
    assert result.returncode == exit_code
    line = one_line_error(result)
    assert line == f"activejob-tui: {sentence}"
    assert ".." not in line and "DOCTYPE" not in line and "no reason given" not in line


def test_an_empty_url_array_is_unknown_not_zero_cli(run_cli, rogue):
    rogue.answer(recorded("empty_url_array"))
    result = run_cli("jobs", "--format", "json", *cli_args(rogue))
    assert result.returncode == 0, result.stderr
    (job,) = json.loads(result.stdout)
    upload = job["uploadUrlsJob"]
    assert upload.get("urlArray") is None and upload.get("numUrls") is None  # unknown, never []
    assert job.get("progressMessage") is None and job.get("taskProgressArray") not in ([], {})
    assert upload.get("mediaOptions") is None and upload.get("httpCompletionUrl") is None
    assert job["locale"] == "en_US" and job["companyHandle"] == "111"


def test_names_keep_their_columns_and_their_joiners_cli(run_cli, rogue):
    rogue.answer(recorded("emoji_names"))
    result = run_cli("jobs", *cli_args(rogue))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    header = lines[0]
    type_at = cell_width(header[: header.index("TYPE")])
    for key, name in NAMES.items():
        (line,) = [ln for ln in lines if f"||{key}|" in ln]
        assert name in line, key  # ZWJ, ZWNJ, VS16 and combining marks kept as written
        assert cell_width(line[: line.index("Export")]) == type_at, key
    assert "\\u200d" not in result.stdout and "\\u200c" not in result.stdout
    assert "invoice\\u202egpj.exe" in result.stdout and "\u202e" not in result.stdout  # bidi still escaped


def test_the_http_charset_is_honoured_when_the_document_declares_none_cli(run_cli, rogue):
    rogue.answer(recorded("latin1_no_declaration"))
    result = run_cli("jobs", *cli_args(rogue))
    assert result.returncode == 0, result.stderr
    assert "Frühjahrskatalog Ñandú" in result.stdout


# --- the console (Pilot) ------------------------------------------------------------------------------


async def test_mtom_answers_are_read_and_the_stop_is_reported_as_sent_console(rogue):
    mtom_server(rogue)
    settings = rogue_settings(rogue, company_handle=None, company_name="Example Corp")
    async with running(settings) as (app, pilot):
        assert "Example Corp" in status_text(app)
        await open_stop(pilot, app, ALPHA)
        said = await confirm(pilot, app, ("Sent stop", "Could not stop"))
        assert said.startswith("Sent stop") and "alpha" in said, said
        assert stopped_handles(rogue) == [ALPHA]


@pytest.mark.parametrize(("case", "sentence"), [
    ("html_login_200", HTML_SENTENCE),
    ("axis2_server_fault_500", SERVER_FAULT),
    ("fault_ending_in_period_500", PERIOD_FAULT),
])
async def test_foreign_answers_are_told_in_words_console(rogue, case, sentence):
    rogue.answer(recorded("mtom_active_jobs"))
    async with running(rogue_settings(rogue, timeout=2.0)) as (app, pilot):
        rogue.answer(recorded(case))
        app.poller.poll_now()
        await until(pilot, lambda: sentence.rstrip(".") in status_text(app), timeout=8)
        assert ".." not in status_text(app)
        assert any(sentence.rstrip(".") in note for note in notes(app))


async def test_an_empty_url_array_is_unknown_not_zero_console(rogue):
    rogue.answer(recorded("empty_url_array"))
    async with running(rogue_settings(rogue)) as (app, pilot):
        await select(pilot, app, FEED)
        shown = detail_text(app)
        assert "URLs not reported" in shown and "0 to fetch" not in shown
        assert "Tasks (1)" in shown and "com.scene7.upload.UploadAsyncTaskMonitor" in shown


async def test_names_keep_their_columns_and_their_joiners_console(rogue):
    rogue.answer(recorded("emoji_names"))
    async with running(rogue_settings(rogue), size=(160, 48)) as (app, pilot):
        await pilot.press("enter")  # the list, maximised: every row on screen
        await pilot.pause(0.1)
        lines = screen_lines(app)
        (plain_row,) = [ln for ln in lines if "plain ascii" in ln]
        type_at = cell_len(plain_row[: plain_row.index("Export")])
        for key, name in NAMES.items():
            (line,) = [ln for ln in lines if name in ln]
            assert cell_len(line) == 160 and line[-1] == plain_row[-1], key  # the border stays in place
            assert cell_len(line[: line.index("Export")]) == type_at, key
        text = "\n".join(lines)
        assert "\\u200d" not in text and "\\u200c" not in text and "\u202e" not in text


async def test_the_http_charset_is_honoured_when_the_document_declares_none_console(rogue):
    rogue.answer(recorded("latin1_no_declaration"))
    async with running(rogue_settings(rogue)) as (app, _pilot):
        assert any("Frühjahrskatalog Ñandú" in line for line in screen_lines(app))
