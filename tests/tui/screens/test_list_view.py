"""list_view: what the job list shows — a view, a filter, another context — and the header's counts."""

from __future__ import annotations

from activejob_tui.model.query import parse
from activejob_tui.poller import View
from activejob_tui.tui.screens.list_view import apply_filter, enter_context, switch_view, update_counts
from tui.fakes import INFO
from tui.helpers import running_console, wait_until


async def test_switching_view_refills_the_list_drops_marks_and_tells_the_poller() -> None:
    async with running_console() as (pilot, app, screen, source):
        await pilot.press("space")
        assert screen.state.marks
        assert switch_view(screen, View.SCHEDULED) is True
        await pilot.pause()
        assert screen.view is View.SCHEDULED and app.poller.view is View.SCHEDULED
        assert not screen.state.marks
        assert screen.table.border_title == "Scheduled jobs"
        await wait_until(pilot, lambda: set(screen.table.visible_keys()) == set(source.scheduled))
        assert switch_view(screen, View.SCHEDULED) is False  # already shown: nothing happens


async def test_a_filter_keeps_matching_rows_and_the_header_counts_them() -> None:
    async with running_console() as (pilot, app, screen, _source):
        app.poller.stop()
        await pilot.pause()
        total = len(screen.state.current)
        first = next(iter(screen.state.current.values()))
        words = f"name:{first.name!r}".replace("'", '"')
        apply_filter(screen, parse(words), words)
        await pilot.pause()
        shown = list(screen.table.visible_keys())
        assert first.job_handle in shown and len(shown) < total
        assert all(screen.state.current[k].name == first.name for k in shown)
        assert f"{len(shown)} of {total} jobs match" in screen.status.text.plain
        apply_filter(screen, None, "")
        await pilot.pause()
        assert len(list(screen.table.visible_keys())) == total


async def test_counts_name_the_marks_the_filter_hides() -> None:
    async with running_console() as (pilot, app, screen, _source):
        app.poller.stop()
        await pilot.pause()
        await pilot.press("space")  # marks the job under the cursor
        marked = next(iter(screen.state.marks))
        other = next(j for k, j in screen.state.current.items() if k != marked and j.name != screen.state.current[marked].name)
        words = f'name:"{other.name}"'
        screen.state.set_filter(parse(words), words)
        screen.table.set_filter(screen.state.predicate())
        update_counts(screen)
        await pilot.pause()
        assert "1 marked (1 hidden by the filter)" in screen.status.text.plain


async def test_entering_another_context_empties_the_list_and_says_what_went(toasts) -> None:
    async with running_console() as (pilot, app, screen, _source):
        app.poller.stop()
        await pilot.pause()
        await pilot.press("space")
        enter_context(screen, INFO, "emea", INFO.company_name)
        await pilot.pause()
        assert screen.table.row_count == 0 and not screen.state.marks
        told = [m for m, _severity in toasts if m.startswith("Now on")]
        assert told == [f"Now on profile emea, {INFO.company_name}. 1 mark dropped: it was a job of {INFO.company_name}."]
