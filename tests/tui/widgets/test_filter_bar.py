"""The ``/`` filter bar (src/activejob_tui/tui/widgets/filter_bar.py) on its own: typing posts one
debounced query, a bad term is shown with a caret and changes nothing, Enter keeps, Esc clears."""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import App, ComposeResult

from activejob_tui.tui.theme import rich_theme
from activejob_tui.tui.widgets.filter_bar import FilterBar


class Host(App[None]):
    """A bare app around one FilterBar that records what it posts (with the console's named styles)."""

    def __init__(self) -> None:
        super().__init__()
        self.console.push_theme(rich_theme())
        self.posted: list[tuple[str, str | None]] = []

    def compose(self) -> ComposeResult:
        yield FilterBar(id="bar")

    def on_filter_bar_changed(self, event: FilterBar.Changed) -> None:
        self.posted.append(("changed", None if event.query is None else str(event.query)))

    def on_filter_bar_done(self, event: FilterBar.Done) -> None:
        self.posted.append(("done", None))


async def test_typing_posts_one_query_after_the_debounce() -> None:
    app = Host()
    async with app.run_test() as pilot:
        bar = app.query_one(FilterBar)
        bar.DEBOUNCE = 1.0  # longer than typing takes on a loaded machine
        bar.open()
        await pilot.press(*"state:running")
        assert app.posted == []  # still typing
        await pilot.pause(bar.DEBOUNCE * 1.5)
        assert app.posted == [("changed", "state:running")]


async def test_a_bad_term_is_pointed_at_and_changes_nothing() -> None:
    app = Host()
    async with app.run_test() as pilot:
        bar = app.query_one(FilterBar)
        bar.open()
        await pilot.press(*"name:x progres>5")
        await pilot.press("enter")
        await pilot.pause()
        assert bar.error is not None and bar.has_class("-error")
        shown = str(app.query_one("#filter-error").render())
        assert "unknown field 'progres'" in shown and "did you mean 'progress'" in shown
        assert shown.split("\n")[1:] == ["  name:x progres>5", "  " + " " * 7 + "^" * len("progres>5")]
        assert app.posted == []  # no query, and Enter does not leave a bad filter
        assert bar.display


async def test_enter_keeps_and_escape_clears() -> None:
    app = Host()
    async with app.run_test() as pilot:
        bar = app.query_one(FilterBar)
        bar.open()
        await pilot.press(*"user:bot", "enter")
        await pilot.pause()
        assert app.posted == [("changed", "user:bot"), ("done", None)]
        assert bar.display  # a kept filter stays visible
        app.posted.clear()
        await pilot.press("escape")
        await pilot.pause()
        assert app.posted == [("changed", None), ("done", None)]
        assert not bar.display and bar.input.value == ""


PASTED = 'name:"' + "spring catalog upload " * 140  # 3,000+ characters and an unterminated quote


async def test_a_long_pasted_filter_with_an_error_keeps_the_error_to_three_rows_around_the_column() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.query_one(FilterBar)
        bar.open()
        bar.input.post_message(events.Paste(PASTED))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert bar.error is not None and app.posted == []
        error = app.query_one("#filter-error")
        rows = str(error.render()).split("\n")
        assert len(rows) == 3 and error.size.height == 3
        assert all(cell_len(row) <= error.content_region.width for row in rows), rows
        assert rows[0].startswith("✗ unterminated quote in 'name:\"spring") and rows[0].endswith("(at column 6)")
        assert "…" in rows[0] and rows[1].startswith('  name:"spring') and rows[1].endswith("…")
        assert rows[2] == "  " + " " * 5 + "^" * (error.content_region.width - 7)


async def test_the_error_row_follows_the_error_column_deep_in_a_long_filter() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.query_one(FilterBar)
        bar.open()
        bar.input.post_message(events.Paste("user:bot " * 300 + 'name:"x y'))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        error = app.query_one("#filter-error")
        message, shown, marks = str(error.render()).split("\n")
        assert message.endswith("(at column 2706)") and message.startswith("✗ unterminated quote in 'name:")
        assert shown.startswith("  …") and shown.endswith('name:"x y') and not shown.endswith("…")
        assert shown[marks.index("^"):] == '"x y' and marks.endswith("^^^^")
