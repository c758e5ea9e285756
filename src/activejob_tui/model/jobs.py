"""Plain data for IPS jobs: ActiveJob, ScheduledJob, JobLog and the 14 sub-job types.

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
    EmailSetting,
    Outcome,
    PublishType,
    Severity,
    TaskState,
    TriggerState,
    severity_of,
)

RawRecord = tuple[tuple[str, "str | RawRecord"], ...]
"""Child elements in document order as (element name, text or nested record) pairs."""

Handles = tuple[str, ...]

_DATA = dict(frozen=True, slots=True, kw_only=True)


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


# --- sub-jobs ---------------------------------------------------------------------------------


@dataclass(**_DATA)
class UploadUrl:
    source_url: str | None = None
    dest_path: str | None = None


@dataclass(**_DATA)
class ImageServingPublishJob:
    publish_type: PublishType | None = None
    email_setting: EmailSetting | None = None
    http_completion_url: str | None = None
    context_handle: str | None = None


@dataclass(**_DATA)
class ImageRenderingPublishJob:
    email_setting: EmailSetting | None = None
    http_completion_url: str | None = None
    context_handle: str | None = None


@dataclass(**_DATA)
class VideoPublishJob:
    email_setting: EmailSetting | None = None
    http_completion_url: str | None = None
    context_handle: str | None = None


@dataclass(**_DATA)
class ServerDirectoryPublishJob:
    email_setting: EmailSetting | None = None
    http_completion_url: str | None = None


@dataclass(**_DATA)
class MetadataPublishJob:
    force_publish: bool | None = None


@dataclass(**_DATA)
class UploadDirectoryJob:
    dest_folder: str | None = None
    server_dir: str | None = None
    overwrite: bool | None = None
    ready_for_publish: bool | None = None
    preserve_publish_state: bool | None = None
    include_subfolders: bool | None = None
    create_mask: bool | None = None
    process_metadata_files: bool | None = None
    preserve_crop: bool | None = None
    knockout_background_options: RawRecord | None = None
    manual_crop_options: RawRecord | None = None
    auto_color_crop_options: RawRecord | None = None
    auto_transparent_crop_options: RawRecord | None = None
    photoshop_options: RawRecord | None = None
    post_script_options: RawRecord | None = None
    pdf_options: RawRecord | None = None
    illustrator_options: RawRecord | None = None
    color_management_options: RawRecord | None = None
    auto_set_creation_options: RawRecord | None = None
    project_handle_array: Handles | None = None
    email_setting: EmailSetting | None = None
    post_job_only_if_files: bool | None = None
    post_http_url: str | None = None
    post_image_serving_publish_job: ImageServingPublishJob | None = None
    post_image_rendering_publish_job: ImageRenderingPublishJob | None = None
    post_video_publish_job: VideoPublishJob | None = None
    media_options: RawRecord | None = None
    in_design_options: RawRecord | None = None
    xmp_keywords: str | None = None
    unsharp_mask_options: RawRecord | None = None
    un_compress_options: RawRecord | None = None
    exclude_master_video_from_avs: bool | None = None


@dataclass(**_DATA)
class UploadUrlsJob:
    url_array: tuple[UploadUrl, ...] | None = None
    num_urls: int | None = None
    overwrite: bool | None = None
    ready_for_publish: bool | None = None
    preserve_publish_state: bool | None = None
    create_mask: bool | None = None
    preserve_crop: bool | None = None
    knockout_background_options: RawRecord | None = None
    manual_crop_options: RawRecord | None = None
    auto_color_crop_options: RawRecord | None = None
    auto_transparent_crop_options: RawRecord | None = None
    photoshop_options: RawRecord | None = None
    post_script_options: RawRecord | None = None
    pdf_options: RawRecord | None = None
    illustrator_options: RawRecord | None = None
    color_management_options: RawRecord | None = None
    auto_set_creation_options: RawRecord | None = None
    project_handle_array: Handles | None = None
    email_setting: EmailSetting | None = None
    post_job_only_if_files: bool | None = None
    post_http_url: str | None = None
    post_image_serving_publish_job: ImageServingPublishJob | None = None
    post_image_rendering_publish_job: ImageRenderingPublishJob | None = None
    post_video_publish_job: VideoPublishJob | None = None
    media_options: RawRecord | None = None
    in_design_options: RawRecord | None = None
    xmp_keywords: str | None = None
    unsharp_mask_options: RawRecord | None = None
    un_compress_options: RawRecord | None = None
    exclude_master_video_from_avs: bool | None = None


@dataclass(**_DATA)
class UploadPostJob:
    overwrite: bool | None = None
    ready_for_publish: bool | None = None
    preserve_publish_state: bool | None = None
    create_mask: bool | None = None
    preserve_crop: bool | None = None
    knockout_background_options: RawRecord | None = None
    manual_crop_options: RawRecord | None = None
    auto_color_crop_options: RawRecord | None = None
    auto_transparent_crop_options: RawRecord | None = None
    photoshop_options: RawRecord | None = None
    post_script_options: RawRecord | None = None
    pdf_options: RawRecord | None = None
    illustrator_options: RawRecord | None = None
    color_management_options: RawRecord | None = None
    auto_set_creation_options: RawRecord | None = None
    project_handle_array: Handles | None = None
    email_setting: EmailSetting | None = None
    post_http_url: str | None = None
    media_options: RawRecord | None = None
    in_design_options: RawRecord | None = None
    xmp_keywords: str | None = None
    unsharp_mask_options: RawRecord | None = None
    un_compress_options: RawRecord | None = None
    exclude_master_video_from_avs: bool | None = None


@dataclass(**_DATA)
class OptimizeImagesJob:
    email_setting: EmailSetting | None = None


@dataclass(**_DATA)
class RipPdfsJob:
    pdf_handle_array: Handles | None = None
    create_mask: bool | None = None
    knockout_background_options: RawRecord | None = None
    manual_crop_options: RawRecord | None = None
    auto_color_crop_options: RawRecord | None = None
    auto_transparent_crop_options: RawRecord | None = None
    post_script_options: RawRecord | None = None
    pdf_options: RawRecord | None = None
    illustrator_options: RawRecord | None = None
    color_management_options: RawRecord | None = None
    project_handle_array: Handles | None = None
    email_setting: EmailSetting | None = None
    post_http_url: str | None = None
    post_image_serving_publish_job: ImageServingPublishJob | None = None
    post_image_rendering_publish_job: ImageRenderingPublishJob | None = None
    post_video_publish_job: VideoPublishJob | None = None
    in_design_options: RawRecord | None = None


@dataclass(**_DATA)
class ReprocessAssetsJob:
    asset_handle_array: Handles | None = None
    ready_for_publish: bool | None = None
    preserve_publish_state: bool | None = None
    create_mask: bool | None = None
    preserve_crop: bool | None = None
    knockout_background_options: RawRecord | None = None
    manual_crop_options: RawRecord | None = None
    auto_color_crop_options: RawRecord | None = None
    auto_transparent_crop_options: RawRecord | None = None
    photoshop_options: RawRecord | None = None
    post_script_options: RawRecord | None = None
    pdf_options: RawRecord | None = None
    media_options: RawRecord | None = None
    illustrator_options: RawRecord | None = None
    color_management_options: RawRecord | None = None
    auto_set_creation_options: RawRecord | None = None
    project_handle_array: Handles | None = None
    email_setting: EmailSetting | None = None
    post_job_only_if_files: bool | None = None
    post_http_url: str | None = None
    post_image_serving_publish_job: ImageServingPublishJob | None = None
    post_image_rendering_publish_job: ImageRenderingPublishJob | None = None
    post_video_publish_job: VideoPublishJob | None = None
    in_design_options: RawRecord | None = None
    unsharp_mask_options: RawRecord | None = None
    exclude_master_video_from_avs: bool | None = None


@dataclass(**_DATA)
class CreateVideoSitemapJob:
    force_update: bool | None = None


@dataclass(**_DATA)
class ExportJob:
    asset_handle_array: Handles | None = None
    fmt: str | None = None
    """``orig`` or ``convert``."""
    is_modifier: str | None = None
    macro: str | None = None
    email_setting: EmailSetting | None = None
    client_id: str | None = None


@dataclass(**_DATA)
class AutomatedSetGenerationJob:
    asset_handle_array: Handles | None = None
    dest_folder: str | None = None
    ready_for_publish: bool | None = None
    auto_set_creation_options: RawRecord | None = None
    email_setting: EmailSetting | None = None


@dataclass(**_DATA)
class UnknownSubJob:
    """A sub-job element this client does not know: kept whole, rendered generically."""

    element: str
    fields: RawRecord = ()


KnownSubJob = (
    ImageServingPublishJob
    | ImageRenderingPublishJob
    | VideoPublishJob
    | ServerDirectoryPublishJob
    | MetadataPublishJob
    | UploadDirectoryJob
    | UploadUrlsJob
    | UploadPostJob
    | OptimizeImagesJob
    | RipPdfsJob
    | ReprocessAssetsJob
    | CreateVideoSitemapJob
    | ExportJob
    | AutomatedSetGenerationJob
)
SubJob = KnownSubJob | UnknownSubJob

SUB_JOB_TYPES: dict[str, type[KnownSubJob]] = {
    "imageServingPublishJob": ImageServingPublishJob,
    "imageRenderingPublishJob": ImageRenderingPublishJob,
    "videoPublishJob": VideoPublishJob,
    "serverDirectoryPublishJob": ServerDirectoryPublishJob,
    "metadataPublishJob": MetadataPublishJob,
    "uploadDirectoryJob": UploadDirectoryJob,
    "uploadUrlsJob": UploadUrlsJob,
    "uploadPostJob": UploadPostJob,
    "optimizeImagesJob": OptimizeImagesJob,
    "ripPdfsJob": RipPdfsJob,
    "reprocessAssetsJob": ReprocessAssetsJob,
    "createVideoSitemapJob": CreateVideoSitemapJob,
    "exportJob": ExportJob,
    "automatedSetGenerationJob": AutomatedSetGenerationJob,
}
"""Element name → class, in the 2016-01-14-beta ActiveJob sequence order."""

SUB_JOB_ELEMENTS: dict[type, str] = {cls: element for element, cls in SUB_JOB_TYPES.items()}


def sub_job_element(sub_job: SubJob) -> str:
    """The IPS element name a sub-job travels under (``videoPublishJob``…)."""
    if isinstance(sub_job, UnknownSubJob):
        return sub_job.element
    return SUB_JOB_ELEMENTS[type(sub_job)]


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
