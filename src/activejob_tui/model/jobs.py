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
from typing import TypeAlias

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
    "Fraction",
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
    "Percent",
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

Percent: TypeAlias = int
"""A percentage, 0–100: ``ActiveJob.progress``, an xsd:int (IPS_JOBS_API.md §5.1; the 0–100 scale is our
reading, §7 item 3). Divide by 100 for a :data:`Fraction`."""
Fraction: TypeAlias = float
"""A fraction, 0.0–1.0: ``TaskProgress.progress`` and ``TaskItemProgress.progress``, an xsd:double
(IPS_JOBS_API.md §5.3; documented as 0.0–1.0 for the task, unconfirmed for the item)."""


@dataclass(**_DATA)
class TaskItemProgress:
    """One item of a :class:`TaskProgress` (2016; IPS_JOBS_API.md §5.3).

    ``progress`` is a float read as a fraction, 0.0–1.0, like the task's (the docs say "% complete";
    the scale is unconfirmed). ``last_progress_update`` is an aware datetime (no zone on the wire = UTC).
    """

    item_name: str | None = None
    progress: Fraction | None = None
    """Fraction, 0.0–1.0 (like the task's; the docs say "% complete", the scale is unconfirmed)."""
    progress_message: str | None = None
    last_progress_update: datetime | None = None


@dataclass(**_DATA)
class TaskProgress:
    """One task of an ActiveJob's ``taskProgressArray`` (2016; IPS_JOBS_API.md §5.3), e.g. a video
    transcode. ``num_processed``/``num_processing``/``num_pending`` count items; ``progress`` is a
    fraction, 0.0–1.0; ``task_state`` a :class:`TaskState` (6.0+); ``last_progress_update`` an aware
    datetime; ``task_item_progress_array`` the items, or None.
    """

    task_type: str | None = None
    task_state: TaskState | None = None
    num_processed: int | None = None
    num_processing: int | None = None
    num_pending: int | None = None
    progress: Fraction | None = None
    """Fraction, 0.0–1.0 as documented (IPS_JOBS_API.md §5.3) — not the job's percent."""
    progress_message: str | None = None
    last_progress_update: datetime | None = None
    task_item_progress_array: tuple[TaskItemProgress, ...] | None = None


# --- the three job containers -----------------------------------------------------------------


@dataclass(**_DATA)
class ActiveJob:
    """A running or queued job, one item of getActiveJobs' ``jobArray`` (IPS_JOBS_API.md §4.1, §5.1).

    Units: ``progress`` percent, 0–100 (int; our reading, the scale is undocumented);
    ``total_size`` bytes (int); ``start_date``, ``trigger_time`` (2016) and ``last_progress_update``
    aware datetimes. ``state`` an :class:`ActiveJobState`; ``type`` the job-type string (§6.4, shown as
    sent). ``task_progress_array`` (2016) and ``sub_job`` (the one sub-job element of §5.2, a
    :data:`SubJob`) may be decoded on first read (:data:`LAZY_FIELDS`). A field the server's API
    version lacks is None; ``job_handle`` is what stopJob and the others take (§4.5).
    """

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
    progress: Percent | None = None
    """Percent, 0–100 (our reading; the scale is undocumented, IPS_JOBS_API.md §7 item 3) — not the tasks' fraction."""
    progress_message: str | None = None
    last_progress_update: datetime | None = None
    task_progress_array: tuple[TaskProgress, ...] | None = None
    sub_job: SubJob | None = None


@dataclass(**_DATA)
class ScheduledJob:
    """A job with a schedule, one item of getScheduledJobs' ``jobArray`` (IPS_JOBS_API.md §4.2, §5.4).

    ``exec_schedule`` is the cron-like text in the server's local time (``00 00 00 * *``);
    ``next_fire_time`` an aware datetime; ``time_zone`` the zone's name as sent (``PST``);
    ``trigger_state`` a :class:`TriggerState` (Paused after pauseJob). ``sub_job`` is the one sub-job
    element (§5.2), decoded on first read.
    """

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
    """An extra warning or error about a detail line's asset (4.5+; IPS_JOBS_API.md §5.5):
    ``log_type`` such as ``IPSJobLog.gcUploadWarning``; ``date_created`` an aware datetime or None.
    """

    log_message: str | None = None
    log_type: str | None = None
    date_created: datetime | None = None


@dataclass(**_DATA)
class JobLogDetail:
    """One line of a job's log, from getJobLogDetails (IPS_JOBS_API.md §4.4, §5.5).

    ``log_message`` is localized by the server (``authHeader/locale``); ``log_type`` the IPS log type
    (§6.8; its suffix gives :attr:`severity`); ``date_created`` an aware datetime (2016 only, else
    None); ``asset_type`` a Job Log File Type (§6.9); ``asset_handle`` 4.0+; ``aux_array`` 4.5+.
    """

    log_message: str | None = None
    log_type: str | None = None
    date_created: datetime | None = None
    asset_name: str | None = None
    asset_type: str | None = None
    asset_handle: str | None = None
    aux_array: tuple[JobLogDetailAux, ...] | None = None

    @property
    def severity(self) -> Severity:
        """Our reading of ``log_type``'s suffix (…Error/…Failure, …Warning, …Success; else info; no
        log type: unknown). IPS has no severity field (IPS_JOBS_API.md §6.8). Never raises."""
        return severity_of(self.log_type)


@dataclass(**_DATA)
class JobLog:
    """A finished (or running) job's log summary (IPS_JOBS_API.md §5.5): the rows of getJobLogs
    (§4.3, without ``detail_array``) and the one log of getJobLogDetails (§4.4, with a page of
    ``detail_array`` and, in 2016, ``detail_total_rows``, the number of detail lines in all pages).

    The ``file_*``/``transfer_*``/``total_file_count`` fields count files (ints; ``transfer_*`` 4.4+);
    ``start_date``/``end_date`` are aware datetimes; ``fatal_error`` a bool; ``job_sub_type`` is set
    only for Image Serving publishes. :attr:`outcome` and :attr:`severity` are derived, never sent.
    """

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
        """Our reading of ``log_type``'s suffix (…Error/…Failure, …Warning, …Success; else info; no
        log type: unknown). IPS has no severity field (IPS_JOBS_API.md §6.8). Never raises."""
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
