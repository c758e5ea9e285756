"""The "no translation" notice is for a language the operator asked for (--lang, the config file's
lang), not for the machine's own LANG/LC_*: a script on a French machine gets no stderr noise."""

from __future__ import annotations

import pytest

from activejob_tui import i18n

QUIET_ENVIRONMENTS = [{"LANG": "fr_FR.UTF-8"}, {"LC_ALL": "de_DE.UTF-8"}, {"LC_MESSAGES": "ja_JP.UTF-8", "LANG": "C"}]


@pytest.mark.parametrize("environ", QUIET_ENVIRONMENTS, ids=["LANG", "LC_ALL", "LC_MESSAGES"])
def test_a_language_from_the_environment_without_a_catalog_is_english_without_a_notice(environ):
    choice = i18n.resolve_language(None, None, environ)
    assert (choice.language, choice.notice) == ("en", None)  # the console's toast is this notice: none either


@pytest.mark.parametrize(("flag", "config", "source"), [("fr", None, "--lang"), (None, "fr_FR", "config")])
def test_a_language_asked_for_without_a_catalog_still_gets_its_notice(flag, config, source):
    choice = i18n.resolve_language(flag, config, {"LANG": "fr_FR.UTF-8"})
    assert choice.language == "en"
    assert choice.notice == f"no translation for language {flag or config!r} (from {source}); using English"


@pytest.mark.parametrize("argv", [["completion", "bash"], ["jobs", "--help"], ["jobs", "--limit", "0"]],
                         ids=["command", "help", "usage-error"])
def test_the_cli_on_a_french_machine_says_nothing_about_the_language(run_cli, isolated_env, argv):
    result = run_cli(*argv, env={**isolated_env, "LANG": "fr_FR.UTF-8"}, timeout=30)
    assert "no translation" not in result.stderr, result.stderr
    if argv[0] != "jobs" or "--help" in argv:
        assert result.returncode == 0 and result.stderr == "", result.stderr


def test_the_cli_still_tells_when_the_config_asks_for_an_unknown_language(run_cli, isolated_env, tmp_path):
    config = tmp_path / "lang.toml"
    config.write_text('lang = "fr"\n', encoding="utf-8")
    result = run_cli("completion", "bash", env={**isolated_env, "LANG": "C.UTF-8", "ACTIVEJOB_TUI_CONFIG": str(config)},
                     timeout=30)
    assert result.returncode == 0
    assert result.stderr.splitlines() == ["activejob-tui: no translation for language 'fr' (from config); using English"]
