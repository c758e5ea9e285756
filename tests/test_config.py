"""config.resolve and the config file: flags > environment > profile > defaults, and every error path
in operator words (unknown profile or key, bad TOML, missing user or password, the password prompt)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from activejob_tui.config import Options, load_config_file, resolve
from activejob_tui.config_error import ConfigError


def write(tmp_path: Path, text: str, mode: int = 0o600) -> dict[str, str]:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return {"ACTIVEJOB_TUI_CONFIG": str(path)}


def no_prompt(question: str) -> str:
    raise AssertionError(f"asked {question!r} although a password was configured")


def test_no_config_file_and_no_wsdl_is_the_embedded_sandbox(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # the default location, with nothing there
    resolved = resolve(Options(), {}, no_prompt)
    assert resolved.client is None
    assert resolved.poll_interval == 2.0 and resolved.readonly is False and resolved.keymap == {}


def test_flags_beat_environment_beat_profile(tmp_path) -> None:
    env = write(tmp_path, 'default_profile = "emea"\nreadonly = true\npoll_interval = 5\n'
                '[profiles.emea]\nwsdl = "https://p.example/w"\nuser = "profile-user"\npassword = "s3cret-pw"\n'
                'company = "Profile Co"\ntimeout = 7\nlocale = "de-DE"\n[keymap]\nstop = "ctrl+k"\n')
    from_profile = resolve(Options(), env, no_prompt)
    assert from_profile.client is not None
    assert (from_profile.client.wsdl, from_profile.client.user, from_profile.client.password) == (
        "https://p.example/w", "profile-user", "s3cret-pw")
    assert from_profile.client.company_name == "Profile Co" and from_profile.client.timeout == 7.0
    assert from_profile.client.locale == "de-DE"
    assert from_profile.readonly is True and from_profile.poll_interval == 5.0
    assert from_profile.keymap == {"stop": "ctrl+k"}
    with_env = resolve(Options(), {**env, "IPS_USER": "env-user", "IPS_PASSWORD": "ep"}, no_prompt)
    assert (with_env.client.user, with_env.client.password) == ("env-user", "ep")
    with_flag = resolve(Options(user="flag-user", timeout=3, poll_interval=1.5), {**env, "IPS_USER": "env-user"},
                        no_prompt)
    assert with_flag.client.user == "flag-user" and with_flag.client.timeout == 3.0
    assert with_flag.poll_interval == 1.5
    assert "s3cret-pw" not in repr(with_flag)  # the password never shows in a repr


def test_an_unknown_profile_names_the_known_ones(tmp_path) -> None:
    env = write(tmp_path, '[profiles.emea]\nuser = "u"\n[profiles.apac]\nuser = "v"\n')
    with pytest.raises(ConfigError) as caught:
        resolve(Options(profile="amer"), env, no_prompt)
    assert str(caught.value) == f"No profile 'amer' in {env['ACTIVEJOB_TUI_CONFIG']} (profiles: apac, emea)."
    empty = write(tmp_path, "readonly = false\n")
    with pytest.raises(ConfigError, match=r"\(profiles: none\)\.$"):
        resolve(Options(profile="amer"), empty, no_prompt)


def test_an_unknown_key_in_a_profile_is_named(tmp_path) -> None:
    env = write(tmp_path, '[profiles.emea]\nuser = "u"\npasword = "typo"\nwdsl = "x"\n')
    with pytest.raises(ConfigError) as caught:
        resolve(Options(profile="emea"), env, no_prompt)
    assert str(caught.value).endswith("has unknown keys: pasword, wdsl.")


@pytest.mark.parametrize(("text", "fragment"), [
    ('profiles = "emea"\n', "profiles must be tables ([profiles.NAME])"),
    ('default_profile = "emea"\nprofiles = { emea = "x" }\n', "profile 'emea' must be a table ([profiles.emea])"),
    ('keymap = "vim"\n', "keymap must be a table"),
    ('poll_interval = 0\n', "The poll interval must be a positive number of seconds, not 0."),
    ('poll_interval = "fast"\n', "not 'fast'"),
    ('poll_interval = nan\n', "The poll interval must be a positive number of seconds"),
])
def test_misshapen_settings_are_refused_with_the_reason(tmp_path, text: str, fragment: str) -> None:
    with pytest.raises(ConfigError) as caught:
        resolve(Options(), write(tmp_path, text), no_prompt)
    assert fragment in str(caught.value)


def test_bad_toml_names_the_file_and_the_place(tmp_path) -> None:
    env = write(tmp_path, '[profiles.emea\nuser = "u"\n')
    with pytest.raises(ConfigError) as caught:
        resolve(Options(), env, no_prompt)
    message = str(caught.value)
    assert message.startswith(f"The config file {env['ACTIVEJOB_TUI_CONFIG']} is not valid TOML: ")
    assert "line 1" in message


def test_an_unreadable_config_file_is_an_error_not_an_empty_config(tmp_path) -> None:
    env = write(tmp_path, "")
    Path(env["ACTIVEJOB_TUI_CONFIG"]).write_bytes(b"user = \"\xff\xfe\"\n")  # not UTF-8
    with pytest.raises(ConfigError, match=r"^Cannot read the config file .*config\.toml: "):
        load_config_file(Path(env["ACTIVEJOB_TUI_CONFIG"]))


def test_a_password_others_can_read_is_refused(tmp_path) -> None:
    env = write(tmp_path, '[profiles.emea]\nuser = "u"\npassword = "p"\n', mode=0o644)
    with pytest.raises(ConfigError, match=r"holds a password but others can read it; run: chmod 600 "):
        resolve(Options(profile="emea"), env, no_prompt)
    write(tmp_path, '[profiles.emea]\nwsdl = "https://ips.example/w"\nuser = "u"\n', mode=0o644)  # no password: readable is fine
    assert resolve(Options(profile="emea"), {**env, "IPS_PASSWORD": "p"}, no_prompt).client is not None


def test_a_wsdl_without_a_user_is_refused(tmp_path) -> None:
    env = write(tmp_path, "")
    with pytest.raises(ConfigError) as caught:
        resolve(Options(wsdl="https://ips.example/w"), {**env, "IPS_PASSWORD": "p"}, no_prompt)
    assert str(caught.value) == "A WSDL is configured but no user: give --user, IPS_USER or a profile's user."


def test_no_password_and_no_terminal_is_refused(tmp_path) -> None:
    env = write(tmp_path, "")
    with pytest.raises(ConfigError) as caught:
        resolve(Options(wsdl="https://ips.example/w", user="u"), {**env, "IPS_PASSWORD": ""}, None)
    assert str(caught.value) == "No password: set IPS_PASSWORD or a profile's password (no terminal to ask on)."


def test_no_password_on_a_terminal_asks_once_naming_the_user(tmp_path) -> None:
    env = write(tmp_path, "")
    asked: list[str] = []

    def prompt(question: str) -> str:
        asked.append(question)
        return "typed-secret"

    resolved = resolve(Options(wsdl="https://ips.example/w", user="ops@example.com"), env, prompt)
    assert asked == ["IPS password for ops@example.com: "]
    assert resolved.client.password == "typed-secret"


def test_a_named_config_file_that_does_not_exist_is_an_error(tmp_path) -> None:
    """ACTIVEJOB_TUI_CONFIG naming a missing file (a typo) must not fall back to the sandbox in silence."""
    path = tmp_path / "nowhere" / "x.toml"
    with pytest.raises(ConfigError) as caught:
        resolve(Options(), {"ACTIVEJOB_TUI_CONFIG": str(path)}, no_prompt)
    assert caught.value.exit_code == 2
    assert caught.value.message == (f"The config file {path} does not exist (ACTIVEJOB_TUI_CONFIG names it); "
                                    "create it, or unset ACTIVEJOB_TUI_CONFIG to use the default one.")


def test_dev_null_as_the_config_file_is_no_configuration() -> None:
    resolved = resolve(Options(), {"ACTIVEJOB_TUI_CONFIG": os.devnull}, no_prompt)
    assert resolved.client is None and resolved.keymap == {}
