"""The job list widget (src/activejob_tui/tui/widgets/job_table.py): big removals refill, the cursor
stays on its job, and the rows equal what a fresh fill would show."""

from __future__ import annotations

from activejob_tui.model.query import parse
from activejob_tui.poller import View
REFILL_AT = 64  # "many rows at once": more than a screenful

from .fakes import FakeSource, make_active
from .helpers import running_console, settle


async def test_a_filter_that_hides_many_rows_keeps_the_cursor_and_the_order():
    jobs = make_active(REFILL_AT * 3)
    async with running_console(FakeSource(jobs)) as (pilot, app, screen, source):
        table = screen.table
        user = jobs[0].submit_user_email
        kept = [k for k, j in screen.state.current.items() if j.submit_user_email == user]
        hidden = len(screen.state.current) - len(kept)
        assert hidden > REFILL_AT and kept
        table.select_key(kept[-1])
        screen.state.set_filter(parse(f"user:{user}"), f"user:{user}")
        table.set_filter(screen.state.predicate())
        await pilot.pause()
        assert set(table.visible_keys()) == set(kept)
        assert table.visible_keys() == table.ordered_keys(kept)
        assert table.selected_key == kept[-1]


async def test_a_poll_in_which_many_jobs_left_keeps_the_cursor_on_its_job():
    jobs = make_active(REFILL_AT * 3)
    async with running_console(FakeSource(jobs)) as (pilot, app, screen, source):
        table = screen.table
        stay = table.visible_keys()[REFILL_AT + 5]
        table.select_key(stay)
        gone = [k for k in list(source.active) if k != stay][: REFILL_AT + 10]
        for key in gone:
            del source.active[key]
        await settle(pilot, app)
        assert set(table.visible_keys()) == set(source.active)
        assert table.visible_keys() == table.ordered_keys(list(source.active))
        assert table.selected_key == stay
        assert len(screen.state.jobs[View.ACTIVE]) == table.row_count
