"""The request timeout is checked on every run, whatever it connects to (the embedded sandbox too),
from the flag or the profile, in one sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from activejob_tui.config import Options, resolve
from activejob_tui.config_error import ConfigError


def no_prompt(question: str) -> str:
    raise AssertionError(f"asked {question!r}")


def config(tmp_path: Path, text: str = "") -> dict[str, str]:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    return {"ACTIVEJOB_TUI_CONFIG": str(path)}


REAL = {"IPS_WSDL": "https://ips.example/w", "IPS_USER": "u", "IPS_PASSWORD": "p"}


@pytest.mark.parametrize("timeout", [0, -1, float("nan"), float("inf")], ids=["zero", "negative", "nan", "inf"])
@pytest.mark.parametrize("real", [False, True], ids=["embedded-demo", "real-ips"])
def test_a_bad_request_timeout_is_refused_whatever_is_connected(tmp_path, timeout, real) -> None:
    env = {**config(tmp_path), **(REAL if real else {})}
    with pytest.raises(ConfigError, match=r"^The timeout must be a positive number of seconds, not "):
        resolve(Options(timeout=timeout), env, no_prompt)


def test_a_bad_timeout_in_the_profile_is_refused_too(tmp_path) -> None:
    env = config(tmp_path, '[profiles.emea]\nwsdl = "https://ips.example/w"\nuser = "u"\npassword = "p"\ntimeout = 0\n')
    with pytest.raises(ConfigError, match=r"^The timeout must be a positive number of seconds, not 0"):
        resolve(Options(profile="emea"), env, no_prompt)
