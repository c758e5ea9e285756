"""``:`` and ``/`` with a pane maximised (Enter): the line must be seen. A new user maximised the log
pane, pressed ``:`` and typed into a command line nobody could see; Escape and ``:company`` again left
``:company :company`` in it."""

from __future__ import annotations

import pytest

from activejob_tui.tui.widgets.command_line import CommandLine
from activejob_tui.tui.widgets.filter_bar import FilterBar

from .helpers import running_console, wait_until


@pytest.mark.parametrize(("key", "line"), [(":", CommandLine), ("/", FilterBar)], ids=["colon", "slash"])
@pytest.mark.parametrize("pane", ["table", "detail"])
async def test_a_line_opened_over_a_maximised_pane_is_shown(key, line, pane):
    async with running_console() as (pilot, app, screen, source):
        getattr(screen, pane).focus()
        await pilot.pause()
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.maximized is not None)
        await pilot.press(key)
        await pilot.pause()
        opened = screen.query_one(line)
        assert screen.maximized is None and opened.display
        assert opened.region.height > 0  # laid out on screen, not behind the maximised pane
        await pilot.press(*"company")
        await pilot.pause()
        assert opened.input.value == "company"
