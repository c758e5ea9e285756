"""The ``:`` command line (src/activejob_tui/tui/widgets/command_line.py) on its own, in a bare app: Tab
completes a command and then a profile or company from the choices the screen gave it, the hint lists the
matching choices, Enter posts one ``Run`` (the command lower-cased, the argument stripped), Esc closes with
an empty ``Run``. The console's use of it (views, filters, contexts) is in tests/tui/test_command_line.py."""

from __future__ import annotations

import asyncio

from textual.app import App, ComposeResult

from activejob_tui.tui.theme import rich_theme
from activejob_tui.tui.widgets.command_line import HINT_CHOICES, CommandLine


class Host(App[None]):
    """A bare app around one CommandLine that records every ``Run`` it posts."""

    def __init__(self) -> None:
        super().__init__()
        self.console.push_theme(rich_theme())
        self.runs: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        yield CommandLine(id="cmdline")

    def on_command_line_run(self, event: CommandLine.Run) -> None:
        self.runs.append((event.command, event.argument))


async def accept(pilot, line: CommandLine, expected: str, timeout: float = 5.0) -> None:
    """Press Tab until the line reads ``expected``: the suggestion comes from a worker, so the first Tab may
    come before it (a Tab without a suggestion changes nothing); fail after ``timeout`` s."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while line.input.value != expected:
        assert loop.time() < deadline, f"no completion to {expected!r}, the line reads {line.input.value!r}"
        await pilot.press("tab")
        await pilot.pause(0.02)


def hint(app: Host) -> str:
    return str(app.query_one("#cmdline-hint").render())


async def test_tab_completes_the_command_and_enter_runs_it() -> None:
    app = Host()
    async with app.run_test() as pilot:
        line = app.query_one(CommandLine)
        line.open()
        await pilot.press("s", "c", "h")
        await accept(pilot, line, "scheduled")
        await pilot.press("enter")
        await pilot.pause()
        assert app.runs == [("scheduled", "")]
        assert not line.display
        assert line.history == ["scheduled"]


async def test_the_command_is_lower_cased_and_the_argument_kept_stripped() -> None:
    app = Host()
    async with app.run_test() as pilot:
        line = app.query_one(CommandLine)
        line.open()
        await pilot.press(*":FILTER  state:running ", "enter")
        await pilot.pause()
        assert app.runs == [("filter", "state:running")]


async def test_a_profile_completes_from_the_choices_and_the_hint_lists_the_matches() -> None:
    app = Host()
    async with app.run_test(size=(140, 10)) as pilot:
        line = app.query_one(CommandLine)
        line.open({"profile": ("staging", "production", "prod-eu")})
        await pilot.press(*"profile pro")
        await pilot.pause()
        shown = hint(app)
        assert shown.startswith("profiles: ") and "production" in shown and "prod-eu" in shown
        assert "staging" not in shown
        await accept(pilot, line, "profile production")
        await pilot.press("enter")
        await pilot.pause()
        assert app.runs == [("profile", "production")]


async def test_the_hint_says_when_nothing_matches_or_nothing_is_known_and_counts_the_rest() -> None:
    app = Host()
    async with app.run_test(size=(200, 10)) as pilot:
        line = app.query_one(CommandLine)
        line.open()
        await pilot.press(*"company ")
        await pilot.pause()
        assert hint(app) == "companies: none known"
        names = [f"Company {i}" for i in range(HINT_CHOICES + 3)]
        line.set_choices("company", names)  # getCompanyMembership answered while the line is open
        await pilot.pause()
        assert f"+{3} more" in hint(app)
        await pilot.press(*"zzz")
        await pilot.pause()
        assert hint(app) == "companies: none match"


async def test_escape_closes_with_an_empty_run() -> None:
    app = Host()
    async with app.run_test() as pilot:
        line = app.query_one(CommandLine)
        line.open()
        await pilot.press("a", "escape")
        await pilot.pause()
        assert app.runs == [("", "")]
        assert not line.display and line.history == []
