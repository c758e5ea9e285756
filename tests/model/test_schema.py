"""``model.schema`` describes every IPS field once; decode, filter and serialize read it."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

from activejob_tui.model import jobs
from activejob_tui.model.query import parse
from activejob_tui.model.schema import KINDS, field_spec, schema
from activejob_tui.model.serialize import csv_columns

CLASSES = [jobs.ActiveJob, jobs.ScheduledJob, jobs.JobLog, jobs.JobLogDetail, jobs.JobLogDetailAux,
           jobs.TaskProgress, jobs.TaskItemProgress, jobs.UploadUrl, *jobs.SUB_JOB_TYPES.values()]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_every_field_is_described(cls):
    specs = schema(cls)
    assert [s.name for s in specs] == [f.name for f in dataclasses.fields(cls)]
    assert all(s.kind in KINDS for s in specs)
    assert all(s.item is not None for s in specs if s.kind in ("enum", "record", "array"))


def test_units_and_views_of_the_fields_that_have_them():
    assert field_spec(jobs.ActiveJob, "progress").unit.startswith("percent")
    assert field_spec(jobs.TaskProgress, "progress").unit.startswith("fraction")
    assert field_spec(jobs.ActiveJob, "total_size").unit == "bytes"
    assert field_spec(jobs.ScheduledJob, "next_fire_time").views == ("scheduled",)
    assert field_spec(jobs.ActiveJob, "task_progress_array").item is jobs.TaskProgress


def test_a_type_the_schema_cannot_describe_fails_loudly():
    @dataclasses.dataclass(frozen=True)
    class Odd:
        when: complex | None = None

    with pytest.raises(TypeError, match="no kind"):
        schema(Odd)


def test_serialize_and_the_filter_read_the_same_kinds():
    columns = csv_columns(jobs.ActiveJob)
    for spec in schema(jobs.ActiveJob):
        listed = spec.ips_name in columns or (spec.kind == "sub_job" and "subJob" in columns)
        assert listed == (spec.kind not in ("array", "raw_record", "handles")), spec.name
    job = jobs.ActiveJob(total_size=2048, progress=40)
    now = datetime.now(UTC)
    assert parse("totalSize>1000").matches(job, now)
    assert not parse("progress>50").matches(job, now)
