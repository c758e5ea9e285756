"""The pseudo-locale over the CLI (issue 15): every string that went through the catalog comes out
wrapped in ⟦…⟧, so an English word left outside the brackets is a string nobody marked.

What may stay outside: server data (removed first, read from the same sandbox as JSON), IPS names
(field names, values, operations), the program's own tokens (flags, metavars, command and choice
names, the program name) and units — :data:`ALLOWED`, kept short and explicit.
"""

from __future__ import annotations

import json
import re

import pytest
from cli.conftest import connect_args, dead_port

from activejob_tui.output import COLUMNS_BY_KIND, raw_names

COMMANDS = ("jobs", "logs", "wait", "stop", "pause", "resume", "execute", "delete", "completion", "sandbox")
_ALLOWED_WORDS = (
    # the program, its commands and choices (typed as they are, in every language)
    "activejob tui jobs logs wait stop pause resume execute delete completion sandbox active scheduled finished "
    "table wide json jsonl csv tsv info success warning error bash zsh fish source fpath config "
    "en zh_TW zh TW echo published jq cut head chmod pip httpx socks socks5 socksio"
    # metavars, acronyms, environment variables and units
    " URL PATH EMAIL NAME HANDLE SECONDS COMMAND LANG FORMAT EXPR FIELD desc asc JOB_HANDLE DURATION N A B C"
    " IPS SOAP WSDL TLS DNS HTTP https http API Ctrl XML MTOM DOCTYPE DTD TOML"
    " IPS_WSDL IPS_ENDPOINT IPS_USER IPS_PASSWORD IPS_COMPANY HTTPS_PROXY HTTP_PROXY ALL_PROXY NO_PROXY"
    " ACTIVEJOB_TUI_CONFIG LC_ALL LC_MESSAGES LANG lang readonly true toml ms s m h d GB MB KB B"
    # example handles and names in the help's examples (server data of the examples)
    " j Nightly publish sync Old emea bashrc fish completions toml type video state done running progress"
    " H1 H2 H3 jobHandle name totalSize startDate"
    # the sandbox's choices and metavars
    " ips axis2 DEBUG INFO WARNING ERROR S X SPEC HOST PORT DB LOG_LEVEL"
)
ALLOWED = frozenset(_ALLOWED_WORDS.split())
IPS_NAMES = frozenset(n for kind in COLUMNS_BY_KIND for n in raw_names(kind)) | {
    c.field for cols in COLUMNS_BY_KIND.values() for c in cols}
_BRACKETED = re.compile(r"⟦[^⟦⟧]*⟧")
_FLAG = re.compile(r"(?<![\w⟦])--?[A-Za-z][\w-]*")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def leftovers(text: str, data: set[str] = frozenset()) -> list[str]:
    """English words of ``text`` outside ⟦…⟧, server ``data`` and :data:`ALLOWED`."""
    for value in sorted(data, key=len, reverse=True):
        if len(value) > 1:
            text = text.replace(value, " ")
    while _BRACKETED.search(text):
        text = _BRACKETED.sub(" ", text)
    text = _FLAG.sub(" ", text)
    text = re.sub(r"\d{4}-\d\d-\d\dT[\d:.]+(?:[+-]\d\d:\d\d|Z)?", " ", text)  # ISO-8601 dates (machine tokens)
    text = re.sub(r"https?://\S+|[\w.-]+@[\w.-]+|[\w|/.-]*\|[\w|/ .-]*", " ", text)  # URLs, e-mails, handles
    return sorted({w for w in _WORD.findall(text) if w not in ALLOWED and w not in IPS_NAMES})


def strings(value) -> set[str]:
    """Every string inside a JSON value (the server data a table shows)."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(strings(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(strings(v) for v in value)) if value else set()
    return set()


def test_leftovers_finds_an_unmarked_word_and_spares_the_rest():
    assert leftovers("⟦Stop ⟦3⟧ jobs?⟧ Nothing happened. --yes jobHandle j|1||x|2", set()) == ["Nothing", "happened"]
    assert leftovers("⟦STATE⟧  Render vignettes", {"Render vignettes"}) == []


@pytest.fixture
def pseudo(run_cli, plain_env):
    def run(*args: str, **env: str):
        return run_cli("--lang", "pseudo", *args, env={**plain_env, **env})

    return run


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_of_every_command_has_no_unmarked_english(pseudo, command):
    result = pseudo(*([command] if command else []), "--help")
    assert result.returncode == 0, result.stderr
    assert "⟦" in result.stdout
    assert leftovers(result.stdout) == []


@pytest.mark.parametrize(("view", "fmt"), [("active", "table"), ("scheduled", "wide"), ("logs", "wide")])
def test_jobs_table_has_no_unmarked_english(pseudo, sandbox, view, fmt):
    # active: not wide, whose progress messages move between the table and the JSON read after it
    table = pseudo("jobs", "--view", view, "-o", fmt, *connect_args(sandbox))
    data = pseudo("jobs", "--view", view, "-o", "json", *connect_args(sandbox))
    assert table.returncode == 0 and data.returncode == 0, table.stderr + data.stderr
    assert "⟦" in table.stdout
    assert leftovers(table.stdout, strings(json.loads(data.stdout))) == []


def test_logs_table_has_no_unmarked_english(pseudo, sandbox, handles):
    table = pseudo("logs", handles["finished"], "-o", "wide", *connect_args(sandbox))
    data = pseudo("logs", handles["finished"], "-o", "json", *connect_args(sandbox))
    assert table.returncode == 0, table.stderr
    assert leftovers(table.stdout, strings(json.loads(data.stdout))) == []


@pytest.mark.parametrize(
    "args",
    [
        ["jobs", "--sort", "nope"],
        ["jobs", "--filter", "progress>lots"],
        ["jobs", "--columns", "nope"],
        ["jobs", "--limit", "0"],
        ["jobs", "--view", "nope"],
        ["--profile", "nowhere", "jobs"],
        ["logs"],
    ],
    ids=["bad-sort", "bad-filter", "bad-columns", "bad-limit", "bad-choice", "unknown-profile", "missing-argument"],
)
def test_usage_and_config_errors_have_no_unmarked_english(pseudo, sandbox, args):
    result = pseudo(*args, *([] if "--profile" in args else connect_args(sandbox)))
    assert result.returncode == 2, result.stderr
    assert leftovers(result.stderr) == [], result.stderr


def test_an_unreachable_endpoint_has_no_unmarked_english(pseudo):
    result = pseudo("jobs", "--wsdl", f"http://127.0.0.1:{dead_port()}/IpsApi.wsdl", "--user", "u@example.com")
    assert result.returncode == 6, result.stderr  # unreachable
    assert leftovers(result.stderr) == [], result.stderr
