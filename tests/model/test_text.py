"""Cutting names to a column: ``model.text.truncate_middle``."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("names", "width"), [
    (["Nightly image publish", "Nightly image publish (2)"], 19),
    (["Every-minute URL import_2026-11-30-09:31:00", "Every-minute URL import_2026-11-30-09:32:00"], 19),
    (["夜間影像發佈工作", "夜間影像發佈工作 (2)"], 12),
])
def test_names_that_differ_only_at_the_end_stay_apart_when_cut_in_the_middle(names, width):
    """A new user at 80×24 saw 'Nightly image publ…' twice and the dated runs of one scheduled job as one:
    IPS names runs Name_DATE-TIME and copies Name (2); the console's Name column keeps the end."""
    from activejob_tui.model.text import cell_width, truncate_middle

    cut = [truncate_middle(name, width) for name in names]
    assert len(set(cut)) == len(names), cut
    for name, shown in zip(names, cut, strict=True):
        assert cell_width(shown) <= width and "…" in shown
        assert name.startswith(shown.split("…")[0]) and name.endswith(shown.split("…")[1])
    assert truncate_middle("short", width) == "short"
    assert truncate_middle("abcdefgh", 3) == "ab…"  # too narrow for a middle: cut at the end
