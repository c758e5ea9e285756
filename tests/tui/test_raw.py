"""Raw and copy (issue 13 item 6): y JSON as the CLI prints it, x XML re-serialized, c copies the handle."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest
from rich.cells import cell_len
from textual.widgets import Static

from activejob_tui.output_json import as_json
from activejob_tui.tui.screens.raw import RawScreen

from .fakes import FakeSource, make_active
from .helpers import running_console

HOSTILE = "evil \x1b[2J<b>[red]name[/red]</b> \u202e"


async def test_y_shows_the_cli_json_searchable_with_server_text_escaped():
    jobs = make_active(3)
    jobs[0] = replace(jobs[0], name=HOSTILE)
    async with running_console(FakeSource(jobs)) as (pilot, app, screen, source):
        while screen.table.selected_key != jobs[0].job_handle:
            await pilot.press("j")
        await pilot.press("y")
        await pilot.pause()
        raw = app.screen
        assert isinstance(raw, RawScreen) and "JSON" in raw.title_text
        shown = "\n".join(raw.lines)
        assert "\x1b" not in shown and "\u202e" not in shown
        # The same object the CLI prints (its escapes shown, not executed).
        assert json.loads(shown) == json.loads(as_json([jobs[0]]))[0]
        await pilot.press("slash", *"jobHandle", "enter")
        assert raw.matches and raw.match_at == 0
        await pilot.press("n")
        await pilot.press("escape")
        assert not isinstance(app.screen, RawScreen)


async def test_x_shows_a_labelled_re_serialized_xml_item():
    async with running_console() as (pilot, app, screen, source):
        job = screen.table.selected_job
        await pilot.press("x")
        await pilot.pause()
        raw = app.screen
        assert isinstance(raw, RawScreen) and "re-serialized" in raw.note
        root = ET.fromstring("\n".join(raw.lines))
        assert root.tag == "activeJob" and root.findtext("jobHandle") == job.job_handle


async def test_c_copies_the_handle_and_says_so(monkeypatch):
    async with running_console() as (pilot, app, screen, source):
        copied, told = [], []
        monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
        monkeypatch.setattr(screen, "notify", lambda message, **kw: told.append(message))
        await pilot.press("c")
        assert copied == [screen.table.selected_key]
        assert told and screen.table.selected_key in told[0] and "clipboard" in told[0]


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_the_raw_views_title_row_keeps_the_job_the_form_and_the_keys_in_its_width(size):
    """At 80 columns the XML title ended at 'j|…|152 · XML,' — the row wrapped and the rest was hidden."""
    async with running_console(size=size) as (pilot, app, screen, _source):
        handle = screen.table.selected_key
        await pilot.press("x")
        await pilot.pause(0.2)
        raw = app.screen
        assert isinstance(raw, RawScreen)
        row = raw.query_one("#raw-title", Static)
        title = str(row.render())
        assert cell_len(title) <= row.content_region.width, title
        assert title.startswith(f"{handle} · XML") and "esc closes" in title and "lines" in title, title
