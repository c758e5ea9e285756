"""Plain data for IPS jobs: ActiveJob, ScheduledJob, JobLog, and the 14 sub-job types (defined in
``model.sub_jobs``, importable from here too).

Attribute names are the IPS element names in snake_case, in the API's sequence order (see
``model.naming`` for the mapping back). Every attribute defaults to ``None``: a field the server's
API version lacks, or one a malformed answer left out, is ``None`` and never a made-up value.
Nested option groups (crop, Photoshop, PDF… options) are kept as raw records: they are shown, not
interpreted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from . import lazy
from .enums import (
    ActiveJobState,
    Outcome,
    Severity,
    TaskState,
    TriggerState,
    severity_of,
)
from .sub_jobs import (
    _DATA,  # the same dataclass options as the sub-jobs
    SUB_JOB_ELEMENTS,
    SUB_JOB_TYPES,
    AutomatedSetGenerationJob,
    CreateVideoSitemapJob,
    ExportJob,
    Handles,
    ImageRenderingPublishJob,
    ImageServingPublishJob,
    KnownSubJob,
    MetadataPublishJob,
    OptimizeImagesJob,
    RawRecord,
    ReprocessAssetsJob,
    RipPdfsJob,
    ServerDirectoryPublishJob,
    SubJob,
    UnknownSubJob,
    UploadDirectoryJob,
    UploadPostJob,
    UploadUrl,
    UploadUrlsJob,
    VideoPublishJob,
    sub_job_element,
)

__all__ = [  # the job records, and the sub-jobs they carry (``model.sub_jobs``)
    "LAZY_FIELDS",
    "SUB_JOB_ELEMENTS",
    "SUB_JOB_TYPES",
    "ActiveJob",
    "AutomatedSetGenerationJob",
    "CreateVideoSitemapJob",
    "ExportJob",
    "Handles",
    "ImageRenderingPublishJob",
    "ImageServingPublishJob",
    "Job",
    "JobLog",
    "JobLogDetail",
    "JobLogDetailAux",
    "KnownSubJob",
    "MetadataPublishJob",
    "OptimizeImagesJob",
    "RawRecord",
    "ReprocessAssetsJob",
    "RipPdfsJob",
    "ScheduledJob",
    "ServerDirectoryPublishJob",
    "SubJob",
    "TaskItemProgress",
    "TaskProgress",
    "UnknownSubJob",
    "UploadDirectoryJob",
    "UploadPostJob",
    "UploadUrl",
    "UploadUrlsJob",
    "VideoPublishJob",
    "sub_job_element",
]

# --- progress ---------------------------------------------------------------------------------


@dataclass(**_DATA)
class TaskItemProgress:
    item_name: str | None = None
    progress: float | None = None
    progress_message: str | None = None
    last_progress_update: datetime | None = None


@dataclass(**_DATA)
class TaskProgress:
    task_type: str | None = None
    task_state: TaskState | None = None
    num_processed: int | None = None
    num_processing: int | None = None
    num_pending: int | None = None
    progress: float | None = None
    """0.0–1.0 as documented."""
    progress_message: str | None = None
    last_progress_update: datetime | None = None
    task_item_progress_array: tuple[TaskItemProgress, ...] | None = None


# --- the three job containers -----------------------------------------------------------------


@dataclass(**_DATA)
class ActiveJob:
    company_handle: str | None = None
    job_handle: str | None = None
    name: str | None = None
    original_name: str | None = None
    type: str | None = None
    state: ActiveJobState | None = None
    submit_user_email: str | None = None
    locale: str | None = None
    description: str | None = None
    server_name: str | None = None
    start_date: datetime | None = None
    trigger_time: datetime | None = None
    total_size: int | None = None
    progress: int | None = None
    """Percent, 0–100 (our reading; the scale is undocumented)."""
    progress_message: str | None = None
    last_progress_update: datetime | None = None
    task_progress_array: tuple[TaskProgress, ...] | None = None
    sub_job: SubJob | None = None


@dataclass(**_DATA)
class ScheduledJob:
    company_handle: str | None = None
    job_handle: str | None = None
    name: str | None = None
    original_name: str | None = None
    type: str | None = None
    submit_user_email: str | None = None
    locale: str | None = None
    description: str | None = None
    exec_schedule: str | None = None
    next_fire_time: datetime | None = None
    time_zone: str | None = None
    trigger_state: TriggerState | None = None
    sub_job: SubJob | None = None


@dataclass(**_DATA)
class JobLogDetailAux:
    log_message: str | None = None
    log_type: str | None = None
    date_created: datetime | None = None


@dataclass(**_DATA)
class JobLogDetail:
    log_message: str | None = None
    log_type: str | None = None
    date_created: datetime | None = None
    asset_name: str | None = None
    asset_type: str | None = None
    asset_handle: str | None = None
    aux_array: tuple[JobLogDetailAux, ...] | None = None

    @property
    def severity(self) -> Severity:
        return severity_of(self.log_type)


@dataclass(**_DATA)
class JobLog:
    company_handle: str | None = None
    job_handle: str | None = None
    job_name: str | None = None
    original_job_name: str | None = None
    submit_user_email: str | None = None
    log_type: str | None = None
    job_sub_type: str | None = None
    start_date: datetime | None = None
    end_date: datetime | None = None
    description: str | None = None
    file_success_count: int | None = None
    file_error_count: int | None = None
    file_warning_count: int | None = None
    file_duplicate_count: int | None = None
    file_update_count: int | None = None
    total_file_count: int | None = None
    transfer_success_count: int | None = None
    transfer_error_count: int | None = None
    transfer_warning_count: int | None = None
    fatal_error: bool | None = None
    detail_total_rows: int | None = None
    detail_array: tuple[JobLogDetail, ...] | None = None

    @property
    def severity(self) -> Severity:
        return severity_of(self.log_type)

    @property
    def outcome(self) -> Outcome:
        """fatalError → fatal; a ``…Cancel`` log type → cancelled; then error and warning counts."""
        if self.fatal_error:
            return Outcome.FATAL
        if (self.log_type or "").endswith("Cancel"):
            return Outcome.CANCELLED
        if self.file_error_count is None and self.file_warning_count is None:
            return Outcome.UNKNOWN
        if self.file_error_count:
            return Outcome.ERRORS
        if self.file_warning_count:
            return Outcome.WARNINGS
        return Outcome.SUCCESS


Job = ActiveJob | ScheduledJob | JobLog

# The nested parts of the two job records (tasks, task items, sub-job, option groups) may be decoded
# on first read (``model.lazy``); callers see plain attributes either way.
LAZY_FIELDS: tuple[str, ...] = ("task_progress_array", "sub_job")
"""Fields of ActiveJob (and ``sub_job`` of ScheduledJob) that the fast decoder fills on first read."""
lazy.install(ActiveJob, "task_progress_array", "sub_job")
lazy.install(ScheduledJob, "sub_job")
