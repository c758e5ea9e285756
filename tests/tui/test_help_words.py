"""The help (``?``) and the palette name keys and actions one way: keys as Textual writes them (``esc``,
``pgup``, ``^p``), one row per action (Textual's ``↑ Scroll Up`` joins the console's ``k Up``), every
description in sentence case (``Page up`` — Textual's own are in Title Case)."""

from __future__ import annotations

import re

from activejob_tui.tui.palette import _commands, help_sections
from activejob_tui.tui.screens.raw import RawScreen
from activejob_tui.tui.widgets.command_line import CommandLine
from activejob_tui.tui.widgets.filter_bar import FilterBar

from .helpers import running_console

TITLE_CASE = re.compile(r"\s[A-Z][a-z]+")  # a capitalized word after the first: "Page Up", "Scroll Left"


async def test_help_rows_are_one_per_action_in_sentence_case_with_textuals_key_names():
    async with running_console() as (_pilot, app, _screen, _source):
        sections = dict(help_sections(app, {}))
        for title, rows in sections.items():
            for keys, description, _ids in rows:
                assert not TITLE_CASE.search(description), (title, keys, description)
        log_text = {keys: description for keys, description, _ids in sections["Log text"]}
        assert log_text["↑ k"] == "Up" and log_text["home g"] == "Top"
        assert "Scroll Up" not in log_text.values() and "Scroll up" not in log_text.values()
        assert ("pgup", "Page up") in [(k, d) for k, d, _ in sections["Detail pane"]]
        assert ("home g", "First") in [(k, d) for k, d, _ in sections["Job list"]]  # named keys first, as in panes
        assert ("^p", "Palette") in [(k, d) for k, d, _ in sections["Global"]]
        for title, _help, _callback in _commands(app):
            assert not TITLE_CASE.search(title.split(": ", 1)[-1]), title


async def test_the_lines_name_keys_as_the_footer_does():
    """The placeholders said "Tab", "Esc" and "Enter" where the footer and the help say tab, esc and ⏎."""
    async with running_console() as (pilot, app, screen, _source):
        placeholders = [screen.query_one(CommandLine).input.placeholder, screen.query_one(FilterBar).input.placeholder,
                        screen.log_pane.query_one("#log-search").placeholder]
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, RawScreen)
        placeholders.append(app.screen.query_one("#raw-search").placeholder)
        for text in placeholders:
            assert not re.search(r"\b(Esc|Enter|Tab)\b", text), text
            assert "esc" in text, text
