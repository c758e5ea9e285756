"""Keys typed in one burst after ``:`` or ``/`` (fast typing, a paste, a laggy SSH link) all reach
that line, in order, and none of them triggers a binding of the console or of the App.

The burst is posted to the App at once, as the terminal driver does: every key is in the App's queue
before the first one is handled.
"""

from __future__ import annotations

from textual import events

from activejob_tui.poller import View
from activejob_tui.tui.screens.help import HelpScreen
from activejob_tui.tui.widgets.command_line import CommandLine

from .helpers import running_console, settle

NAMES = {":": "colon", "/": "slash", " ": "space", "?": "question_mark", "-": "minus"}
TYPED = "quit-later ?sprepD123xyfuaHc"
"""``q`` quits and ``?`` opens the help (App bindings); the rest are the console's keys: job commands,
views, raw viewers, follow, unmark, notifications, copy."""


def burst(app, text: str, enter: bool = False) -> None:
    for character in text:
        app.post_message(events.Key(NAMES.get(character, character), character))
    if enter:
        app.post_message(events.Key("enter", "\r"))


async def test_a_burst_after_colon_reaches_the_command_line_in_order_and_triggers_no_binding():
    async with running_console() as (pilot, app, screen, source):
        await pilot.press("2")
        await settle(pilot, app)
        line = screen.query_one(CommandLine)
        burst(app, ":" + TYPED, enter=True)
        await pilot.pause(0.3)
        assert app.return_code is None, "the burst quit the console"
        assert app.screen is screen, f"the burst opened {type(app.screen).__name__}"
        assert not isinstance(app.screen, HelpScreen)
        assert line.history[-1:] == [TYPED.strip()]
        assert source.calls == [], source.calls
        assert screen.view is View.SCHEDULED


async def test_a_burst_after_slash_reaches_the_filter_in_order_and_triggers_no_binding():
    async with running_console() as (pilot, app, screen, source):
        await pilot.press("2")
        await settle(pilot, app)
        burst(app, "/" + TYPED)
        await pilot.pause(0.3)
        assert app.return_code is None, "the burst quit the console"
        assert app.screen is screen, f"the burst opened {type(app.screen).__name__}"
        assert screen.filter_bar.input.value == TYPED
        assert screen.filter_bar.input.has_focus
        assert source.calls == [], source.calls
        assert screen.view is View.SCHEDULED


async def test_the_lines_own_keys_in_a_burst_apply_in_the_order_they_were_typed():
    """Enter, ← and Backspace are bindings: run once the key had bubbled up to the App, after the input
    had inserted the characters typed behind them (``finishd←e`` gave ``finishde``)."""
    async with running_console() as (pilot, app, screen, _source):
        line = screen.query_one(CommandLine)
        burst(app, ":finishdx")
        app.post_message(events.Key("backspace", None))
        app.post_message(events.Key("left", None))
        burst(app, "e", enter=True)
        await pilot.pause(0.3)
        assert line.history[-1:] == ["finished"]
        assert screen.view is View.FINISHED
        burst(app, "/stat")
        app.post_message(events.Key("escape", None))
        burst(app, "q")  # typed after Esc closed the filter, in the same burst: dropped, never Quit
        await pilot.pause(0.3)
        assert app.return_code is None
        assert not screen.filter_bar.display and screen.filter_bar.input.value == ""


async def test_tab_accepts_the_suggestion_before_the_next_key_of_a_burst():
    async with running_console() as (pilot, app, screen, _source):
        line = screen.query_one(CommandLine)
        burst(app, ":sch")
        await pilot.pause(0.2)  # the suggester answers in a worker
        app.post_message(events.Key("tab", "\t"))
        app.post_message(events.Key("enter", "\r"))
        await pilot.pause(0.3)
        assert line.history[-1:] == ["scheduled"]
        assert screen.view is View.SCHEDULED


async def test_colon_and_slash_typed_in_a_line_are_text_not_the_keys_that_open_the_lines():
    """``:`` and ``/`` are priority bindings, checked before the focused input sees the key: Textual
    leaves out a priority key the input would type only if it knows the key's character, and it does
    not know ``slash``'s — so ``/`` in the ``:`` line opened the filter."""
    async with running_console() as (pilot, _app, screen, _source):
        line = screen.query_one(CommandLine)
        await pilot.press("colon", *"filter", "space", "a", "slash", "b", "colon", "c", "enter")
        await pilot.pause(0.2)
        assert line.history[-1:] == ["filter a/b:c"]
        await pilot.press("escape", "slash", "a", "colon", "b", "slash", "c")
        await pilot.pause(0.2)
        assert screen.filter_bar.input.value == "a:b/c"
        assert screen.filter_bar.input.has_focus


async def test_slash_in_the_log_pane_searches_the_log_and_opens_the_filter_elsewhere():
    """``/`` is the screen's priority binding, yet the log pane binds ``/`` itself (search the log):
    there the log pane's key wins, as it did before ``/`` became a priority binding."""
    from textual.widgets import Input

    async with running_console() as (pilot, app, screen, _source):
        screen.log_pane.log_widget.focus()
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.focused, Input) and app.focused.id == "log-search"
        assert not screen.filter_bar.display
        await pilot.press("escape")
        screen.table.focus()
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        assert screen.filter_bar.display and screen.filter_bar.input.has_focus


async def test_a_burst_after_slash_in_the_raw_view_reaches_its_search_box():
    """In the raw view (``y``/``x``) ``q`` closes and ``n``/``N`` jump: typed in one burst with ``/``, they went
    to the view, not to the search box (``/q`` closed it)."""
    from activejob_tui.tui.screens.raw import RawScreen

    async with running_console() as (pilot, app, _screen, _source):
        await pilot.press("y")
        await pilot.pause()
        raw = app.screen
        assert isinstance(raw, RawScreen)
        burst(app, "/qnN/x", enter=True)
        await pilot.pause(0.3)
        assert app.screen is raw, "the burst closed the raw view"
        assert raw.search == "qnN/x"


async def test_a_burst_after_slash_in_the_log_pane_reaches_the_log_search():
    """``/`` searches the log when the log pane has the focus: typed in one burst with it, ``q`` quit the
    console and ``?`` opened the help."""
    async with running_console() as (pilot, app, screen, _source):
        screen.log_pane.log_widget.focus()
        await pilot.pause()
        burst(app, "/q?fvn/x")
        await pilot.pause(0.3)
        assert app.return_code is None, "the burst quit the console"
        assert app.screen is screen, f"the burst opened {type(app.screen).__name__}"
        box = screen.log_pane.query_one("#log-search")
        assert box.has_focus and box.value == "q?fvn/x"


async def test_tab_in_a_burst_completes_what_was_typed_before_it():
    """A new user typed ``:sch⇥⏎`` fast: the Tab came before the Input's suggestion (a worker) and did
    nothing, and Enter ran ``sch`` ("unknown command"). Tab completes at once now."""
    async with running_console() as (pilot, app, screen, source):
        await settle(pilot, app)
        line = screen.query_one(CommandLine)
        burst(app, ":sch")
        app.post_message(events.Key("tab", "\t"))
        app.post_message(events.Key("enter", "\r"))
        await settle(pilot, app)
        assert line.history[-1:] == ["scheduled"]
        assert screen.view is View.SCHEDULED
