"""Sorting jobs for --sort: by IPS or Python field names, asc/desc, missing values last, text caseless."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from activejob_tui.model.jobs import ActiveJob, JobLog
from activejob_tui.model.sorting import SortError, attribute_for, sort_jobs


def job(handle: str, **kw) -> ActiveJob:
    return ActiveJob(job_handle=handle, **kw)


JOBS = [
    job("a", name="Beta", progress=50, start_date=datetime(2026, 1, 2, tzinfo=UTC)),
    job("b", name="alpha", progress=None, start_date=datetime(2026, 1, 1, tzinfo=UTC)),
    job("c", name=None, progress=10, start_date=None),
    job("d", name="gamma", progress=90, start_date=datetime(2026, 1, 3, tzinfo=UTC)),
]


def handles(jobs) -> list[str]:
    return [j.job_handle for j in jobs]


@pytest.mark.parametrize("spec", ["startDate", "start_date", "STARTDATE", " startDate ", "startDate:asc", "startDate:ASC"])
def test_ascending_by_any_spelling_missing_last(spec: str) -> None:
    assert handles(sort_jobs(JOBS, ActiveJob, spec)) == ["b", "a", "d", "c"]


@pytest.mark.parametrize("spec", ["startDate:desc", "start_date:DESC"])
def test_descending_keeps_missing_last(spec: str) -> None:
    assert handles(sort_jobs(JOBS, ActiveJob, spec)) == ["d", "a", "b", "c"]


def test_numbers_and_caseless_text() -> None:
    assert handles(sort_jobs(JOBS, ActiveJob, "progress")) == ["c", "a", "d", "b"]
    assert handles(sort_jobs(JOBS, ActiveJob, "progress:desc")) == ["d", "a", "c", "b"]
    # "alpha" before "Beta" before "gamma" (not capitals first), no name last
    assert handles(sort_jobs(JOBS, ActiveJob, "name")) == ["b", "a", "d", "c"]
    assert handles(sort_jobs(JOBS, ActiveJob, "name:desc")) == ["d", "a", "b", "c"]


def test_stable_for_equal_values_and_input_untouched() -> None:
    same = [job("x", progress=5), job("y", progress=5), job("z", progress=1)]
    before = list(same)
    assert handles(sort_jobs(same, ActiveJob, "progress")) == ["z", "x", "y"]
    assert same == before


def test_fields_of_the_job_kind() -> None:
    assert attribute_for(JobLog, "fileErrorCount") == "file_error_count"
    assert attribute_for(ActiveJob, "jobHandle") == "job_handle"
    with pytest.raises(SortError) as caught:
        attribute_for(JobLog, "progress")  # an active job's field, not a log's
    message = str(caught.value)
    assert message.startswith("cannot sort by 'progress'; fields: ")
    assert "fileErrorCount" in message and "jobHandle" in message
    with pytest.raises(SortError) as caught:
        attribute_for(ActiveJob, "nope")
    listed = str(caught.value).removeprefix("cannot sort by 'nope'; fields: ").split(", ")
    assert "jobHandle" in listed and "startDate" in listed
    assert "subJob" not in listed  # a nested structure is not sortable, so not offered


@pytest.mark.parametrize("spec", ["startDate:down", "startDate:", "startDate:descending"])
def test_a_bad_direction_is_refused(spec: str) -> None:
    if spec == "startDate:":  # an empty direction after the colon is the default (ascending)
        assert handles(sort_jobs(JOBS, ActiveJob, spec)) == ["b", "a", "d", "c"]
        return
    with pytest.raises(SortError, match=r"sort direction must be asc or desc, not '"):
        sort_jobs(JOBS, ActiveJob, spec)
