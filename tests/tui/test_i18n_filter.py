"""The filter accepts the words shown in the operator's language as well as the IPS words (issue 15):
``狀態:執行中`` and ``state:running`` find the same jobs."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from activejob_tui import i18n
from activejob_tui.model import jobs as m
from activejob_tui.model.enums import ActiveJobState, TriggerState
from activejob_tui.model.query import parse
from activejob_tui.tui import (
    columns,  # noqa: F401 - the console's words name fields too
    field_labels,  # noqa: F401
)

from .helpers import make_app, screen_of, settle

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
RUNNING = m.ActiveJob(job_handle="j|1", name="Spring", state=ActiveJobState("Running"), server_name="ips-a1",
                      progress=60, type="VideoPublish")
WAITING = m.ActiveJob(job_handle="j|2", name="Autumn", state=ActiveJobState("WaitingCoordinator"), progress=0,
                      type="Export")
NORMAL = m.ScheduledJob(job_handle="s|1", name="Nightly", trigger_state=TriggerState("Normal"))


@pytest.fixture
def zh_tw():
    i18n.set_language("zh_TW")
    yield
    i18n.set_language("en")


def found(expression: str, *jobs: object) -> list[str]:
    query = parse(expression)
    return [job.job_handle for job in jobs if query.matches(job, NOW)]  # type: ignore[attr-defined]


@pytest.mark.parametrize("expression", ["狀態:執行中", "state:running", "狀態:running", "state:執行中", "狀態=執行中",
                                        "STATE:Running", "工作控制代碼:j|1", "伺服器:ips-a", "進度>50", "類型:video",
                                        "!狀態:等待"])
def test_chinese_and_ips_words_find_the_running_job(zh_tw, expression):
    assert found(expression, RUNNING, WAITING) == ["j|1"]


def test_shown_words_of_other_values(zh_tw):
    assert found("狀態:等待協調", RUNNING, WAITING) == ["j|2"]  # WaitingCoordinator as shown: 等待協調…
    assert found("state:waitcoord", RUNNING, WAITING) == ["j|2"]  # the English shown word still works
    assert found("觸發狀態:已排程", NORMAL) == ["s|1"]  # the CLI's header and the trigger's shown word
    assert found("state:normal", NORMAL) == ["s|1"]


def test_in_english_a_chinese_field_is_a_word_and_the_english_words_work():
    assert found("狀態:執行中", RUNNING, WAITING) == []  # not a field in English: searched as text
    assert found("state:running", RUNNING, WAITING) == ["j|1"]
    assert found("state:WaitCoord", RUNNING, WAITING) == ["j|2"]


def test_the_console_words_name_fields_only_in_the_language_they_are_shown_in(zh_tw):
    assert found("提交者:ops", m.ActiveJob(job_handle="j|9", submit_user_email="ops@example.com")) == ["j|9"]
    assert found("PDF控制代碼:a|pdf|1", m.ActiveJob(job_handle="j|8", sub_job=m.RipPdfsJob(
        pdf_handle_array=("a|pdf|1",)))) == ["j|8"]
    assert found("不存在:1", RUNNING) == []  # no such field in this language: the term is text


async def test_the_console_filter_bar_takes_the_words_it_shows(zh_tw):
    app, _source = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot, app)
        screen = screen_of(app)
        table = screen.table

        async def shown(expression: str) -> list[str]:
            bar = screen.query_one("#filter-input")
            bar.value = expression
            await pilot.pause(0.4)
            return sorted(table.visible_keys())

        await pilot.press("slash")
        chinese = await shown("狀態:執行中")
        english = await shown("state:running")
        assert chinese == english and 0 < len(english) < len(screen.state.current)
        running = [key for key, job in screen.state.current.items() if job.state == ActiveJobState.RUNNING]
        assert chinese == sorted(running)
