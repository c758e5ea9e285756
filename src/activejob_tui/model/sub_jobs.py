"""The 14 IPS sub-job types an ActiveJob or ScheduledJob carries, and the option records inside them.

Attribute names are the IPS element names in snake_case, in the API's sequence order. A sub-job
element this client does not know is kept whole as :class:`UnknownSubJob`. Nested option groups
(crop, Photoshop, PDF… options) are kept as raw records: they are shown, not interpreted.
"""

from __future__ import annotations

from dataclasses import dataclass

from .enums import EmailSetting, PublishType

RawRecord = tuple[tuple[str, "str | RawRecord"], ...]
"""Child elements in document order as (element name, text or nested record) pairs."""

Handles = tuple[str, ...]

_DATA = dict(frozen=True, slots=True, kw_only=True)


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
