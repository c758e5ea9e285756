"""JSON-ready dicts keyed by IPS names, and CSV rows."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from activejob_tui.model.enums import (
    ActiveJobState,
    EmailSetting,
    TaskState,
    TriggerState,
)
from activejob_tui.model.jobs import (
    SUB_JOB_TYPES,
    ActiveJob,
    JobLog,
    JobLogDetail,
    JobLogDetailAux,
    ScheduledJob,
    TaskProgress,
    UnknownSubJob,
    UploadDirectoryJob,
    UploadUrl,
    UploadUrlsJob,
    VideoPublishJob,
)
from activejob_tui.model.naming import ips_fields
from activejob_tui.model.serialize import (
    csv_columns,
    raw_record_to_dict,
    to_ips_dict,
    to_row,
    to_value,
)

PDT = timezone(timedelta(hours=-7))
START = datetime(2024, 5, 1, 10, 0, 0, 123000, tzinfo=PDT)


def test_active_job_keys_order_and_values() -> None:
    job = ActiveJob(
        job_handle="j|1",
        name="Clips",
        type="VideoPublish",
        state=ActiveJobState.RUNNING,
        start_date=START,
        total_size=10,
        progress=50,
        task_progress_array=(TaskProgress(task_type="t", task_state=TaskState.DONE, progress=0.5),),
        sub_job=VideoPublishJob(email_setting=EmailSetting.ERROR),
    )
    d = to_ips_dict(job)
    expected_keys = [ips for _, ips in ips_fields(ActiveJob)] + ["videoPublishJob"]
    assert list(d) == expected_keys
    assert d["jobHandle"] == "j|1"
    assert d["state"] == "Running" and type(d["state"]) is str
    assert d["startDate"] == "2024-05-01T10:00:00.123-07:00"
    assert d["locale"] is None  # kept as null: a stable field set
    assert d["taskProgressArray"] == [
        {
            "taskType": "t",
            "taskState": "Done",
            "numProcessed": None,
            "numProcessing": None,
            "numPending": None,
            "progress": 0.5,
            "progressMessage": None,
            "lastProgressUpdate": None,
            "taskItemProgressArray": None,
        }
    ]
    assert d["videoPublishJob"] == {"emailSetting": "Error", "httpCompletionUrl": None, "contextHandle": None}
    json.dumps(d)  # JSON-ready


def test_no_sub_job_means_no_sub_job_key() -> None:
    d = to_ips_dict(ActiveJob(job_handle="x"))
    assert set(d) == {ips for _, ips in ips_fields(ActiveJob)}


@pytest.mark.parametrize("element", list(SUB_JOB_TYPES))
def test_every_sub_job_type_under_its_element(element: str) -> None:
    d = to_ips_dict(ScheduledJob(sub_job=SUB_JOB_TYPES[element]()))
    assert element in d
    assert list(d[element]) == [ips for _, ips in ips_fields(SUB_JOB_TYPES[element])]
    json.dumps(d)


def test_records_handles_and_nested_objects() -> None:
    sub = UploadUrlsJob(
        url_array=(UploadUrl(source_url="http://a", dest_path="x/"),),
        project_handle_array=("p|1", "p|2"),
        manual_crop_options=(("left", "1"), ("left", "2"), ("nested", (("a", "b"),)), ("empty", ())),
        exclude_master_video_from_avs=True,
    )
    d = to_ips_dict(ActiveJob(sub_job=sub))["uploadUrlsJob"]
    assert d["urlArray"] == [{"sourceUrl": "http://a", "destPath": "x/"}]
    assert d["projectHandleArray"] == ["p|1", "p|2"]
    assert d["manualCropOptions"] == {"left": ["1", "2"], "nested": {"a": "b"}, "empty": {}}
    assert d["excludeMasterVideoFromAVS"] is True


def test_unknown_sub_job_and_unrecognised_enums() -> None:
    job = ScheduledJob(
        trigger_state=TriggerState("Frozen"),
        sub_job=UnknownSubJob(element="teleportJob", fields=(("to", "mars"), ("opt", (("a", "1"), ("a", "2"))))),
    )
    d = to_ips_dict(job)
    assert d["triggerState"] == "Frozen"
    assert d["teleportJob"] == {"to": "mars", "opt": {"a": ["1", "2"]}}
    assert to_ips_dict(UnknownSubJob(element="e")) == {}


def test_raw_record_edge_cases() -> None:
    assert raw_record_to_dict(()) == {}
    assert raw_record_to_dict((("a", "1"), ("a", "2"), ("a", "3"))) == {"a": ["1", "2", "3"]}
    assert raw_record_to_dict(("not", "pairs", "here")) == ["not", "pairs", "here"]  # malformed: kept
    assert raw_record_to_dict("text") == "text"


def test_job_log_with_details() -> None:
    log = JobLog(
        job_handle="j",
        fatal_error=False,
        end_date=datetime(2024, 5, 1, tzinfo=UTC),
        detail_array=(
            JobLogDetail(
                log_message="m", log_type="FileError", aux_array=(JobLogDetailAux(log_message="aux", log_type="x"),)
            ),
        ),
    )
    d = to_ips_dict(log)
    assert d["fatalError"] is False
    assert d["endDate"] == "2024-05-01T00:00:00.000+00:00"
    assert d["detailArray"][0]["auxArray"][0]["logMessage"] == "aux"
    assert "severity" not in d  # derived values are not IPS fields
    json.dumps(d)


def test_to_value() -> None:
    assert to_value(ActiveJobState("Odd")) == "Odd"
    assert to_value((1, (2, 3))) == [1, [2, 3]]
    assert to_value(datetime(2024, 1, 1)) == "2024-01-01T00:00:00.000+00:00"
    assert to_value(object.__new__(object)).startswith("<object")


def test_non_model_object_is_rejected() -> None:
    with pytest.raises(TypeError):
        to_ips_dict({"a": 1})


def test_csv_columns_and_rows() -> None:
    columns = csv_columns(ActiveJob)
    assert columns[:3] == ["companyHandle", "jobHandle", "name"]
    assert "taskProgressArray" not in columns and columns[-1] == "subJob"
    job = ActiveJob(
        job_handle="j,1",
        state=ActiveJobState.DONE,
        start_date=START,
        progress=100,
        sub_job=UploadDirectoryJob(overwrite=True, manual_crop_options=(("a", "1"),)),
    )
    row = to_row(job, ["jobHandle", "job_handle", "state", "startDate", "progress", "locale", "subJob",
                       "uploadDirectoryJob.overwrite", "uploadDirectoryJob.manualCropOptions", "nope", "severity"])  # fmt: skip
    assert row == [
        "j,1", "j,1", "Done", "2024-05-01T10:00:00.123-07:00", "100", "", "uploadDirectoryJob",
        "true", '{"a":"1"}', "", "",
    ]  # fmt: skip
    assert csv_columns(ScheduledJob)[-1] == "subJob"
    log = JobLog(log_type="UploadError", file_error_count=2)
    assert to_row(log, ["severity", "outcome", "fileErrorCount"]) == ["error", "errors", "2"]
    assert to_row(ActiveJob(), ["subJob"]) == [""]
