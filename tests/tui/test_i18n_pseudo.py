"""Every word the console shows goes through the catalog (issue 15).

The console runs against the real sandbox under the pseudo-locale, which wraps every translated
string in ⟦…⟧; every view and every dialog is visited and the whole screen read back
(``App.export_screenshot()``). A word of two or more Latin letters outside ⟦…⟧ fails the test
unless it is server data (a word of any string the server sent: job names, handles, messages,
log types…), an IPS field or element name, a key name, or on :data:`ALLOWED` with its reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from typing import Any

import pytest
from textual.binding import Binding
from textual.command import CommandPalette

from activejob_tui import i18n
from activejob_tui.ips.client import ClientSettings, IpsClient
from activejob_tui.model import jobs as m
from activejob_tui.model.naming import ips_name
from activejob_tui.poller import View
from activejob_tui.tui.app import KEYED_CLASSES, ActiveJobApp
from activejob_tui.tui.screens.confirm import ConfirmScreen
from activejob_tui.tui.screens.help import HelpScreen
from activejob_tui.tui.screens.notices import NoticeHistoryScreen
from activejob_tui.tui.screens.raw import RawScreen
from activejob_tui.tui.widgets.notice_rack import NoticeCard

from .helpers import screen_of, settle, wait_until
from .screen_text import WIDE_TAIL, screen_cells, screen_lines

ALLOWED: dict[str, str] = {
    "activejob": "the program's name (activejob-tui), a brand",
    "tui": "the program's name (activejob-tui), a brand",
    "KB": "a size unit: half-width units stay as they are in zh-TW",
    "MB": "a size unit",
    "GB": "a size unit",
    "TB": "a size unit",
    "active": "a : command, typed as it is (the completion shows it: :active)",
    "scheduled": "a : command (:scheduled)",
    "finished": "a : command (:finished)",
    "filter": "a : command (:filter)",
    "profile": "a : command (:profile)",
    "company": "a : command (:company)",
    "No": "Textual's command palette: 'No matches found' is hard-coded in textual/command.py, no hook",
    "matches": "Textual's command palette: 'No matches found' (see 'No')",
    "found": "Textual's command palette: 'No matches found' (see 'No')",
}
"""Words that may appear outside ⟦…⟧, each with why."""

PENDING: dict[str, str] = {}
"""Words of strings another branch translates, not yet merged here: remove when they are."""

_WORD = re.compile(r"[A-Za-z]{2,}")


def outside_brackets(line: str) -> str:
    """The characters of ``line`` outside ⟦…⟧ (nesting counted), others replaced by a blank. A ⟧ that
    closes nothing opened on the line ends a string wrapped from the line above: what came before it
    on the line was inside; a cut string (``⟦Waiting…``) is inside until the line ends."""
    depth = 0
    out: list[str] = []
    for ch in line:
        if ch == "⟦":
            depth += 1
            out.append(" ")
        elif ch == "⟧":
            if depth == 0:
                out = [" "] * len(out)
            depth = max(0, depth - 1)
            out.append(" ")
        else:
            out.append(ch if depth == 0 else " ")
    return "".join(out)


def at_a_cut(bare: str, start: int, end: int, words: set[str]) -> bool:
    """The word ``bare[start:end]`` is part of a server word cut by a column or a pane: the start of one
    with only blanks and a border (``…``, ``│``) after it, the end of one wrapped to this line, or the
    middle of one cut on both sides."""
    word = bare[start:end]
    after, before = bare[end:].lstrip(" "), bare[:start].rstrip(" ")
    cut_after = not after or after[0] in "…│╯╮█▀▄▌▐▁▂▃▅▆▇"
    cut_before = not before or before[-1] in "│╰╭█▀▄▌▐▁▂▃▅▆▇"
    if cut_after and any(w.startswith(word) for w in words):
        return True
    if cut_before and any(w.endswith(word) for w in words):
        return True
    # cut on both sides (a dialog's border over a column, and the column's own edge): the middle of one
    return cut_before and cut_after and any(word in w for w in words)


def _strings(value: Any, depth: int = 0) -> Iterator[str]:
    if depth > 12 or value is None:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _strings(item, depth + 1)
    elif is_dataclass(value):
        for f in fields(value):
            yield from _strings(getattr(value, f.name), depth + 1)
    elif isinstance(value, (int, float, bool)):
        return
    else:
        yield str(value)  # enums as sent


def server_words(app: ActiveJobApp) -> set[str]:
    """Every word of every string the server sent that the console holds now."""
    screen = screen_of(app)
    texts: list[str] = []
    for jobs in screen.state.jobs.values():
        for job in jobs.values():
            texts.extend(_strings(job))
    info = app.source.info if app.source is not None else None
    if info is not None:
        texts.extend(str(v) for v in (info.label, info.endpoint, info.company_name, info.company_handle, info.user,
                                      info.api_version) if v)
    for entry in screen.log_pane.entries:
        texts.extend((entry.message, entry.log_type))
    if isinstance(app.screen, RawScreen):
        texts.extend(app.screen.lines)  # the job itself, re-serialized: IPS names and server values
    return {word for text in texts for word in _WORD.findall(text)}


def ips_words() -> set[str]:
    """IPS field and element names (shown beside the labels, in the raw views)."""
    names: set[str] = set()
    for name in dir(m):
        cls = getattr(m, name)
        if isinstance(cls, type) and is_dataclass(cls):
            names.update(ips_name(f.name) for f in fields(cls))
    names.update(m.SUB_JOB_ELEMENTS.values())
    return {word for name in names for word in _WORD.findall(name)}


def key_words(app: ActiveJobApp) -> set[str]:
    """Key names as the footer and the help print them (``space``, ``tab``, ``shift``…), and the
    binding ids the help shows beside them (``job.stop``: config identifiers a ``[keymap]`` line names,
    not prose — they stay as they are in every language)."""
    keys = {"tab", "shift"}
    for cls in [*KEYED_CLASSES, type(app)]:
        for klass in cls.__mro__:
            for binding in getattr(klass, "BINDINGS", None) or ():
                if isinstance(binding, Binding):
                    keys.update(_WORD.findall(app.get_key_display(binding)))
                    keys.update(_WORD.findall(binding.key))
                    keys.update(_WORD.findall(binding.id or ""))
    return keys


class Reader:
    """Reads screens and collects the English found outside ⟦…⟧."""

    def __init__(self, app: ActiveJobApp) -> None:
        self.app = app
        self.found: list[str] = []
        self.seen: list[str] = []
        self.fixed = set(ALLOWED) | set(PENDING) | ips_words() | key_words(app)
        self.typed: set[str] = set()
        """Words the test typed (a search, a filter): the operator's own text, shown back."""

    async def type(self, pilot: Any, text: str) -> None:
        for word in _WORD.findall(text):  # and what was shown while it was being typed
            self.typed.update(word[:n] for n in range(2, len(word) + 1))
        for char in text:
            await pilot.press({" ": "space", ">": "greater_than_sign"}.get(char, char))

    def read(self, name: str) -> list[str]:
        lines = screen_lines(self.app)
        allowed = self.fixed | self.typed | server_words(self.app)  # whole words; cut ones: at_a_cut
        self.seen.append(name)
        server = server_words(self.app) | self.typed | self.fixed
        # A toast wraps its one message over lines (a middle line holds neither ⟦ nor ⟧): each toast is
        # read as its whole text, and its cells are left out of the screen's lines.
        toasts = [card for card in self.app.screen.query(NoticeCard) if card.display]  # the notices shown
        cells = screen_cells(self.app)
        for toast in toasts:
            region = toast.region
            for y in range(region.y, min(region.bottom, len(cells))):
                cells[y][region.x:region.right] = [" "] * len(cells[y][region.x:region.right])
        read_lines = ["".join(ch for ch in row if ch != WIDE_TAIL).rstrip() for row in cells]
        read_lines += [" ".join(str(toast.render()).split()) for toast in toasts]
        for number, line in enumerate(read_lines):
            bare = outside_brackets(line)
            for match in _WORD.finditer(bare):
                word = match.group()
                if word not in allowed and not at_a_cut(bare, match.start(), match.end(), server):
                    self.found.append(f"{name}, line {number}: {word!r} in {line.strip()!r}")
        return lines


