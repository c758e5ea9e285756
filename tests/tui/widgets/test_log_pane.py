"""The log pane (src/activejob_tui/tui/widgets/log_pane.py) on its own, in a bare app: lines in time order
with a title that counts them, ``v`` filtering by severity, ``/`` searching with ``n`` jumping, follow like
``tail -f`` (``f``, and off as soon as a search jumps), lines of another job ignored, and ``m``/``w`` asking
the screen for more or for a save only when there is something to ask for. The lines' own format is in
test_log_lines.py; the console's use of the pane in tests/tui/test_log_live.py."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from textual.app import App, ComposeResult
from textual.widgets import Static

from activejob_tui.model.enums import Severity
from activejob_tui.tui.theme import rich_theme
from activejob_tui.tui.widgets.log_lines import LogEntry
from activejob_tui.tui.widgets.log_pane import LogPane

AT = datetime(2026, 5, 4, 3, 0, 0, tzinfo=UTC)


def entries(n: int, start: int = 0) -> list[LogEntry]:
    """``n`` lines a second apart; every fifth a warning, every seventh an error."""
    severities = [Severity.ERROR if i % 7 == 0 else Severity.WARNING if i % 5 == 0 else Severity.SUCCESS
                  for i in range(start, start + n)]
    return [LogEntry.of(AT + timedelta(seconds=i), sev, f"asset {i}.jpg", log_type="UploadSuccess")
            for i, sev in zip(range(start, start + n), severities, strict=True)]


class Host(App[None]):
    """A bare app around one LogPane that records what it asks the screen for and what it tells the operator."""

    def __init__(self) -> None:
        super().__init__()
        self.console.push_theme(rich_theme())
        self.asked: list[tuple[str, str | None]] = []
        self.told: list[str] = []

    def notify(self, message: str, **kwargs) -> None:
        self.told.append(message)
        super().notify(message, **kwargs)

    def compose(self) -> ComposeResult:
        yield LogPane(id="log-pane")

    def on_log_pane_load_more(self, event: LogPane.LoadMore) -> None:
        self.asked.append(("more", event.job_key))

    def on_log_pane_save_requested(self, event: LogPane.SaveRequested) -> None:
        self.asked.append(("save", event.job_key))


def title(app: Host) -> str:
    return str(app.query_one("#log-title", Static).render())


def messages(pane: LogPane) -> list[str]:
    """The message column of each line the log draws, in order."""
    return [line.rsplit("  ", 1)[-1] for line in pane.log_widget.lines]


async def test_lines_are_put_in_time_order_and_counted_in_the_title() -> None:
    app = Host()
    async with app.run_test(size=(120, 20)) as pilot:
        pane = app.query_one(LogPane)
        assert "(select a job)" in title(app)
        lines = entries(6)
        pane.show("j|1", [lines[3], lines[0], lines[5], lines[1], lines[4], lines[2]], source="details")
        await pilot.pause()
        assert messages(pane) == [f"asset {i}.jpg" for i in range(6)]
        assert "6 lines" in title(app) and "follow: on" in title(app)
        pane.append("j|1", [LogEntry.of(AT - timedelta(seconds=1), Severity.INFO, "earlier")])  # older: in its place
        pane.append("j|2", entries(3, start=100))  # another job's lines: not this pane's
        await pilot.pause()
        assert messages(pane)[0] == "earlier" and len(messages(pane)) == 7
        assert "7 lines" in title(app)


async def test_v_shows_warnings_then_errors_only_then_everything() -> None:
    app = Host()
    async with app.run_test(size=(120, 20)) as pilot:
        pane = app.query_one(LogPane)
        pane.show("j|1", entries(20))
        pane.log_widget.focus()
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        warned = [f"asset {i}.jpg" for i in range(20) if i % 5 == 0 or i % 7 == 0]
        assert messages(pane) == warned
        assert f"{len(warned)} of 20 lines" in title(app) and "severity: warnings" in title(app)
        await pilot.press("v")
        await pilot.pause()
        assert messages(pane) == [f"asset {i}.jpg" for i in range(20) if i % 7 == 0]
        await pilot.press("v")
        await pilot.pause()
        assert len(messages(pane)) == 20 and "severity: all" in title(app)


async def test_a_search_finds_the_lines_and_n_jumps_with_follow_off() -> None:
    app = Host()
    async with app.run_test(size=(120, 12)) as pilot:
        pane = app.query_one(LogPane)
        pane.show("j|1", entries(200))
        pane.log_widget.focus()
        await pilot.pause()
        await pilot.press("slash", *"asset 15", "enter")
        await pilot.pause()
        found = [n for n in range(200) if "asset 15" in f"asset {n}.jpg"]  # 15, 150…159
        assert pane.matches == found
        assert "“asset 15” 1/11" in title(app) and "follow: off" in title(app)
        await pilot.press("n", "n")
        await pilot.pause()
        assert "“asset 15” 3/11" in title(app)
        assert [e.message for e in pane.visible_entries()] == [f"asset {n}.jpg" for n in found]


async def test_f_toggles_follow_and_new_lines_scroll_only_while_following() -> None:
    app = Host()
    async with app.run_test(size=(120, 12)) as pilot:
        pane = app.query_one(LogPane)
        pane.show("j|1", entries(100))
        pane.log_widget.focus()
        await pilot.pause()
        log = pane.log_widget
        assert log.scroll_y == log.max_scroll_y  # pinned to the end
        await pilot.press("f")
        await pilot.pause()
        assert "follow: off" in title(app)
        await pilot.press("g")
        await pilot.pause()
        pane.append("j|1", entries(10, start=100))
        await pilot.pause()
        assert log.scroll_y == 0  # stays where the operator put it
        await pilot.press("f")
        await pilot.pause()
        pane.append("j|1", entries(10, start=110))
        await pilot.pause()
        assert "follow: on" in title(app) and log.scroll_y == log.max_scroll_y


async def test_m_asks_for_more_only_when_there_is_more_and_w_only_when_there_is_a_log() -> None:
    app = Host()
    async with app.run_test(size=(120, 12)) as pilot:
        pane = app.query_one(LogPane)
        pane.log_widget.focus()
        await pilot.press("w", "m")
        await pilot.pause()
        assert app.asked == []
        assert app.told == ["Nothing to save."]
        pane.show("l|1", entries(5), has_more=True)
        await pilot.pause()
        assert "[m] more…" in title(app)
        await pilot.press("m", "w")
        await pilot.pause()
        assert app.asked == [("more", "l|1"), ("save", "l|1")]
        pane.show("l|2", entries(5), has_more=False)
        await pilot.press("m")
        await pilot.pause()
        assert app.asked == [("more", "l|1"), ("save", "l|1")]
