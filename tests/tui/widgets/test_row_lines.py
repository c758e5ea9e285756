"""Drawing one line of the job list (src/activejob_tui/tui/widgets/row_lines.py): exact widths
whatever the text, honest staleness (frozen ages, no ETA), and a line cache that forgets on time."""

from __future__ import annotations

from datetime import timedelta

from rich.console import Console
from rich.style import Style
from rich.text import Text

from activejob_tui.poller import View
from activejob_tui.tui import display as fmt
from activejob_tui.tui.column_layout import CELL_PADDING, Laid
from activejob_tui.tui.columns import COLUMNS
from activejob_tui.tui.widgets.row_lines import DASH, Cell, LineCache, as_text, draw
from tui.fakes import NOW

CONSOLE = Console(width=200, color_system="truecolor", force_terminal=True)
NAME = next(c for c in COLUMNS[View.ACTIVE] if c.key == "name")


def laid(*widths: int) -> list[Laid]:
    return [Laid(NAME, w) for w in widths]


def test_a_line_is_exactly_its_columns_wide_whatever_the_text() -> None:
    cells = ["a name much longer than its column", "漢字のジョブ名です", "", Text("styled", style="bold")]
    widths = (10, 7, 4, 8)
    strip = draw(cells, laid(*widths), CONSOLE, Style(bgcolor="black"), None)
    assert strip.cell_length == sum(w + 2 * CELL_PADDING for w in widths)
    text = strip.text
    assert text.startswith(" a name mu")
    assert "漢字の" in text and "漢字のジ" not in text  # a wide character is never split


def test_the_base_background_lies_under_every_cell_and_post_styles_go_over_it() -> None:
    strip = draw(["x", "y"], laid(3, 3), CONSOLE, Style(bgcolor="blue"), Style(dim=True))
    styles = [segment.style for segment in strip if segment.text]
    assert styles and all(s is not None and s.bgcolor is not None and s.bgcolor.name == "blue" for s in styles)
    assert all(s.dim for s in styles)


def test_stale_data_freezes_relative_times_and_hides_the_eta() -> None:
    ticking = [NOW]
    relative = fmt.Relative(NOW - timedelta(minutes=5), lambda: ticking[0])
    eta = fmt.EtaCell(object(), 50.0, lambda: ticking[0])
    fresh = as_text(relative).plain
    ticking[0] = NOW + timedelta(hours=1)
    assert as_text(relative).plain != fresh  # fresh data ages
    assert as_text(relative, as_of=NOW).plain == fresh  # stale data is shown as of the last good poll
    assert as_text(eta, as_of=NOW) is DASH


def test_a_cell_reads_as_its_text() -> None:
    assert str(Cell(Text("▶ Running", style="bold"))) == "▶ Running"
    assert str(Cell(42)) == "42"


def test_the_line_cache_forgets_a_row_both_ways_and_everything_on_a_new_epoch() -> None:
    cache = LineCache()
    cache.check(("layout", 1))
    strip = draw(["x"], laid(1), CONSOLE, Style(), None)
    cache.put("j|1", False, strip)
    cache.put("j|1", True, strip)
    cache.put("j|2", False, strip)
    cache.check(("layout", 1))
    assert cache.get("j|1", True) is strip  # same epoch: kept
    cache.drop("j|1")
    assert cache.get("j|1", False) is None and cache.get("j|1", True) is None and cache.get("j|2", False) is strip
    cache.check(("layout", 2))
    assert cache.get("j|2", False) is None
