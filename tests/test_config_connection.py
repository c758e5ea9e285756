"""config.resolve refuses half a connection: settings for a real IPS without its WSDL are an error
naming them, never the embedded demo sandbox; the demo stays the default when nothing is given."""

from __future__ import annotations

from pathlib import Path

import pytest

from activejob_tui.config import Options, resolve
from activejob_tui.config_error import ConfigError


def no_prompt(question: str) -> str:
    raise AssertionError(f"asked {question!r}")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """No IPS_* variables and an empty config file."""
    path = tmp_path / "config.toml"
    path.write_text("", encoding="utf-8")
    return {"ACTIVEJOB_TUI_CONFIG": str(path)}


def profile_env(env: dict[str, str], text: str) -> dict[str, str]:
    Path(env["ACTIVEJOB_TUI_CONFIG"]).write_text(text, encoding="utf-8")
    return env


@pytest.mark.parametrize(("options", "variables", "named"), [
    (Options(user="ops@example.com"), {}, "--user"),
    (Options(company="Other Co"), {}, "--company"),
    (Options(company_handle="c|9"), {}, "--company-handle"),
    (Options(endpoint="https://host/scene7/services/IpsApiService"), {}, "--endpoint"),
    (Options(), {"IPS_USER": "ops@example.com"}, "IPS_USER"),
    (Options(), {"IPS_PASSWORD": "s3cret"}, "IPS_PASSWORD"),
    (Options(), {"IPS_COMPANY": "Other Co"}, "IPS_COMPANY"),
    (Options(), {"IPS_ENDPOINT": "https://host/x"}, "IPS_ENDPOINT"),
], ids=["user", "company", "company-handle", "endpoint", "env-user", "env-password", "env-company", "env-endpoint"])
def test_connection_settings_without_a_wsdl_are_an_error_not_the_demo(env, options, variables, named) -> None:
    with pytest.raises(ConfigError) as caught:
        resolve(options, {**env, **variables}, no_prompt)
    message = str(caught.value)
    assert caught.value.exit_code == 2
    assert named in message and "--wsdl" in message and "IPS_WSDL" in message, message
    assert "s3cret" not in message  # a password is named by where it came from, never shown


def test_every_setting_given_is_named_in_one_message(env) -> None:
    with pytest.raises(ConfigError) as caught:
        resolve(Options(user="ops@example.com", company="Other Co", endpoint="https://host/x"),
                {**env, "IPS_PASSWORD": "pw"}, no_prompt)
    assert str(caught.value).startswith(
        "Connection settings were given (--endpoint, --user, --company, IPS_PASSWORD) but no WSDL:"), str(caught.value)


def test_a_profile_without_a_wsdl_is_an_error_naming_it(env) -> None:
    env = profile_env(env, '[profiles.emea]\nuser = "ops@example.com"\n')
    with pytest.raises(ConfigError, match=r"profile 'emea'.*no WSDL.*wsdl"):
        resolve(Options(profile="emea"), env, no_prompt)
    defaulted = profile_env(env, 'default_profile = "emea"\n[profiles.emea]\nuser = "ops@example.com"\n')
    with pytest.raises(ConfigError, match=r"profile 'emea'"):
        resolve(Options(), defaulted, no_prompt)


@pytest.mark.parametrize(("options", "variables", "source"), [
    (Options(wsdl=""), {}, "--wsdl"),
    (Options(wsdl="  "), {}, "--wsdl"),
    (Options(wsdl=""), {"IPS_WSDL": "https://ips.example/w"}, "--wsdl"),  # an empty flag is not "not given"
    (Options(), {"IPS_WSDL": ""}, "IPS_WSDL"),
    (Options(user="ops@example.com"), {"IPS_WSDL": "", "IPS_PASSWORD": "p"}, "IPS_WSDL"),
], ids=["flag", "flag-blank", "flag-beats-env", "env", "env-with-user"])
def test_an_empty_wsdl_is_an_error_not_the_demo(env, options, variables, source) -> None:
    with pytest.raises(ConfigError) as caught:
        resolve(options, {**env, **variables}, no_prompt)
    assert str(caught.value).startswith(f"The WSDL given by {source} is empty"), str(caught.value)


def test_an_empty_wsdl_in_a_profile_is_an_error(env) -> None:
    env = profile_env(env, '[profiles.emea]\nwsdl = ""\nuser = "u"\npassword = "p"\n')
    Path(env["ACTIVEJOB_TUI_CONFIG"]).chmod(0o600)
    with pytest.raises(ConfigError, match=r"^The WSDL given by profile 'emea' .* is empty"):
        resolve(Options(profile="emea"), env, no_prompt)


def test_nothing_given_is_still_the_embedded_demo(env) -> None:
    resolved = resolve(Options(), env, no_prompt)
    assert resolved.client is None
    # settings that do not name an IPS leave the demo alone
    assert resolve(Options(insecure=True, readonly=True, timeout=5, poll_interval=1), env, no_prompt).client is None


def test_a_wsdl_from_the_environment_with_a_user_flag_connects(env) -> None:
    resolved = resolve(Options(user="ops@example.com"), {**env, "IPS_WSDL": "https://ips.example/w",
                                                          "IPS_PASSWORD": "p"}, no_prompt)
    assert resolved.client is not None and resolved.client.user == "ops@example.com"


@pytest.mark.parametrize(("wsdl", "scheme"), [("ftp://x/y", "ftp"), ("file:///srv/IpsApi.wsdl", "file"),
                                              ("HTTPX://host/w", "HTTPX")])
def test_a_wsdl_url_with_another_scheme_says_so(env, wsdl, scheme) -> None:
    with pytest.raises(ConfigError) as caught:
        resolve(Options(wsdl=wsdl, user="u"), {**env, "IPS_PASSWORD": "p"}, no_prompt)
    assert str(caught.value) == (f"The WSDL {wsdl} (from --wsdl) is a {scheme}:// URL: give an http:// or https:// "
                                 "URL, or the path of a WSDL file."), str(caught.value)


@pytest.mark.parametrize("wsdl", ["http://ips.example/w", "HTTPS://ips.example/w", "relative/IpsApi.wsdl"])
def test_http_https_and_paths_are_wsdls(env, wsdl) -> None:
    resolved = resolve(Options(wsdl=wsdl, user="u"), {**env, "IPS_PASSWORD": "p"}, no_prompt)
    assert resolved.client is not None
