"""The log pane's lines (src/activejob_tui/tui/widgets/log_lines.py): the symbol and the level
filter come from the one severity table (``Severity.symbol``/``.rank``), the columns stay put, and
each severity's column gets its state colour."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from rich.text import Text

from activejob_tui.model.enums import SEVERITY_TABLE, Severity
from activejob_tui.tui.widgets.log_lines import LEVELS, SEV_AT, SEV_W, LogEntry, LogHighlighter

AT = datetime(2026, 5, 4, 3, 2, 1, tzinfo=UTC)
UNLISTED = Severity("critical")  # a value this client does not know (a pseudo-member)
TYPE_AT = SEV_AT + SEV_W + 2  # where the log type starts in English: two spaces after the severity column


@pytest.mark.parametrize(("severity", "symbol"), [(Severity.INFO, "·"), (Severity.SUCCESS, "✓"),
                                                  (Severity.WARNING, "!"), (Severity.ERROR, "✗"),
                                                  (Severity.UNKNOWN, "?"), (UNLISTED, "?")])
def test_a_line_has_its_severitys_symbol_and_word_in_fixed_columns(severity: Severity, symbol: str) -> None:
    line = LogEntry.of(AT, severity, "Uploaded a.jpg", log_type="UploadSuccess").line()
    assert line[SEV_AT] == symbol
    word = str(severity) if severity.recognized else "unknown"
    assert line[SEV_AT + 2:SEV_AT + SEV_W].rstrip() == word
    assert line[TYPE_AT:].startswith("UploadSuccess")
    assert line.endswith("  Uploaded a.jpg")


def test_the_symbols_are_the_enums_table() -> None:
    assert {s.value: LogEntry.of(AT, s, "m").line()[SEV_AT] for s in Severity} == {
        value: symbol for value, (_, symbol) in SEVERITY_TABLE.items()}


@pytest.mark.parametrize(("level", "shown"), [
    ("all", {"info", "success", "warning", "error", "unknown", "critical"}),
    ("warnings", {"warning", "error"}),
    ("errors", {"error"}),
])
def test_each_level_shows_its_severity_or_worse(level: str, shown: set[str]) -> None:
    assert level in LEVELS
    entries = [LogEntry.of(AT, s, "m") for s in (*Severity, UNLISTED)]
    assert {str(e.severity) for e in entries if e.shown_at(level)} == shown


def test_a_saved_line_has_the_full_date_and_no_symbol() -> None:
    saved = LogEntry.of(AT, Severity.WARNING, "late", log_type="UploadWarning").saved_line()
    assert saved.startswith("2026-05-04T03:02:01+00:00  warning  UploadWarning")
    assert saved.endswith("  late") and "!" not in saved


@pytest.mark.parametrize(("severity", "style"), [(Severity.INFO, "state.idle"), (Severity.SUCCESS, "state.ok"),
                                                 (Severity.WARNING, "state.warn"), (Severity.ERROR, "state.bad"),
                                                 (Severity.UNKNOWN, "state.muted")])
def test_the_highlighter_colours_the_severity_column_by_its_symbol(severity: Severity, style: str) -> None:
    text = Text(LogEntry.of(AT, severity, "a message with ✗ and ! inside").line())
    LogHighlighter().highlight(text)
    styles = {str(span.style) for span in text.spans if span.start == SEV_AT and span.end == SEV_AT + SEV_W}
    assert styles == {style}
    message_at = text.plain.index("a message")
    assert not any(span.end > message_at for span in text.spans)  # the message keeps its own text


def test_the_message_starts_in_the_same_cell_whatever_the_log_type() -> None:
    """A log type longer than its column pushed the message right (``ImageServingPublishSuccess`` next to
    ``EndImageServingPublish``); a double-width type or word took fewer characters than cells."""
    from rich.cells import cell_len

    types = ["UploadSuccess", "ImageServingPublishSuccess", "EndImageServingPublish", "",
             "EndImageRenderingPublishCleanupFailure", "上傳成功上傳成功上傳成功", "Progress"]
    starts = set()
    for log_type in types:
        for severity in (Severity.SUCCESS, Severity.WARNING, UNLISTED):
            line = LogEntry.of(AT, severity, "the message", log_type=log_type).line()
            starts.add(cell_len(line[:line.index("the message")]))
    assert len(starts) == 1, starts


def test_a_long_log_type_is_cut_in_the_middle_keeping_its_last_word() -> None:
    from activejob_tui.tui.widgets.log_lines import TYPE_W, type_column

    assert type_column("ImageServingPublishSuccess") == "ImageServing…Success"
    assert type_column("EndImageRenderingPublishCleanupFailure").endswith("…Failure")
    assert type_column("UploadSuccess") == "UploadSuccess".ljust(TYPE_W)
    assert type_column("x" * 40) == "x" * ((TYPE_W - 1) - (TYPE_W - 1) // 2) + "…" + "x" * ((TYPE_W - 1) // 2)
