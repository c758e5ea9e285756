"""One renderer per sub-job type (all 14), chosen from a registry, plus a generic one.

A renderer turns a sub-job into ``(label, value)`` rows for the detail pane: first what matters
for that type (a publish's context and e-mail setting, an upload's URLs or directory, an export's
format and assets, a PDF rip's options…), then every other field that is set, so nothing the
server sent is hidden. An unknown sub-job (a type a newer server added) is shown field by field
with a marker; a missing sub-job says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from typing import Any

from rich.console import RenderableType
from rich.text import Text

from ..i18n import N_, _
from ..model import jobs as m
from ..model.enums import IpsEnum
from ..model.humanize import count as count_text
from ..model.humanize import reported_count
from ..model.naming import ips_name
from .field_labels import FieldLabel
from .field_labels import label as field_label
from .text import safe_str, safe_text

Row = tuple[str | FieldLabel, RenderableType]

MAX_LIST = 12
"""Items of a handle/URL array shown before "… and N more"."""


def value_text(value: Any) -> RenderableType:
    """Any field value as safe text (enums marked when unknown, records flattened)."""
    if value is None:
        return Text("—", style="dim", end="")
    if isinstance(value, bool):
        return Text(_("yes") if value else _("no"), end="")
    if isinstance(value, IpsEnum):
        if value.recognized:
            return Text(str(value), end="")
        return Text(f"{safe_str(str(value))} ?" + _("(unknown value)"), style="state.muted", end="")
    if isinstance(value, tuple) and value and isinstance(value[0], tuple) and len(value[0]) == 2 and isinstance(value[0][0], str):
        return record_text(value)
    if isinstance(value, tuple):
        return list_text(value)
    if hasattr(value, "__dataclass_fields__"):
        return Text(", ".join(f"{ips_name(k)}={safe_str(v)}" for k, v in _set_fields(value)), end="")
    return safe_text(value, keep_newlines=True)


def record_text(record: m.RawRecord, indent: int = 0) -> Text:
    """A raw option record (``cropOptions`` …) as ``name: value`` lines."""
    text = Text(end="")
    for i, (name, child) in enumerate(record):
        if i:
            text.append("\n")
        text.append(" " * indent + safe_str(name) + ": ", style="dim")
        if isinstance(child, tuple):
            text.append("\n")
            text.append_text(record_text(child, indent + 2))
        else:
            text.append(safe_str(child))
    return text


def list_text(items: Sequence[Any]) -> Text:
    if not items:
        return Text(_("(none)"), style="dim", end="")
    text = Text(end="")
    for i, item in enumerate(items[:MAX_LIST]):
        if i:
            text.append("\n")
        if isinstance(item, m.UploadUrl):
            text.append(safe_str(item.source_url))
            text.append(" → ", style="dim")
            text.append(safe_str(item.dest_path))
        else:
            text.append(safe_str(item))
    if len(items) > MAX_LIST:
        text.append("\n" + _("… and {count} more").format(count=len(items) - MAX_LIST), style="dim")
    return text


def _set_fields(obj: Any) -> Iterable[tuple[str, Any]]:
    for f in fields(obj):
        value = getattr(obj, f.name)
        if value is not None:
            yield f.name, value


@dataclass(frozen=True)
class SubJobView:
    """How one sub-job type is shown: a title and the fields that matter, in order."""

    title: str
    """English msgid (``N_``), translated where shown."""
    key_fields: tuple[str, ...]
    extra: Callable[[Any], list[Row]] | None = None

    def rows(self, sub_job: Any) -> list[Row]:
        rows: list[Row] = []
        if self.extra is not None:
            rows.extend(self.extra(sub_job))
        shown = set(self.key_fields)
        for name in self.key_fields:
            rows.append((field_label(name), value_text(getattr(sub_job, name, None))))
        others = [(n, v) for n, v in _set_fields(sub_job) if n not in shown]
        for name, value in others:
            rows.append((field_label(name), value_text(value)))
        return rows


def _post_publish(sub: Any) -> list[Row]:
    rows: list[Row] = []
    for attr, label in (
        ("post_image_serving_publish_job", N_("then publish to Image Serving")),
        ("post_image_rendering_publish_job", N_("then publish to Image Rendering")),
        ("post_video_publish_job", N_("then publish video")),
    ):
        if getattr(sub, attr, None) is not None:
            rows.append((_("after"), Text(_(label), style="state.run", end="")))
    return rows


def _count_row(label: str, items: Any, noun: str = "", declared: int | None = None) -> Row:
    """A count row (``label`` an English msgid, ``noun`` translated); "not reported" (an absent or
    empty array, §10) is dimmed, never shown as 0."""
    reported = reported_count(items, declared) is not None
    return (_(label), Text(count_text(items, noun, declared), style="" if reported else "dim", end=""))


def _upload_urls(sub: m.UploadUrlsJob) -> list[Row]:
    return [_count_row(N_("URLs"), sub.url_array, _("to fetch"), sub.num_urls), *_post_publish(sub)]


def _count_of(attr: str, noun: str) -> Callable[[Any], list[Row]]:
    def extra(sub: Any) -> list[Row]:
        return [_count_row(noun, getattr(sub, attr, None)), *_post_publish(sub)]

    return extra


PUBLISH = ("context_handle", "email_setting", "http_completion_url")

REGISTRY: dict[type, SubJobView] = {
    m.ImageServingPublishJob: SubJobView(N_("Image Serving publish"), ("publish_type", *PUBLISH)),
    m.ImageRenderingPublishJob: SubJobView(N_("Image Rendering publish"), PUBLISH),
    m.VideoPublishJob: SubJobView(N_("Video publish"), PUBLISH),
    m.ServerDirectoryPublishJob: SubJobView(N_("Server directory publish"), ("email_setting", "http_completion_url")),
    m.MetadataPublishJob: SubJobView(N_("Metadata publish"), ("force_publish",)),
    m.UploadDirectoryJob: SubJobView(
        N_("Upload from directory"),
        ("server_dir", "dest_folder", "include_subfolders", "overwrite", "ready_for_publish", "email_setting"),
        _post_publish,
    ),
    m.UploadUrlsJob: SubJobView(
        N_("Upload from URLs"), ("url_array", "overwrite", "ready_for_publish", "email_setting"), _upload_urls
    ),
    m.UploadPostJob: SubJobView(N_("Upload (HTTP POST)"), ("overwrite", "ready_for_publish", "post_http_url", "email_setting")),
    m.OptimizeImagesJob: SubJobView(N_("Optimize images"), ("email_setting",)),
    m.RipPdfsJob: SubJobView(
        N_("Rip PDFs"), ("pdf_handle_array", "pdf_options", "create_mask", "email_setting"), _count_of("pdf_handle_array", N_("PDFs"))
    ),
    m.ReprocessAssetsJob: SubJobView(
        N_("Reprocess assets"),
        ("asset_handle_array", "ready_for_publish", "preserve_crop", "email_setting"),
        _count_of("asset_handle_array", N_("assets")),
    ),
    m.CreateVideoSitemapJob: SubJobView(N_("Create video sitemap"), ("force_update",)),
    m.ExportJob: SubJobView(
        N_("Export"), ("fmt", "is_modifier", "macro", "asset_handle_array", "email_setting"), _count_of("asset_handle_array", N_("assets"))
    ),
    m.AutomatedSetGenerationJob: SubJobView(
        N_("Automated set generation"),
        ("dest_folder", "asset_handle_array", "auto_set_creation_options", "ready_for_publish"),
        _count_of("asset_handle_array", N_("assets")),
    ),
}


def render_sub_job(sub_job: m.SubJob | None) -> tuple[str, list[Row]]:
    """``(title, rows)`` for the detail pane's sub-job section."""
    if sub_job is None:
        return _("Sub-job"), [("", Text(_("(none sent by the server)"), style="dim", end=""))]
    view = REGISTRY.get(type(sub_job))
    if view is not None:
        return f"{_(view.title)} ({m.sub_job_element(sub_job)})", view.rows(sub_job)
    return render_generic(sub_job)


def render_generic(sub_job: Any) -> tuple[str, list[Row]]:
    """An unknown sub-job: its element name, marked, and every field it carried."""
    if isinstance(sub_job, m.UnknownSubJob):
        title = f"{safe_str(sub_job.element)} ?" + _("(type unknown to this client)")
        rows: list[Row] = [(safe_str(name), value_text(value) if not isinstance(value, tuple) else record_text(value))
                           for name, value in sub_job.fields]
        return title, rows or [("", Text(_("(no fields)"), style="dim", end=""))]
    return f"{type(sub_job).__name__} ?", [(field_label(n), value_text(v)) for n, v in _set_fields(sub_job)]
