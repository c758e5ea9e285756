"""The ':' command line (issue 13 item 3): views, filter, completion, honest refusals."""

from __future__ import annotations

from activejob_tui.poller import View

from .helpers import running_console, settle


async def test_colon_switches_views_and_filters_with_completion():
    async with running_console() as (pilot, app, screen, source):
        await pilot.press("colon", *"sch")
        line = screen.query_one("#cmdline-input")
        await pilot.pause(0.2)
        await pilot.press("tab")
        assert line.value == "scheduled"  # completed
        await pilot.press("enter")
        await settle(pilot, app)
        assert screen.view is View.SCHEDULED
        await pilot.press("colon", *"active", "enter")
        await settle(pilot, app)
        assert screen.view is View.ACTIVE
        await pilot.press("colon", *"filter state:running", "enter")
        await pilot.pause(0.3)
        assert screen.state.filter_text == "state:running"
        assert 0 < screen.table.row_count < len(source.active)
        await pilot.press("colon", *"filter", "enter")
        await pilot.pause(0.3)
        assert screen.state.filter_text == "" and screen.table.row_count == len(source.active)


async def test_colon_profile_without_a_config_context_and_unknown_commands_say_why(monkeypatch):
    async with running_console() as (pilot, app, screen, source):
        told = []
        monkeypatch.setattr(app, "notify", lambda message, **kw: told.append(message))
        await pilot.press("colon", *"profile emea", "enter")
        await pilot.press("colon", *"company", "enter")
        await pilot.press("colon", *"bogus", "enter")
        assert "started without a config context" in told[0] and "--profile emea" in told[0]
        assert told[1] == "Give a name: :company NAME (Tab completes it)."
        assert "Unknown command :bogus" in told[2] and ":profile NAME, :company NAME" in told[2]


async def test_a_colon_filter_that_does_not_parse_keeps_the_focus_in_the_filter_where_esc_clears_it():
    """A new user typed ``:filter startDate<zz``: the error row showed under the filter while the job
    list had the focus, and Esc, Esc left it there (Esc on the list does not reach the filter)."""
    async with running_console() as (pilot, app, screen, source):
        await pilot.press("colon", *"filter startDate<zz", "enter")
        await pilot.pause(0.2)
        bar = screen.query_one("#filter")
        assert bar.display and bar.error is not None
        assert app.focused is bar.input  # there to mend it
        await pilot.press("escape")
        await pilot.pause(0.2)
        assert not bar.display and screen.state.filter_text == ""
        assert app.focused is screen.table
        await pilot.press("colon", *"filter state:running", "enter")  # one that parses: the list keeps the keys
        await pilot.pause(0.3)
        assert screen.state.filter_text == "state:running" and app.focused is screen.table
