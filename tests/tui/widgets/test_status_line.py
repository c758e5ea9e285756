"""The header's stale line reads as sentences whatever punctuation the server's error ends with."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from textual.app import App, ComposeResult

from activejob_tui.tui.theme import rich_theme
from activejob_tui.tui.widgets.status_line import StatusLine

NOW = datetime(2026, 11, 30, 12, 0, 10, tzinfo=UTC)


class _Bare(App[None]):
    def on_load(self) -> None:
        self.console.push_theme(rich_theme())  # the header's named styles, as the console has them

    def compose(self) -> ComposeResult:
        yield StatusLine(lambda: NOW, id="status")


@pytest.mark.parametrize(
    "error,expected",
    [
        ("Cannot connect to 127.0.0.1:9. Is the server running?",
         "Cannot connect to 127.0.0.1:9. Is the server running? — retrying in 8 s"),
        ("The server refused the connection.", "The server refused the connection, retrying in 8 s"),
        ("Timed out!", "Timed out! — retrying in 8 s"),
    ],
)
async def test_the_retry_follows_the_error_as_a_sentence(error: str, expected: str) -> None:
    async with _Bare().run_test() as pilot:
        line = pilot.app.query_one(StatusLine)
        line.poll_failed(NOW - timedelta(seconds=10), error, retry_in=8)
        line.render_status()
        assert expected in line.text.plain
        assert "?," not in line.text.plain and "!," not in line.text.plain


async def test_before_the_first_connection_it_says_not_connected_yet_without_a_count() -> None:
    async with _Bare().run_test() as pilot:
        line = pilot.app.query_one(StatusLine)
        line.connect_failed(ConnectionRefusedError("The server refused the connection."), retry_in=8,
                            since=NOW - timedelta(seconds=10))
        bottom = line.text.plain.split("\n")[1]
        assert bottom == " Active · not connected yet — The server refused the connection, retrying in 8 s "
        assert "stale" not in bottom and "jobs" not in bottom


async def test_a_stale_line_has_single_spaces_between_its_parts() -> None:
    async with _Bare().run_test() as pilot:
        line = pilot.app.query_one(StatusLine)
        line.polled(NOW - timedelta(seconds=30))
        line.poll_failed(NOW - timedelta(seconds=10), "The server refused the connection.", retry_in=8)
        bottom = line.text.plain.split("\n")[1]
        assert bottom == (" Active · 0 jobs · stale since 12:00:00 — The server refused the connection, "
                          "retrying in 8 s · rows as of 11:59:40")
        assert "  " not in bottom
