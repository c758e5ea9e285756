"""Hostile text, odd data and every sub-job type: rendered literally, generically, never a crash."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import UTC, datetime

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from activejob_tui.model import jobs as m
from activejob_tui.model.enums import ActiveJobState, Severity, TaskState, TriggerState
from activejob_tui.poller import View
from activejob_tui.tui.columns import COLUMNS, RowContext
from activejob_tui.tui.subjob_views import REGISTRY, render_sub_job
from activejob_tui.tui.text import safe_str, safe_text
from activejob_tui.tui.theme import rich_theme
from activejob_tui.tui.widgets.detail_pane import render_job
from activejob_tui.tui.widgets.log_pane import LogEntry

from .fakes import NOW, SUB_JOBS, FakeSource, fixed_clock, make_active
from .helpers import make_app, screen_of, settle

HOSTILE = [
    "[bold red]markup[/bold red] [link=http://evil]x[/link]",
    "\x1b[31mred\x1b[0m \x1b]0;title\x07 \x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\",
    "\u202eevil\u202c \u2066iso\u2069 \u200fRLM",
    "bell\x07 back\x08 null\x00 del\x7f c1\x9b nl\nline cr\r tab\t",
    "日本語のジョブ名 🎬🎞️ 한국어",
    "y" * 10_000,
]


def plain(renderable) -> str:
    console = Console(width=200, record=True, color_system=None, legacy_windows=False, theme=rich_theme())
    console.print(renderable)
    return console.export_text()


@pytest.mark.parametrize("value", HOSTILE)
def test_safe_text_never_keeps_control_characters(value):
    shown = safe_str(value)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in shown)
    assert not any(c in shown for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    text = safe_text(value, width=30)
    assert text.cell_len <= 30
    assert isinstance(text, Text) and not text.spans  # no markup was interpreted


def test_markup_is_shown_literally():
    out = plain(safe_text("[bold red]markup[/bold red]"))
    assert "[bold red]markup[/bold red]" in out
    assert "\\x1b[31m" in safe_str("\x1b[31m")


def test_cjk_and_emoji_widths_are_kept_when_truncating():
    text = safe_text("日本語のジョブ名が長い", width=9)
    assert text.cell_len <= 9 and text.plain.endswith("…")


@pytest.mark.parametrize("cls", list(REGISTRY))
def test_every_sub_job_type_has_a_renderer(cls):
    assert len(REGISTRY) == 14 and set(REGISTRY) == set(m.SUB_JOB_TYPES.values())
    title, rows = render_sub_job(cls())  # every field absent, as a server may send it
    assert title.endswith(f" ({m.SUB_JOB_ELEMENTS[cls]})")
    assert plain(Text(title)).strip() == title  # drawn literally, on one line
    labels = [plain(label).strip() for label, _ in rows]  # a str, or a FieldLabel (translated + IPS name)
    assert labels and len(set(labels)) == len(labels) and all(label.strip() for label in labels)
    # each absent value as a marker: "—", or "not reported" for a list the server left out
    assert {plain(value).strip() for _, value in rows} <= {"—", "not reported"}, rows


@pytest.mark.parametrize("kind,sub", SUB_JOBS)
def test_sub_job_renderers_show_what_matters(kind, sub):
    title, rows = render_sub_job(sub)
    out = plain(render_job(m.ActiveJob(job_handle="j|1", name="n", sub_job=sub)))
    assert title.split(" (")[0] in out
    if isinstance(sub, m.UploadUrlsJob):
        assert "https://cdn.example.com/img/0.jpg" in out and "5 to fetch" in out
    if isinstance(sub, m.ExportJob):
        assert "convert" in out and "thumb" in out
    if isinstance(sub, m.RipPdfsJob):
        assert "Rasterize" in out and "a|pdf|1" in out
    if isinstance(sub, m.UploadDirectoryJob):
        assert "/ftp/incoming" in out and "then publish to Image Serving" in out


def test_unknown_sub_job_unknown_enums_and_missing_values_render_generically():
    job = m.ActiveJob(
        job_handle="j|x", name=None, state=ActiveJobState("Teleporting"), progress=250, total_size=-5,
        sub_job=m.UnknownSubJob(element="hologramPublishJob", fields=(("beam", "on"), ("opts", (("a", "1"),)))),
        task_progress_array=(m.TaskProgress(task_type=None, task_state=TaskState("Levitating"), progress=None),),
    )
    out = plain(render_job(job))
    assert "hologramPublishJob" in out and "unknown" in out and "beam" in out
    assert "Teleporting" in out and "?" in out
    assert "-5 B?" in out
    assert "250%?" in out
    assert "(unnamed job)" in out
    scheduled = m.ScheduledJob(job_handle="s|1", trigger_state=TriggerState("Hibernating"), sub_job=None)
    out = plain(render_job(scheduled))
    assert "Hibernating" in out and "none sent by the server" in out
    log = m.JobLog(job_handle="l|1")
    assert "Unknown" in plain(render_job(log))


def view_copy(job):
    return replace(job)


@pytest.mark.parametrize("view", list(View))
def test_every_cell_of_an_empty_job_renders(view):
    empty = {View.ACTIVE: m.ActiveJob(), View.SCHEDULED: m.ScheduledJob(), View.FINISHED: m.JobLog()}[view]
    ctx = RowContext(clock=fixed_clock())
    markers = {"mark": "", "state": {View.ACTIVE: "· —", View.SCHEDULED: "· —", View.FINISHED: "? Unknown"}[view]}
    for column in COLUMNS[view]:
        shown = plain(column.cell(empty, "k", ctx, column.width))
        assert shown.endswith("\n") and "\n" not in shown[:-1], (column.key, shown)  # one line
        assert cell_len(shown[:-1].rstrip()) <= column.width, (column.key, shown)  # within its column
        assert shown.strip() == markers.get(column.key, "—"), (column.key, shown)  # the marker of a missing value
        if column.sort is not None:
            assert column.sort(empty) == column.sort(view_copy(empty)), column.key  # a stable key, no error


def test_detail_shows_local_time_with_offset():
    out = plain(render_job(m.ActiveJob(start_date=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC))))
    assert "2026-01-02 03:04:05 +00:00" in out


def test_log_lines_are_single_safe_lines():
    entry = LogEntry.of(NOW, Severity.ERROR, "multi\nline \x1b[2J clear")
    line = entry.line()
    assert "\n" not in line and "\x1b" not in line and "\\x1b[2J" in line


async def test_hostile_names_keep_the_table_layout():
    jobs = make_active(len(HOSTILE))
    jobs = [m.ActiveJob(**{f.name: getattr(j, f.name) for f in fields(j)} | {"name": name, "server_name": name})
            for j, name in zip(jobs, HOSTILE)]
    app, source = make_app(FakeSource(jobs))
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot, app)
        table = screen_of(app).table
        assert table.row_count == len(HOSTILE)
        for key in table.visible_keys():
            cell = table.get_cell(key, "name").content  # FixedCell: the drawn Text inside
            assert isinstance(cell, Text) and cell.cell_len <= 25 and "\x1b" not in cell.plain
        widths = {c.key: c.width for c in table.columns.values()}
        assert widths[next(iter(widths))] == 1  # fixed widths, not measured from content
        screen_text = app.export_screenshot()
        assert "\x1b" not in screen_text and "\u202e" not in screen_text


def test_detail_grid_with_translated_and_untranslated_labels():
    """A field without a translated label beside translated ones (another language, an unknown field):
    its IPS name in the label column, nothing lost, no crash (mypy found Text(None) here)."""
    from activejob_tui.tui.field_labels import FieldLabel
    from activejob_tui.tui.widgets.detail_pane import _grid

    lines = plain(_grid([(FieldLabel("工作控制代碼", "jobHandle"), Text("j|1")),
                         (FieldLabel(None, "futureField"), Text("x"))])).splitlines()
    assert lines[0].split() == ["工作控制代碼", "jobHandle", "j|1"]
    assert lines[1].split() == ["futureField", "x"]
