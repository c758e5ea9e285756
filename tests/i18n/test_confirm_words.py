"""The confirmation in zh_TW: the letters stay y/N; y, yes and 是 confirm; 否 and anything else do not
(docs/DECISIONS.md, "Languages")."""

from __future__ import annotations

import os
import pty
import sys

import pytest

from activejob_tui import i18n
from activejob_tui.cli.subcommands import _confirm


def _answer(typed: str, monkeypatch) -> bool:
    master, slave = pty.openpty()
    try:
        with os.fdopen(slave, "r", closefd=False) as terminal:
            monkeypatch.setattr(sys, "stdin", terminal)
            os.write(master, typed.encode())
            return _confirm("要停止這 1 個工作嗎？")
    finally:
        os.close(master)
        os.close(slave)


@pytest.mark.parametrize(("typed", "confirmed"), [("是\n", True), ("y\n", True), ("YES\n", True), ("否\n", False),
                                                  ("\n", False), ("好\n", False)])
def test_zh_tw_answers(typed, confirmed, monkeypatch, capsys):
    i18n.set_language("zh_TW")
    assert _answer(typed, monkeypatch) is confirmed
    assert capsys.readouterr().out.startswith("要停止這 1 個工作嗎？ [y/N] ")


def test_in_english_the_chinese_yes_is_not_yes(monkeypatch):
    i18n.set_language("en")
    assert _answer("是\n", monkeypatch) is False
