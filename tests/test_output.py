"""The renderer (``activejob_tui.output``) on any text in every field: no raw control character in table or
CSV, one line per job, JSON exact (property-based; the example count is in docs/RELIABILITY.md). The CLI's
output end to end is in tests/cli/test_output.py."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from activejob_tui import output
from activejob_tui.model.enums import ActiveJobState
from activejob_tui.model.jobs import ActiveJob
from activejob_tui.model.text import printable

pytestmark = pytest.mark.timeout(120)

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
RENDER_EXAMPLES = 300


_ANY_TEXT = st.one_of(st.none(), st.text(st.characters(blacklist_categories=("Cs",)), max_size=60))
_NUMBER = st.one_of(st.none(), st.integers(-(2**63), 2**63))
_DATE = st.one_of(st.none(), st.datetimes(timezones=st.sampled_from([UTC, None])))


@settings(max_examples=RENDER_EXAMPLES, deadline=None)
@given(st.lists(st.builds(ActiveJob, job_handle=_ANY_TEXT, name=_ANY_TEXT, type=_ANY_TEXT, server_name=_ANY_TEXT,
                          state=st.one_of(st.none(), _ANY_TEXT.filter(bool).map(ActiveJobState)),
                          progress=_NUMBER, total_size=_NUMBER, start_date=_DATE, last_progress_update=_DATE),
                max_size=4))
def test_renderer_shows_any_text_literally(jobs: list[ActiveJob]) -> None:
    table = output.render(jobs, ActiveJob, "table", NOW)
    csv_text = output.render(jobs, ActiveJob, "csv", NOW)
    for text in (table, csv_text):
        assert all(printable(ch) == ch for ch in text.replace("\n", "")), "a raw control character"
    assert len(table.splitlines()) == 1 + len(jobs)
    decoded = json.loads(output.render(jobs, ActiveJob, "json", NOW))
    assert [j["name"] for j in decoded] == [j.name for j in jobs]


def test_the_next_run_of_a_paused_or_complete_trigger_is_not_a_time_in_the_past() -> None:
    """A new user paused a job and saw NEXT RUN '18 s ago' (its nextFireTime stays as it was); the
    console says 'paused' there, and so does the table."""
    from activejob_tui.model.enums import TriggerState
    from activejob_tui.model.jobs import ScheduledJob

    now = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    past = datetime(2026, 11, 30, 11, 59, 42, tzinfo=UTC)
    jobs = [ScheduledJob(job_handle=f"s|{state}", name=state, trigger_state=TriggerState(state), next_fire_time=past)
            for state in ("Paused", "Complete", "Normal")]
    lines = output.table(jobs, output.SCHEDULED_COLUMNS, now).splitlines()
    next_run = {line.split()[1]: line.split()[4] for line in lines[1:]}  # TRIGGER NAME TYPE SCHEDULE NEXT-RUN …
    assert next_run["Paused"] == "paused"
    assert next_run["Complete"] == "—"
    assert next_run["Normal"] not in ("paused", "—")


def test_columns_are_named_by_the_headers_the_table_prints_too():
    """A new user typed ``--columns size`` (the header SIZE): refused, the README says "table columns or IPS field
    names". A header names its column for the table and its IPS fields for CSV/TSV; a field name still wins."""
    from activejob_tui.model.jobs import JobLogDetail

    for kind in output.COLUMNS_BY_KIND:
        for column in output.COLUMNS_BY_KIND[kind]:
            assert output.select(kind, [column.title.upper()]) == [column], (kind, column.title)
    assert [c.field for c in output.select(ActiveJob, ["size", "State", "server"])] == ["totalSize", "state", "serverName"]
    assert output.raw_columns(ActiveJob, ["handle", "size"]) == ["jobHandle", "totalSize"]
    assert [c.field for c in output.select(JobLogDetail, ["date", "message"])] == ["dateCreated", "logMessage"]
    with pytest.raises(output.ColumnError, match="no column 'eta'"):
        output.select(ActiveJob, ["eta"])
