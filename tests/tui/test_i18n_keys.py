"""Key descriptions and Textual's own words in Traditional Chinese (issue 15).

The pseudo-locale wraps whatever ``_()`` is given, so it cannot tell a description that has a
translation from one that has none (Textual's inherited bindings, say): these tests look in the
zh_TW catalog itself, and at what the help, the palette and Ctrl+C show."""

from __future__ import annotations

import re

import pytest
from textual.binding import Binding

from activejob_tui import i18n
from activejob_tui.i18n import _
from activejob_tui.tui.app import KEYED_CLASSES, ActiveJobApp
from activejob_tui.tui.palette import _commands, help_sections

from .helpers import make_app, settle
from .screen_text import screen_lines

SAME_IN_CHINESE = {"JSON", "XML"}
"""Descriptions whose Chinese is the English word (format names)."""


def _cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.fixture
def zh_tw():
    i18n.set_language("zh_TW")
    yield
    i18n.set_language("en")


def test_every_key_description_has_a_translation_inherited_ones_too(zh_tw):
    missing = sorted({f"{klass.__module__}.{klass.__name__}: {binding.description!r}"
                      for cls in [*KEYED_CLASSES, ActiveJobApp] for klass in cls.__mro__
                      for binding in klass.__dict__.get("BINDINGS", ()) or ()
                      if isinstance(binding, Binding) and binding.description
                      and binding.description not in SAME_IN_CHINESE and _(binding.description) == binding.description})
    assert not missing, "\n".join(missing)


async def test_help_palette_footer_and_ctrl_c_speak_chinese(zh_tw):
    app, _source = make_app()
    async with app.run_test(size=(160, 48), notifications=True) as pilot:
        await settle(pilot, app)
        rows = [(section, keys, text) for section, entries in help_sections(app, {}) for keys, text, _ids in entries]
        assert len(rows) > 30
        assert all(_cjk(section) for section, _keys, _text in rows)
        assert [text for _s, _k, text in rows if not _cjk(text) and text not in SAME_IN_CHINESE] == []
        titles = [title for title, _help, _callback in _commands(app)]
        assert titles and all(_cjk(title) or title.split("：")[-1] in SAME_IN_CHINESE for title in titles), titles
        system = list(app.get_system_commands(app.screen))
        assert system and all(_cjk(c.title) and _cjk(c.help) for c in system), system
        footer = [b.description for b in (a.binding for a in app.screen.active_bindings.values()) if b.show]
        assert footer and all(_cjk(d) for d in footer), footer
        await app.run_action("help_quit")  # Textual's answer to ctrl+c where nothing copies
        await pilot.pause(0.3)
        shown = "\n".join(screen_lines(app))
        assert "按 q 結束應用程式" in shown and "要結束嗎？" in shown, shown  # the footer's q, not ^q
