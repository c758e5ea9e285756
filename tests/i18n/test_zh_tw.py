"""Traditional Chinese end to end: the sandbox answers in the locale it receives, the CLI in the
operator's language, times and sizes through Babel's zh_Hant_TW data (issue 15)."""

from __future__ import annotations

import asyncio
import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from cli.conftest import connect_args

from activejob_tui import i18n
from activejob_tui.ips.client import ClientSettings, IpsClient
from activejob_tui.model import humanize
from activejob_tui.sandbox import messages

CJK = re.compile(r"[\u4e00-\u9fff]")


def _read(sandbox, locale: str, handle: str):
    async def go():
        client = await IpsClient.open(ClientSettings(wsdl=sandbox.wsdl_url_2016, user="demo@example.com",
                                                     password="demo-password", company_name="Demo Company",
                                                     locale=locale))
        try:
            return await client.job_log_details(handle, page=1), await client.active_jobs()
        finally:
            await client.close()

    return asyncio.run(go())


def test_the_sandbox_answers_a_zh_tw_client_in_traditional_chinese(sandbox, handles):
    page, active = _read(sandbox, "zh-TW", handles["finished"])
    texts = [d.log_message or "" for d in page.details]
    made = [t for t in texts if CJK.search(t)]
    assert len(made) >= len(texts) - 3  # the original name, the type and the file count are data
    assert any(t.endswith(" 已開始") for t in texts)
    progress = [j.progress_message for j in active if j.progress_message]
    assert progress and all(CJK.search(p) for p in progress)


def test_the_sandbox_answers_an_en_us_client_in_english(sandbox, handles):
    page, active = _read(sandbox, "en-US", handles["finished"])
    texts = [d.log_message or "" for d in page.details]
    assert texts and not any(CJK.search(t) for t in texts)
    assert any(t.endswith(" has begun") for t in texts)
    assert not any(CJK.search(j.progress_message or "") for j in active)


@pytest.mark.parametrize(("locale", "accept", "language"), [
    ("zh-Hant", None, "zh_TW"), (None, "zh-TW,zh;q=0.9,en;q=0.5", "zh_TW"), (None, "fr-FR", "en"),
    ("en-US", "zh-TW", "en"), (None, None, "en")])
def test_the_answer_language_is_the_locale_then_accept_language_then_english(locale, accept, language):
    assert messages.language_for(locale, accept) == language


def test_every_stored_message_kind_comes_back_in_chinese():
    samples = [messages.BEGUN.format(name="Spring | sale"), messages.PROCESSED.format(asset="img_00001.jpg"),
               messages.ASSET_PROBLEM.format(asset="a.tif", problem=messages.ERRORS[0]),
               messages.CANCELLED.format(processed=3, files=9), messages.FATAL.format(processed=3, files=9)]
    for sample in samples:
        assert CJK.search(messages.localize(sample, "zh_TW")), sample
        assert messages.localize(sample, "en") == sample
    unknown = "a.tif: some problem the sandbox never wrote"
    assert messages.localize(unknown, "zh_TW") == unknown


def test_humanized_values_in_zh_tw_and_english_unchanged():
    now = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    i18n.set_language("zh_TW")
    assert humanize.ago(now - timedelta(minutes=3, seconds=5), now) == "3 分鐘前"
    assert humanize.ago(now + timedelta(hours=2), now) == "2 小時後"
    assert humanize.ago(now - timedelta(days=45), now) == "45 天前"
    assert humanize.ago(now, now) == "剛剛"
    assert humanize.duration(130) == "2 分 10 秒"
    assert humanize.size(1288490189) == "1.2 GB"
    assert humanize.count([1] * 1234, "") == "1,234"
    assert humanize.count(None) == "未回報"
    i18n.set_language("en")
    assert humanize.ago(now - timedelta(minutes=3, seconds=5), now) == "3 min ago"
    assert humanize.duration(130) == "2m 10s"
    assert humanize.count(None) == "not reported"


def test_zh_tw_jobs_end_to_end(run_cli, plain_env, sandbox):
    env = {**plain_env, "LANG": "zh_TW.UTF-8"}
    table = run_cli("jobs", *connect_args(sandbox), env=env)
    assert table.returncode == 0, table.stderr
    header = table.stdout.splitlines()[0].split()
    assert header[:4] == ["狀態", "名稱", "類型", "進度"] and header[-1] == "控制代碼"
    assert "執行中" in table.stdout
    data = run_cli("jobs", "-o", "json", *connect_args(sandbox), env=env)
    jobs = json.loads(data.stdout)
    assert jobs and {"jobHandle", "state"} <= set(jobs[0]) and {j["state"] for j in jobs} & {"Running", "New"}
    helped = run_cli("--help", env=env).stdout
    assert "用法：" in helped and "作用中" in helped and "結束代碼：" in helped
    wrong = run_cli("jobs", "--limit", "0", env=env)
    assert wrong.returncode == 2 and "錯誤：引數 --limit：必須至少為 1" in wrong.stderr

