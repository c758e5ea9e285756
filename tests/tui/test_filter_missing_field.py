"""A filter on a field the view's rows do not have (``progress`` among finished jobs) matches nothing: the
header says why, in every view it is carried to, instead of an empty list without a word."""

from __future__ import annotations

from .helpers import running_console, settle, status_text, wait_until


async def test_a_field_the_view_lacks_is_named_in_the_header_and_goes_with_the_view():
    async with running_console() as (pilot, app, screen, source):
        await pilot.press("slash")
        for char in "progress>5":
            await pilot.press(char)
        await wait_until(pilot, lambda: screen.state.filter_text == "progress>5")
        await pilot.press("enter")
        assert screen.table.row_count > 0  # active jobs have a progress
        assert "no field" not in status_text(app)

        await pilot.press("3")
        await settle(pilot, app)
        assert screen.table.row_count == 0
        await wait_until(pilot, lambda: "Finished jobs have no field progress" in status_text(app))

        await pilot.press("1")
        await settle(pilot, app)
        assert screen.table.row_count > 0 and "no field" not in status_text(app)

        await pilot.press("slash")
        screen.query_one("#filter").input.value = "progress>5 nextFireTime<1h"
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Active jobs have no field nextFireTime" in status_text(app))
