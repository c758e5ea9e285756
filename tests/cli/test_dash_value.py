"""``wait --timeout -5s``: argparse reads a word that starts with ``-`` (and is not a negative
number) as an option, and said only "expected one argument" — a new user read it as a bug. The
error now says how to give such a value (``--timeout=-5s``), which then gets the value's own check."""

from __future__ import annotations

import pytest

from activejob_tui import i18n
from activejob_tui.cli.parser import build_parser


def _error(argv: list[str], capsys) -> str:
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(argv)
    assert exit_.value.code == 2
    return capsys.readouterr().err.strip().splitlines()[-1]


@pytest.mark.parametrize(("argv", "option", "value"), [
    (["wait", "H1", "--timeout", "-5s"], "--timeout", "-5s"),
    (["jobs", "--filter", "-state:done"], "--filter", "-state:done"),
    (["jobs", "--output", "-x"], "--output", "-x"),
])
def test_a_value_that_starts_with_a_dash_is_explained(argv, option, value, capsys) -> None:
    said = _error(argv, capsys)
    assert said.endswith(f"expected one argument; a value that starts with '-' goes after '=': {option}={value}"), said


def test_the_written_out_form_reaches_the_values_own_check(capsys) -> None:
    said = _error(["wait", "H1", "--timeout=-5s"], capsys)
    assert "must be a duration like 90s, 10m or 1h30m, not '-5s'" in said


def test_a_missing_value_at_the_end_gets_no_hint(capsys) -> None:
    said = _error(["jobs", "--limit"], capsys)
    assert said.endswith("argument --limit: expected one argument"), said


def test_the_hint_in_chinese(capsys) -> None:
    before = i18n.language()
    i18n.set_language("zh_TW")
    try:
        said = _error(["wait", "H1", "--timeout", "-5s"], capsys)
    finally:
        i18n.set_language(before)
    assert said.endswith("；以「-」開頭的值要寫在「=」之後：--timeout=-5s"), said
