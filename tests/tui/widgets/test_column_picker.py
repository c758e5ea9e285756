"""Showing and hiding the job list's columns (src/activejob_tui/tui/widgets/column_picker.py): the config's
``columns = [...]`` becomes the set of columns to hide, an unknown id is refused naming it and every known one,
and ``C`` opens a searchable list whose entries hide or show a column and switch the wide mode."""

from __future__ import annotations

import pytest
from textual.command import CommandList, CommandPalette

from activejob_tui.poller import View
from activejob_tui.tui.column_layout import layout
from activejob_tui.tui.columns import COLUMN_KEYS, COLUMNS
from activejob_tui.tui.widgets.column_picker import hidden_for
from tui.fakes import make_active
from tui.helpers import wait_until
from tui.widgets.table_host import TableHost


def test_the_columns_shown_leave_every_other_one_hidden() -> None:
    assert hidden_for(["name", "state"]) == COLUMN_KEYS - {"name", "state"}
    assert hidden_for(COLUMN_KEYS) == frozenset()


def test_unknown_ids_are_refused_by_name_with_the_known_ones() -> None:
    with pytest.raises(ValueError, match=r"Unknown columns 'nmae', 'sise'; the columns are: ") as error:
        hidden_for(["nmae", "state", "sise"])
    assert all(key in str(error.value) for key in COLUMN_KEYS)
    with pytest.raises(ValueError, match=r"^Unknown column 'x'; "):
        hidden_for(["x"])


async def choose(pilot, words: str) -> None:
    """Press ``C``, type ``words`` into the list and take the entry it highlights once that is ``words``."""
    await pilot.press("C")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette), timeout=5, step=0.02)
    await pilot.press(*words)
    entries = pilot.app.screen.query_one(CommandList)

    def offered() -> bool:
        return entries.option_count > 0 and words in str(entries.get_option_at_index(entries.highlighted or 0).prompt)

    await wait_until(pilot, offered, timeout=5, step=0.02)
    await pilot.press("enter")
    await wait_until(pilot, lambda: not isinstance(pilot.app.screen, CommandPalette), timeout=5, step=0.02)
    await pilot.pause()


async def test_the_list_hides_a_column_then_shows_it_again() -> None:
    app = TableHost(make_active(5))
    async with app.run_test(size=(160, 20)) as pilot:
        table = app.table
        await choose(pilot, "Hide column: Server")
        assert "server" in table.hidden_columns and "Server" not in app.line(0)
        await choose(pilot, "Show column: Server")  # the entry now offers the opposite
        assert "server" not in table.hidden_columns and "Server" in app.line(0)


async def test_the_list_switches_the_wide_mode() -> None:
    app = TableHost(make_active(5))
    async with app.run_test(size=(80, 20)) as pilot:
        await choose(pilot, "Turn wide columns on (now off)")  # an action, and the state it changes
        assert app.table.wide
        await choose(pilot, "Turn wide columns off (now on)")
        assert not app.table.wide


def test_a_view_whose_every_column_is_hidden_still_draws_its_most_important_one() -> None:
    # a config's ``columns = ["eta"]`` names no column of the Scheduled or Finished view
    hidden = hidden_for(["eta"])
    assert [laid.key for laid in layout(COLUMNS[View.ACTIVE], 160, hidden)] == ["mark", "eta"]
    assert [laid.key for laid in layout(COLUMNS[View.SCHEDULED], 160, hidden)] == ["mark", "state"]
    assert [laid.key for laid in layout(COLUMNS[View.FINISHED], 160, hidden)] == ["mark", "state"]
    assert [laid.key for laid in layout(COLUMNS[View.FINISHED], 160, hidden, wide=True)] == ["mark", "state"]


async def test_hiding_the_last_shown_column_is_refused_and_the_operator_is_told(toasts) -> None:
    app = TableHost(make_active(5))
    async with app.run_test(size=(160, 20)) as pilot:
        table = app.table
        table.hidden_columns = hidden_for(["state"])
        await pilot.pause()
        await choose(pilot, "Hide column: State")
        assert list(table.columns) == ["mark", "state"] and "State" in app.line(0)
        assert toasts == [("The job list keeps at least one column: show another one first.", "warning")]
        await choose(pilot, "Show column: Name")  # with another one shown, State may go
        await choose(pilot, "Hide column: State")
        assert list(table.columns) == ["mark", "name"]
