"""The footer always shows how to get help and how to quit, at 80 columns too, and leaves out the least
important keys that do not fit (``tui/widgets/console_footer.py``)."""

from __future__ import annotations

import pytest
from textual.widgets import Footer

from activejob_tui.tui.widgets.console_footer import kept, rank

from .helpers import running_console, wait_until


def test_keys_are_kept_by_rank_then_left_to_right_and_the_view_keys_together():
    widths = [("toggle_mark", 12), ("view('active')", 10), ("view('scheduled')", 13), ("view('finished')", 12),
              ("filter", 10), ("command_line", 11), ("command('stop')", 8), ("quit", 8), ("help", 8)]
    assert kept(widths, 1000) == [True] * len(widths)
    assert kept(widths, 16) == [False] * 7 + [True, True]  # help and quit first
    assert kept(widths, 45) == [False] * 4 + [True] * 5
    # 35 cells of views do not fit in the 23 left: all three left out, the mark key (12) fits
    assert kept(widths, 68) == [True] + [False] * 3 + [True] * 5
    assert kept(widths, 80) == [False] + [True] * 8
    assert rank("quit") < rank("filter") < rank("command('stop')") < rank("view('active')") < rank("sort")


def shown_keys(screen):
    footer = screen.query_one(Footer)
    return footer, [k for k in footer.query("FooterKey") if k.display and not k.has_class("-command-palette")]


def fits(screen) -> bool:
    """help and quit shown, and every shown key inside the footer, left of the palette key."""
    footer, keys = shown_keys(screen)
    palette = [k for k in footer.query("FooterKey.-command-palette") if k.display]
    right = palette[0].region.x if palette else footer.region.right
    actions = {getattr(k, "action", "") for k in keys}
    return {"help", "quit"} <= actions and all(k.region.width > 0 and k.region.right <= right for k in keys)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_help_and_quit_are_on_the_footer_in_every_view_at_80_and_160_columns(size):
    async with running_console(size=size) as (pilot, _app, screen, _source):
        for view in ("1", "2", "3", "1"):
            await pilot.press(view)
            await wait_until(pilot, lambda: fits(screen), timeout=5)
            for _ in range(3):  # the panes' own keys come first in the footer
                await pilot.press("tab")
                await wait_until(pilot, lambda: fits(screen), timeout=5)


async def test_at_160_columns_the_active_view_shows_every_key():
    async with running_console(size=(160, 48)) as (pilot, _app, screen, _source):
        await wait_until(pilot, lambda: fits(screen), timeout=5)
        _footer, keys = shown_keys(screen)
        hidden = [getattr(k, "action", "") for k in screen.query("FooterKey") if not k.display]
        assert hidden == [] and len(keys) >= 12
