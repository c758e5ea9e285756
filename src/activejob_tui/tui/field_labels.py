"""What the detail pane calls each field, in the operator's language, beside its IPS name.

The IPS element name (``jobHandle``) is what Adobe's documentation is searched by, so it always
stays on screen: in English it *is* the label (as before issue 15); in another language the
translated label comes first and the IPS name follows, dimmed (:func:`label`).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

from ..i18n import N_, _
from ..model.naming import ips_name
from ..model.query.catalogue import add_field_words

FIELD_LABELS: dict[str, str] = {
    "asset_handle": N_("Asset handle"),
    "asset_handle_array": N_("Asset handles"),
    "asset_name": N_("Asset name"),
    "asset_type": N_("Asset type"),
    "auto_color_crop_options": N_("Auto colour crop options"),
    "auto_set_creation_options": N_("Auto set creation options"),
    "auto_transparent_crop_options": N_("Auto transparent crop options"),
    "aux_array": N_("Auxiliary items"),
    "client_id": N_("Client ID"),
    "color_management_options": N_("Colour management options"),
    "company_handle": N_("Company handle"),
    "context_handle": N_("Context handle"),
    "create_mask": N_("Create mask"),
    "date_created": N_("Date created"),
    "description": N_("Description"),
    "dest_folder": N_("Destination folder"),
    "dest_path": N_("Destination path"),
    "detail_total_rows": N_("Detail lines"),
    "email_setting": N_("E-mail setting"),
    "end_date": N_("End date"),
    "exclude_master_video_from_avs": N_("Exclude master video from AVS"),
    "exec_schedule": N_("Schedule"),
    "fatal_error": N_("Fatal error"),
    "file_duplicate_count": N_("Duplicate files"),
    "file_error_count": N_("Files with errors"),
    "file_success_count": N_("Files succeeded"),
    "file_update_count": N_("Files updated"),
    "file_warning_count": N_("Files with warnings"),
    "fmt": N_("Format"),
    "force_publish": N_("Force publish"),
    "force_update": N_("Force update"),
    "http_completion_url": N_("Completion URL"),
    "illustrator_options": N_("Illustrator options"),
    "in_design_options": N_("InDesign options"),
    "include_subfolders": N_("Include subfolders"),
    "is_modifier": N_("Is modifier"),
    "item_name": N_("Item name"),
    "job_handle": N_("Job handle"),
    "job_name": N_("Job name"),
    "job_sub_type": N_("Job subtype"),
    "knockout_background_options": N_("Knockout background options"),
    "last_progress_update": N_("Last progress update"),
    "locale": N_("Locale"),
    "log_message": N_("Log message"),
    "log_type": N_("Log type"),
    "macro": N_("Macro"),
    "manual_crop_options": N_("Manual crop options"),
    "media_options": N_("Media options"),
    "name": N_("Name"),
    "next_fire_time": N_("Next run"),
    "num_pending": N_("Pending"),
    "num_processed": N_("Processed"),
    "num_processing": N_("Processing"),
    "num_urls": N_("Number of URLs"),
    "original_job_name": N_("Original job name"),
    "original_name": N_("Original name"),
    "overwrite": N_("Overwrite"),
    "pdf_handle_array": N_("PDF handles"),
    "pdf_options": N_("PDF options"),
    "photoshop_options": N_("Photoshop options"),
    "post_http_url": N_("Upload URL"),
    "post_image_rendering_publish_job": N_("Then Image Rendering publish"),
    "post_image_serving_publish_job": N_("Then Image Serving publish"),
    "post_job_only_if_files": N_("Follow-up only if files"),
    "post_script_options": N_("PostScript options"),
    "post_video_publish_job": N_("Then video publish"),
    "preserve_crop": N_("Preserve crop"),
    "preserve_publish_state": N_("Preserve publish state"),
    "process_metadata_files": N_("Process metadata files"),
    "progress": N_("Progress"),
    "progress_message": N_("Progress message"),
    "project_handle_array": N_("Project handles"),
    "publish_type": N_("Publish type"),
    "ready_for_publish": N_("Ready for publish"),
    "server_dir": N_("Server directory"),
    "server_name": N_("Server name"),
    "source_url": N_("Source URL"),
    "start_date": N_("Start date"),
    "state": N_("State"),
    "submit_user_email": N_("Submitted by"),
    "task_state": N_("Task state"),
    "task_type": N_("Task type"),
    "time_zone": N_("Time zone"),
    "total_file_count": N_("Total files"),
    "total_size": N_("Total size"),
    "transfer_error_count": N_("Transfer errors"),
    "transfer_success_count": N_("Transfers succeeded"),
    "transfer_warning_count": N_("Transfer warnings"),
    "trigger_state": N_("Trigger state"),
    "trigger_time": N_("Trigger time"),
    "type": N_("Type"),
    "un_compress_options": N_("Uncompress options"),
    "unsharp_mask_options": N_("Unsharp mask options"),
    "url_array": N_("URLs"),
    "xmp_keywords": N_("XMP keywords"),
}
"""Model attribute → English msgid of its label (every field of model/jobs.py that the pane shows);
each label names its field in the filter too (``工作控制代碼:j|1``)."""

for _attribute, _msgid in FIELD_LABELS.items():
    add_field_words(ips_name(_attribute), _msgid)


def translated(attribute: str) -> str | None:
    """The label of ``attribute`` in the current language, or None when it is not translated (English,
    or a field without a label): the IPS name alone is then the label."""
    msgid = FIELD_LABELS.get(attribute)
    if msgid is None:
        return None
    text = _(msgid)
    return None if text == msgid else text


@dataclass(frozen=True, slots=True)
class FieldLabel:
    """A detail row's label: ``local`` (the translated label, or None in English) and ``ips`` (the IPS
    element name). Drawn as one Text (:meth:`__rich__`); the detail pane's grid puts the two parts in
    columns of their own so the IPS names line up."""

    local: str | None
    ips: str

    def __rich__(self) -> Text:
        if self.local is None:
            return Text(self.ips, end="")
        text = Text(self.local, end="")
        text.append(" " + self.ips, style="dim")
        return text

    @property
    def plain(self) -> str:
        return self.__rich__().plain


def label(attribute: str, ips: str | None = None) -> FieldLabel:
    """The detail pane's label of ``attribute``: ``jobHandle`` in English, ``工作控制代碼 jobHandle``
    (the IPS name dimmed) in another language. ``ips`` overrides the IPS name (unknown fields)."""
    return FieldLabel(translated(attribute), ips if ips is not None else ips_name(attribute))