@pytest.fixture
def pseudo():
    i18n.set_language("pseudo")
    yield
    i18n.set_language("en")


async def _close(pilot: Any, app: ActiveJobApp, key: str = "escape") -> None:
    await pilot.press(key)
    await pilot.pause(0.2)


async def _select(pilot: Any, app: ActiveJobApp, predicate: Any) -> None:
    table = screen_of(app).table
    for key in table.visible_keys():
        if predicate(table.jobs[key]):
            table.select_key(key)
            break
    await pilot.pause(0.8)  # the detail and log panes follow the cursor after a debounce


async def test_no_english_outside_the_catalog_in_any_view_or_dialog(sandbox, pseudo):
    settings = ClientSettings(wsdl=sandbox.wsdl_url_2016, user="demo@example.com", password="demo-password",
                              company_name="Demo Company", timeout=5.0, label="sandbox")
    app = ActiveJobApp(lambda: IpsClient.open(settings), poll_interval=0.5)
    async with app.run_test(size=(160, 48), notifications=True) as pilot:  # toasts are read too
        await settle(pilot, app, timeout=20)
        screen = screen_of(app)
        reader = Reader(app)
        await _select(pilot, app, lambda j: str(j.state) == "Running")
        await wait_until(pilot, lambda: bool(screen.log_pane.entries))
        lines = reader.read("active view")
        assert any("⟦Jobs⟧" in line or "⟦Active⟧" in line for line in lines)

        await pilot.press("t")  # progress messages instead of detail lines
        await pilot.pause(0.3)
        reader.read("active view, progress messages")
        await pilot.press("t")

        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.pause(0.2)
        reader.read("stop confirmation")
        await _close(pilot, app)

        for key, kind in (("y", "JSON"), ("x", "XML")):
            await pilot.press(key)
            await wait_until(pilot, lambda: isinstance(app.screen, RawScreen))
            await pilot.press("slash")
            await reader.type(pilot, "zzz")
            await pilot.press("enter")
            await pilot.pause(0.2)
            reader.read(f"raw {kind}, searched with no match")
            await _close(pilot, app)

        await pilot.press("c")  # copy the handle: a toast
        await pilot.pause(0.2)
        reader.read("copy handle toast")

        screen.log_pane.log_widget.focus()
        await pilot.press("w")  # save the log: a toast with the path
        await wait_until(pilot, lambda: any("⟦Saved" in line for line in screen_lines(app)), timeout=20)
        reader.read("log saved toast")

        screen.table.focus()
        await pilot.press("H")
        await wait_until(pilot, lambda: isinstance(app.screen, NoticeHistoryScreen))
        reader.read("notification history")
        await _close(pilot, app)

        await pilot.press("a")  # notification policy: a toast
        await pilot.pause(0.2)
        reader.read("notification policy toast")

        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        reader.read("help")
        await _close(pilot, app)

        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.pause(0.5)
        reader.read("command palette")
        await reader.type(pilot, "zqzq")
        await pilot.pause(1.5)  # Textual waits before saying there is no match
        reader.read("command palette, no match")
        await _close(pilot, app)

        screen.table.focus()
        await pilot.press("C")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.pause(0.5)
        reader.read("column picker")
        await _close(pilot, app)

        await pilot.press("colon")
        await reader.type(pilot, "fil")
        await pilot.pause(0.2)
        reader.read("command line with a completion")
        await reader.type(pilot, "x nope")
        await pilot.press("enter")
        await pilot.pause(0.2)
        reader.read("command line: unknown command toast")

        await pilot.press("colon")
        await reader.type(pilot, "company ")
        await pilot.pause(0.3)
        reader.read("command line: :company with its hint")
        await pilot.press("enter")  # no name: a toast asks for one
        await pilot.pause(0.2)
        reader.read("command line: :company without a name")

        await pilot.press("slash")
        await reader.type(pilot, "progress>")
        await pilot.pause(0.5)
        reader.read("filter bar with an error")
        await pilot.press("escape")
        await pilot.pause(0.2)

        for key, view, predicate in (("2", View.SCHEDULED, lambda j: True),
                                     ("3", View.FINISHED, lambda j: str(j.outcome) in ("errors", "warnings"))):
            await pilot.press(key)
            await wait_until(pilot, lambda v=view: v in screen.state.loaded and screen.view is v, timeout=20)
            await _select(pilot, app, predicate)
            if view is View.FINISHED:
                await wait_until(pilot, lambda: bool(screen.log_pane.entries), timeout=20)
            reader.read(f"{view.value} view")
            await pilot.press("s")  # a command that does not apply here: a toast says why
            await pilot.pause(0.2)
            reader.read(f"{view.value} view, stop refused")

        assert len(reader.seen) >= 20
        assert not reader.found, "English outside the catalog:\n" + "\n".join(reader.found)


def test_the_bracket_reader_finds_what_is_outside():
    assert outside_brackets("⟦Log⟧  ⟦⟦3⟧ lines⟧ stale").split() == ["stale"]
    assert outside_brackets("ing text⟧ · ⟦Name").split() == ["·"]
    assert outside_brackets(" the ⟦Active⟧ view.⟧ left").split() == ["left"]
    assert _WORD.findall(outside_brackets("⟦Waiting for…")) == []
    line = "│ spring cata…  ips-san…  │ in"
    found = [m.group() for m in _WORD.finditer(line) if not at_a_cut(line, m.start(), m.end(), {"catalog", "ips"})]
    assert found == ["spring", "ips", "san", "in"]  # "ips" is whole: a server word is matched elsewhere
