"""The ':' command line's grammar (colon_commands.py), without Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest

from activejob_tui.colon_commands import ColonCommand, parse_colon
from activejob_tui.poller import View


@pytest.mark.parametrize("word,view", [("active", View.ACTIVE), ("scheduled", View.SCHEDULED),
                                       ("finished", View.FINISHED)])
def test_a_view_word_shows_that_view_and_words_after_it_are_refused(word: str, view: View) -> None:
    """`:scheduled foo bar` used to switch and drop the words without a word; now it says what to type."""
    assert parse_colon(word, "") == ColonCommand("view", view=view)
    refused = parse_colon(word, "state:running foo")
    assert refused.kind == "refused" and refused.view is None
    assert refused.text == f":{word} takes no words; to narrow the list, :filter state:running foo"


def test_filter_carries_its_words_and_alone_clears() -> None:
    assert parse_colon("filter", "state:running name~video") == ColonCommand("filter", text="state:running name~video")
    assert parse_colon("filter", "") == ColonCommand("filter", text="")


@pytest.mark.parametrize("kind", ["profile", "company"])
def test_a_switch_needs_a_name(kind: str) -> None:
    assert parse_colon(kind, "Demo Studio") == ColonCommand("switch", text="Demo Studio", context=kind)
    refused = parse_colon(kind, "")
    assert refused.kind == "refused"
    assert refused.text == f"Give a name: :{kind} NAME (Tab completes it)."


def test_an_unknown_word_is_refused_with_the_list_of_commands() -> None:
    refused = parse_colon("stop", "all")
    assert refused.kind == "refused"
    assert refused.text == ("Unknown command :stop. Commands: :active, :scheduled, :finished, :filter WORDS, "
                            ":profile NAME, :company NAME.")


def test_an_empty_line_asks_for_nothing() -> None:
    assert parse_colon("", "").kind == "nothing"


def test_the_grammar_loads_no_textual() -> None:
    code = "import sys, activejob_tui.colon_commands; print(sorted(m for m in ('textual', 'rich') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
