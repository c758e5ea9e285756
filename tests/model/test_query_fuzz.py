"""Property-based fuzzing of the filter parser (``activejob_tui.model.query``), beyond the generated
expressions of tests/model/test_query.py: mutations of valid expressions and any Unicode (lone surrogates,
controls, 10,000 characters) raise only ``QueryError``, with a position inside the text; a query that parses
answers every kind of row with a bool. Example counts are in docs/RELIABILITY.md."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activejob_tui.model.enums import ActiveJobState
from activejob_tui.model.jobs import ActiveJob, JobLog, ScheduledJob, TaskProgress, UnknownSubJob
from activejob_tui.model.query import Query, QueryError, parse

pytestmark = pytest.mark.timeout(120)

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
QUERY_EXAMPLES = 1000


VALID = ["state:running", "!type:video progress>50", "startDate<1h name:\"a b\"", "totalSize>=1gb",
         "jobHandle:j|1||x|2", "progress<=10.5 !state:done", "fatalError:true", "emailSetting:Error", "nightly"]


@st.composite
def mutated_expression(draw: st.DrawFn) -> str:
    expr = " ".join(draw(st.lists(st.sampled_from(VALID), min_size=1, max_size=4)))
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(expr)))
        op = draw(st.sampled_from(["insert", "delete", "dup", "swap"]))
        if op == "insert":
            expr = expr[:i] + draw(st.text(st.characters(), min_size=1, max_size=3)) + expr[i:]
        elif op == "delete":
            expr = expr[:i] + expr[i + draw(st.integers(1, 5)):]
        elif op == "dup":
            expr = expr[:i] + expr[i: i + 6] * draw(st.integers(2, 50)) + expr[i:]
        elif len(expr) > 1:
            j = draw(st.integers(0, len(expr) - 1))
            chars = list(expr)
            chars[min(i, len(chars) - 1)], chars[j] = chars[j], chars[min(i, len(chars) - 1)]
            expr = "".join(chars)
    return expr


_ANY_UNICODE = st.text(st.characters(blacklist_categories=()), max_size=80)  # lone surrogates included
_JOBS = [
    ActiveJob(job_handle="j|1", name="\u202e\x9bodd", state=ActiveJobState("Zombie"), progress=-5, total_size=-1,
              sub_job=UnknownSubJob(element="teleportJob", fields=(("a", (("b", "c"),)),)),
              task_progress_array=(TaskProgress(),)),
    ActiveJob(),
    ScheduledJob(job_handle="s|1", name="漢字"),
    JobLog(job_handle="l|1"),
]


@settings(max_examples=QUERY_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(mutated_expression(), _ANY_UNICODE, st.just("x" * 10_000), st.just("progress>" + "9" * 5000)))
def test_filter_parser_raises_only_query_error(expr: str) -> None:
    try:
        query = parse(expr)
    except QueryError as err:
        assert 0 <= err.position <= len(expr) and err.message
        return
    assert isinstance(query, Query)
    for job in _JOBS:
        assert isinstance(query.matches(job, NOW), bool)
