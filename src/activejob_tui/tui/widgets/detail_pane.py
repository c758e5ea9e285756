"""The detail pane: every field of the selected job, its tasks and its sub-job."""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime
from typing import Any, ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...i18n import N_, _
from ...model import humanize
from ...model.enums import ActiveJobState, TriggerState
from ...model.jobs import ActiveJob, JobLog, ScheduledJob, TaskProgress
from .. import display as fmt
from .. import states
from ..field_labels import FieldLabel
from ..field_labels import label as field_label
from ..subjob_views import Row, render_sub_job, value_text
from ..text import safe_text

_SKIP = {"sub_job", "task_progress_array", "detail_array"}


def field_value(name: str, value: Any) -> RenderableType:
    if value is None:
        return Text("—", style="dim", end="")
    if isinstance(value, datetime):
        return Text(fmt.local(value), end="")
    if isinstance(value, ActiveJobState):
        return states.active_state(value)
    if isinstance(value, TriggerState):
        return states.trigger_state(value)
    if name == "total_size" and isinstance(value, int):
        return Text(_("{size} ({bytes} bytes)").format(size=fmt.size(value), bytes=f"{value:,}"), end="")
    if name == "progress" and isinstance(value, (int, float)):
        return fmt.progress_bar(value, width=20)
    return value_text(value)


def _grid(rows: list[Row]) -> Table:
    """Label, value — or, when a label is translated, label, IPS name (dim), value: the IPS names
    line up in a column of their own (operators search Adobe's documentation by them)."""
    grid = Table.grid(padding=(0, 1), expand=False)
    grid.add_column(style="detail.label", no_wrap=True)
    both = any(isinstance(label, FieldLabel) and label.local is not None for label, _value in rows)
    if both:
        grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in rows:
        if isinstance(label, FieldLabel):
            if not both:
                cells = [label.__rich__()]
            elif label.local is None:  # no translated label: the IPS name in the first column
                cells = [Text(label.ips, end=""), Text("", end="")]
            else:
                cells = [Text(label.local, end=""), Text(label.ips, end="")]
        else:
            cells = [Text(label, end="")] + ([Text("", end="")] if both else [])
        grid.add_row(*cells, value)
    return grid


def _heading(title: str) -> Text:
    return Text(f"\n{title}", style="detail.heading")


def task_rows(tasks: tuple[TaskProgress, ...]) -> list[Row]:
    rows: list[Row] = []
    for task in tasks:
        line = Text(end="")
        line.append_text(fmt.progress_bar(task.progress * 100 if task.progress is not None else None, width=16))
        line.append("  ")
        line.append_text(states.task_state(task.task_state))
        counts = [_(w).format(count=n) for n, w in ((task.num_processed, N_("{count} done")),
                                                    (task.num_processing, N_("{count} running")),
                                                    (task.num_pending, N_("{count} pending"))) if n is not None]
        if counts:
            line.append("  " + _(", ").join(counts), style="dim")
        if task.progress_message:
            line.append("\n")
            line.append_text(safe_text(task.progress_message))
        for item in task.task_item_progress_array or ():
            line.append("\n  ")
            line.append_text(fmt.progress_bar(item.progress * 100 if item.progress is not None else None, width=8))
            line.append(" ")
            line.append_text(safe_text(item.item_name))
        rows.append((safe_text(task.task_type or _("task")).plain, line))
    return rows


def render_job(job: Any) -> RenderableType:
    """Everything about ``job`` as one renderable (no markup anywhere: server text is data)."""
    if job is None:
        return Text(_("No job selected."), style="dim", end="")
    name = getattr(job, "name", None) if not isinstance(job, JobLog) else job.job_name
    title = safe_text(name or _("(unnamed job)"), "detail.title")
    title.end = "\n"
    parts: list[RenderableType] = [title]
    if isinstance(job, JobLog):
        badge = states.outcome(job.outcome)
        parts.append(Text.assemble(_("Outcome") + " ", badge))
    rows: list[Row] = []
    for f in fields(job):
        if f.name in _SKIP:
            continue
        rows.append((field_label(f.name), field_value(f.name, getattr(job, f.name))))
    if isinstance(job, JobLog) and job.start_date and job.end_date:
        rows.append((_("duration"), Text(fmt.duration((job.end_date - job.start_date).total_seconds()), end="")))
    parts.append(_grid(rows))
    if isinstance(job, ActiveJob):
        tasks = job.task_progress_array
        parts.append(_heading(_("Tasks ({count})").format(count=humanize.count(tasks))))  # an empty array is unknown (§10)
        if tasks:
            parts.append(_grid(task_rows(tasks)))
        else:
            parts.append(Text(_("(no task progress reported)"), style="dim"))
    if isinstance(job, (ActiveJob, ScheduledJob)):
        sub_title, sub_rows = render_sub_job(job.sub_job)
        parts.append(_heading(sub_title))
        parts.append(_grid(sub_rows))
    return Group(*parts)


class DetailPane(VerticalScroll, can_focus=True):
    """Scrollable detail of the selected job."""

    ALLOW_MAXIMIZE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "scroll_up", N_("Up"), show=False, id="detail.up"),
        Binding("down,j", "scroll_down", N_("Down"), show=False, id="detail.down"),
        Binding("g,home", "scroll_home", N_("Top"), show=False, id="detail.top"),
        Binding("G,end", "scroll_end", N_("Bottom"), show=False, id="detail.bottom"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.job: Any = None
        self._body = Static(Text(_("Waiting for data…"), style="dim"), id="detail-body")

    def compose(self) -> ComposeResult:
        yield self._body

    def show(self, job: Any) -> None:
        """Show ``job`` (or nothing); cheap to call with the same job again."""
        if job is self.job and job is not None:
            return
        same = job is not None and self.job is not None and getattr(job, "job_handle", None) == getattr(self.job, "job_handle", None)
        self.job = job
        body = self._body
        width = body.content_size.width if body.is_mounted else 0
        if not width:
            body.update(render_job(job))
        else:
            # A layout pass of the whole screen (~30 ms at 10,000 jobs: the poll-apply p95 in
            # benchmarks/ui.py when the selected job changed) only when the body's height changed.
            height = body.content_size.height
            body.update(render_job(job), layout=False)
            body.clear_cached_dimensions()
            if body.get_content_height(self.content_size, self.app.size, width) != height:
                body.refresh(layout=True)
        if not same:
            self.scroll_home(animate=False)
