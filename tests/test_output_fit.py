"""The CLI's table fitted to a terminal's width (``output.render(fit_width=)``, ``output_fit``): names
cut first with an ellipsis, then the least needed columns dropped, the jobHandle never cut, cells
measured in terminal cells (CJK double); without a width (piped) every line as it always was."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from activejob_tui import output
from activejob_tui.model.enums import ActiveJobState
from activejob_tui.model.jobs import ActiveJob
from activejob_tui.model.text import cell_width

NOW = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


def _job(n: int, name: str, **kw) -> ActiveJob:
    return ActiveJob(job_handle=f"j|1||{name}|{n}", name=name, type="ImageServingPublish", state=ActiveJobState("Running"),
                     server_name="ips-sandbox-a2", start_date=NOW - timedelta(minutes=5), last_progress_update=NOW,
                     total_size=530 * 1024 * 1024, progress=22, progress_message="Publishing renditions",
                     submit_user_email="ops@example.com", **kw)


JOBS = [_job(1, "Nightly image publish"), _job(2, "Quarterly catalogue re-publish, all storefronts"),
        _job(3, "夜間影像發佈：春季型錄的每一張圖")]


def _headers(text: str) -> list[str]:
    return text.splitlines()[0].split()


@pytest.mark.parametrize("fmt", ["table", "wide"])
@pytest.mark.parametrize("width", [160, 120, 100, 80])
def test_every_line_fits_and_every_handle_is_whole(fmt, width):
    text = output.render(JOBS, ActiveJob, fmt, NOW, fit_width=width)
    lines = text.splitlines()
    assert len(lines) == 1 + len(JOBS)
    assert all(cell_width(line) <= width for line in lines), [cell_width(line) for line in lines]
    for job, line in zip(JOBS, lines[1:], strict=True):
        assert line.endswith(job.job_handle)  # whole, and last: what an operator copies into stop
    assert _headers(text)[0] == "STATE" and "NAME" in _headers(text)


def test_names_are_cut_before_any_column_goes():
    whole = output.render(JOBS, ActiveJob, "table", NOW)
    wide_enough = max(cell_width(line) for line in whole.splitlines())
    fitted = output.render(JOBS, ActiveJob, "table", NOW, fit_width=wide_enough - 10)
    assert _headers(fitted) == _headers(whole)  # the same columns
    assert "Quarterly catalogue re-pub" in fitted and "…" in fitted
    assert "j|1||Quarterly catalogue re-publish, all storefronts|2" in fitted


def test_the_least_needed_columns_go_first():
    seen = []
    for width in range(160, 40, -4):
        seen.append(tuple(_headers(output.render(JOBS, ActiveJob, "table", NOW, fit_width=width))))
    dropped_order = []
    for before, after in itertools.pairwise(seen):
        dropped_order.extend(h for h in before if h not in after)
    assert dropped_order == ["SIZE", "STARTED", "SERVER", "TYPE", "UPDATED", "PROGRESS"]
    assert seen[-1] == ("STATE", "NAME", "HANDLE")  # never dropped


def test_the_wide_table_keeps_its_message_before_size_and_start():
    headers = _headers(output.render(JOBS, ActiveJob, "wide", NOW, fit_width=160))
    assert "MESSAGE" in headers and "SIZE" not in headers and headers[-1] == "HANDLE"


def test_chinese_names_are_cut_in_terminal_cells():
    text = output.render(JOBS[2:], ActiveJob, "table", NOW, fit_width=80)
    name_cell = text.splitlines()[1].split("  ")[1]
    assert name_cell.endswith("…") and name_cell.startswith("夜間影像")
    assert all(cell_width(line) <= 80 for line in text.splitlines())


def test_a_handle_wider_than_the_terminal_is_never_cut():
    job = _job(4, "x" * 70)
    text = output.render([job], ActiveJob, "table", NOW, fit_width=60)
    assert text.splitlines()[1].endswith(job.job_handle)  # the line wraps on the terminal rather than cut it
    assert text.splitlines()[1].split("  ")[1] == "x" * 11 + "…"  # the name no shorter than it need be
    assert _headers(text) == ["STATE", "NAME", "HANDLE"]


def test_as_a_last_resort_names_shrink_to_their_header_rather_than_a_line_wrap():
    job = _job(5, "y" * 50)  # a 57-cell handle: STATE, 12 cells of NAME and it make 80
    text = output.render([job], ActiveJob, "table", NOW, fit_width=72)
    assert all(cell_width(line) <= 72 for line in text.splitlines())
    assert text.splitlines()[1].endswith(job.job_handle) and "yyy…" in text


def test_chosen_columns_are_cut_but_never_dropped():
    text = output.render(JOBS, ActiveJob, "table", NOW, columns=["name", "totalSize", "jobHandle"], fit_width=70)
    assert _headers(text) == ["NAME", "SIZE", "HANDLE"]
    assert "530 MB" in text and "…" in text


@pytest.mark.parametrize("fmt", ["table", "wide"])
def test_without_a_width_every_line_is_as_before(fmt):
    """Piped or redirected: no width, so exactly the old table (scripts read it)."""
    columns = output.select(ActiveJob, None, wide=fmt == "wide")
    old = output.table(JOBS, columns, NOW, truncated=False)
    assert output.render(JOBS, ActiveJob, fmt, NOW, truncated=False) == old
    assert "Quarterly catalogue re-publish, all storefronts  " in old  # whole
