"""The one width function (``model.text.cell_width``) against the cases of issue 10, and against what
Textual itself measures when it lays out the console (a change upstream fails here, loudly)."""

from __future__ import annotations

import pytest
from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip

from activejob_tui.model.humanize import NOT_REPORTED, count, reported_count
from activejob_tui.model.text import cell_width, printable, truncate_plain

CASES = {
    # name: (text, cells)
    "cjk": ("漢字のジョブ名", 14),
    "emoji+vs16": ("Winter \u2744\ufe0f sale", 14),
    "skin-tone": ("\U0001f44d\U0001f3fd approved", 11),
    "zwj-pair": ("Lab \U0001f469\u200d\U0001f52c run", 10),
    "zwj-family": ("\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466", 2),
    "zwnj": ("\u06af\u0632\u0627\u0631\u0634\u200c\u0647\u0627", 7),
    "combining": ("Cafe\u0301", 4),
    "flag": ("\U0001f1ef\U0001f1f5", 2),
    "ascii": ("plain", 5),
}


@pytest.mark.parametrize("case", list(CASES))
def test_cell_width_is_what_textual_lays_out(case):
    text, cells = CASES[case]
    assert cell_width(text) == cells
    assert Content(text).cell_length == cells  # the console's own measure
    assert Strip([Segment(text)]).cell_length == cells


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("width", range(1, 16))
def test_truncate_fits_and_never_splits_a_sequence(case, width):
    text, _ = CASES[case]
    cut = truncate_plain(text, width)
    assert cell_width(cut) <= width
    if cut != text:
        assert cut.endswith("…") and text.startswith(cut[:-1])
        assert not cut[:-1].endswith(("\u200d", "\u200c")) or case == "zwnj"
        assert not cut[:-1] or not (0xFE00 <= ord(text[len(cut) - 1]) <= 0xFE0F)  # no VS16 cut from its emoji
        assert not (0x1F3FB <= ord(text[len(cut) - 1]) <= 0x1F3FF)  # nor a skin tone


def test_joiners_are_text_but_bidi_and_controls_stay_escaped():
    assert printable("Lab \U0001f469\u200d\U0001f52c run") == "Lab \U0001f469\u200d\U0001f52c run"
    assert printable("\u06af\u0632\u0627\u0631\u0634\u200c\u0647\u0627") == "\u06af\u0632\u0627\u0631\u0634\u200c\u0647\u0627"
    assert printable("\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f").startswith("\U0001f3f4\U000e0067")
    assert printable("invoice\u202egpj.exe \u2066x\u2069 zero\u200bwidth \x1b[31m") == (
        "invoice\\u202egpj.exe \\u2066x\\u2069 zero\\u200bwidth \\x1b[31m")


@pytest.mark.parametrize(("items", "declared", "expected"), [
    (None, None, None), ((), None, None), (("a", "b"), None, 2), ((), 5, 5), (None, 0, 0), (("a",), 3, 3),
])
def test_an_absent_or_empty_array_is_not_reported(items, declared, expected):
    assert reported_count(items, declared) == expected
    shown = count(items, "to fetch", declared)
    assert shown == (NOT_REPORTED if expected is None else f"{expected} to fetch")
