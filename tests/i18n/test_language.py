"""Which language is chosen, and what an unknown one gives (issue 15: --lang, then the config's
lang, then LC_ALL, LC_MESSAGES, LANG; unknown → English with one notice)."""

from __future__ import annotations

import pytest

from activejob_tui import i18n
from activejob_tui.cli.entry import prescan_language
from activejob_tui.localized_argparse import localize_message


@pytest.mark.parametrize(
    ("flag", "config", "environ", "language", "source"),
    [
        ("zh_TW", "en", {"LANG": "en_US.UTF-8"}, "zh_TW", "--lang"),
        (None, "zh-TW", {"LC_ALL": "C"}, "zh_TW", "config"),
        (None, None, {"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, "zh_TW", "LC_ALL"),
        (None, None, {"LC_MESSAGES": "zh_HK.UTF-8", "LANG": "C"}, "zh_TW", "LC_MESSAGES"),
        (None, None, {"LANG": "zh_TW.Big5"}, "zh_TW", "LANG"),
        (None, None, {"LANG": "C.UTF-8"}, "en", "LANG"),
        (None, None, {"LC_ALL": "", "LANG": "zh_Hant_TW"}, "zh_TW", "LANG"),
        (None, None, {}, "en", "default"),
        ("en", None, {"LANG": "zh_TW.UTF-8"}, "en", "--lang"),
    ],
)
def test_the_first_source_that_is_set_decides(flag, config, environ, language, source):
    choice = i18n.resolve_language(flag, config, environ)
    assert (choice.language, choice.source, choice.notice) == (language, source, None)


@pytest.mark.parametrize(("flag", "config", "environ"), [("klingon", None, {}), (None, "fr", {"LANG": "zh_TW"}),
                                                         ("de", None, {"LANG": "de_DE.UTF-8"})])
def test_an_unknown_language_is_english_with_a_notice_naming_it(flag, config, environ):
    choice = i18n.resolve_language(flag, config, environ)
    assert choice.language == "en"
    asked = flag or config or environ["LANG"]
    assert choice.notice is not None and repr(asked) in choice.notice and choice.source in choice.notice


def test_prescan_finds_lang_in_both_spellings_and_not_after_the_double_dash():
    assert prescan_language(["jobs", "--lang", "zh_TW"]) == "zh_TW"
    assert prescan_language(["--lang=zh_TW", "jobs"]) == "zh_TW"
    assert prescan_language(["--lang=en", "--lang", "zh_TW"]) == "zh_TW"
    assert prescan_language(["logs", "--", "--lang", "zh_TW"]) is None
    assert prescan_language(["--lang"]) is None


def test_ips_locale_and_babel_locale_follow_the_language():
    i18n.set_language("zh_TW")
    assert (i18n.ips_locale(), i18n.babel_locale()) == ("zh-TW", "zh_Hant_TW")
    i18n.set_language("en")
    assert (i18n.ips_locale(), i18n.babel_locale()) == ("en-US", "en")


@pytest.mark.parametrize(("locale", "language"), [("zh-TW", "zh_TW"), ("zh-Hant", "zh_TW"), ("zh_HK", "zh_TW"),
                                                   ("zh-Hant-TW", "zh_TW"), ("en-US", "en"), ("fr-FR", "en"),
                                                   ("zh-CN", "en"), (None, "en"), ("pseudo", "en")])
def test_an_ips_locale_gives_the_sandbox_its_answer_language(locale, language):
    assert i18n.language_of_ips_locale(locale) == language


def test_argparse_sentences_are_translated_nested_and_with_their_values():
    i18n.set_language("zh_TW")
    text = localize_message("argument --view: invalid choice: 'x' (choose from 'active', 'logs')")
    assert text == "引數 --view：無效的選擇：'x'（請從 'active', 'logs' 中選擇）"
    assert localize_message("the following arguments are required: JOB_HANDLE") == "必須提供下列引數：JOB_HANDLE"
    assert localize_message("something argparse never says") == "something argparse never says"


def test_the_cli_uses_lang_then_config_then_environment(run_cli, plain_env, tmp_path):
    def help_of(*args, **env):
        return run_cli(*args, "--help", env={**plain_env, **env})

    assert "用法：" in help_of("--lang", "zh_TW", LANG="en_US.UTF-8").stdout
    assert "usage:" in help_of("--lang=en", LANG="zh_TW.UTF-8").stdout
    assert "用法：" in help_of(LC_ALL="zh_TW.UTF-8", LANG="C").stdout
    assert "usage:" in help_of(LC_ALL="C.UTF-8", LANG="zh_TW.UTF-8").stdout
    config = tmp_path / "lang.toml"
    config.write_text('lang = "zh_TW"\n')
    assert "用法：" in help_of(ACTIVEJOB_TUI_CONFIG=str(config), LANG="C.UTF-8").stdout
    assert "usage:" in help_of("--lang", "en", ACTIVEJOB_TUI_CONFIG=str(config)).stdout


def test_an_unknown_language_gives_english_and_one_notice_on_stderr(run_cli, plain_env):
    result = run_cli("--lang", "tlh", "jobs", "--help", env=plain_env)
    assert result.returncode == 0
    assert "usage:" in result.stdout
    notices = [line for line in result.stderr.splitlines() if "no translation" in line]
    assert notices == ["activejob-tui: no translation for language 'tlh' (from --lang); using English"]


def test_a_lang_that_is_not_a_string_is_a_config_error(run_cli, plain_env, tmp_path):
    config = tmp_path / "bad.toml"
    config.write_text("lang = 7\n")
    result = run_cli("jobs", env={**plain_env, "ACTIVEJOB_TUI_CONFIG": str(config), "LANG": "C.UTF-8"})
    assert result.returncode == 2
    assert "lang must be a language" in result.stderr
