"""The filter speaks the language shown (issue 15): ``狀態:執行中`` and ``state:running`` both work
under zh_TW, its errors are Chinese, and English behaves exactly as before."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from activejob_tui import i18n
from activejob_tui.model.enums import ActiveJobState, TriggerState
from activejob_tui.model.jobs import ActiveJob, ScheduledJob
from activejob_tui.model.query import QueryError, parse

NOW = datetime(2026, 11, 30, tzinfo=UTC)
RUNNING = ActiveJob(name="Spring sale", state=ActiveJobState.RUNNING, progress=42.0)
NEW = ActiveJob(name="狀態:執行中 report", state=ActiveJobState.NEW, progress=0.0)
NORMAL = ScheduledJob(name="Nightly", trigger_state=TriggerState.NORMAL)


def matches(expr: str, *jobs) -> list:
    query = parse(expr)
    return [job for job in jobs if query.matches(job, NOW)]


def test_shown_words_and_field_names_of_zh_tw_filter_like_the_ips_ones():
    i18n.set_language("zh_TW")
    assert matches("狀態:執行中", RUNNING, NEW) == [RUNNING]
    assert matches("state:running", RUNNING, NEW) == [RUNNING]
    assert matches("state:執行中", RUNNING, NEW) == [RUNNING]
    assert matches("進度>30", RUNNING, NEW) == [RUNNING]
    assert matches("狀態=已排程", NORMAL) == [NORMAL]
    assert matches("狀態:scheduled", NORMAL) == [NORMAL]  # the English shown word still works


def test_in_english_the_chinese_words_are_only_text():
    i18n.set_language("en")
    assert matches("狀態:執行中", RUNNING, NEW) == [NEW]  # a bare word, found in the name
    assert matches("state:waitclient", ActiveJob(state=ActiveJobState.WAITING_CLIENT)) != []


def test_filter_errors_are_in_the_language_shown():
    i18n.set_language("zh_TW")
    with pytest.raises(QueryError) as caught:
        parse("progress>lots")
    assert "需要數字" in str(caught.value) and "progress" in str(caught.value)
    i18n.set_language("en")
    with pytest.raises(QueryError) as caught:
        parse("progress>lots")
    assert "needs a number" in str(caught.value)
