"""One severity table on the enum: rank and symbol for every member, the CLI's filter reads it."""

from __future__ import annotations

from activejob_tui.cli.listing import by_severity
from activejob_tui.model.enums import Severity
from activejob_tui.model.jobs import JobLogDetail


def test_every_severity_has_a_rank_and_a_distinct_symbol():
    assert [s.rank for s in (Severity.INFO, Severity.SUCCESS, Severity.WARNING, Severity.ERROR)] == [0, 1, 2, 3]
    assert Severity.UNKNOWN.rank == 0
    symbols = [s.symbol for s in Severity]
    assert len(set(symbols)) == len(symbols) and all(len(s) == 1 for s in symbols)


def test_an_unrecognized_severity_ranks_lowest():
    odd = Severity("shouting")
    assert not odd.recognized and odd.rank == 0 and odd.symbol == "?"


def test_the_cli_filter_keeps_this_severity_or_worse():
    rows = [JobLogDetail(log_type=t) for t in ("UploadInfo", "PublishSuccess", "FileWarning", "FileError", None)]
    assert [r.log_type for r in by_severity(rows, "warning")] == ["FileWarning", "FileError"]
    assert [r.log_type for r in by_severity(rows, "success")] == ["PublishSuccess", "FileWarning", "FileError"]
    assert by_severity(rows, "info") == rows and by_severity(rows, None) == rows
