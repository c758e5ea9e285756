"""The poll interval's floor: the console, --watch, logs -f and wait poll at most twice a second
(``config.MIN_POLL_INTERVAL``), however small a number the flag or the config file gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from activejob_tui.config import MIN_POLL_INTERVAL, Options, resolve
from activejob_tui.config_error import ConfigError


def no_prompt(question: str) -> str:
    raise AssertionError(f"asked {question!r}")


def config(tmp_path: Path, text: str = "") -> dict[str, str]:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return {"ACTIVEJOB_TUI_CONFIG": str(path)}


def test_the_floor_is_half_a_second() -> None:
    assert MIN_POLL_INTERVAL == 0.5


@pytest.mark.parametrize("interval", [0.001, 0.1, 0.49], ids=["1ms", "100ms", "490ms"])
def test_a_poll_interval_below_the_floor_is_refused(tmp_path, interval) -> None:
    with pytest.raises(ConfigError) as caught:
        resolve(Options(poll_interval=interval), config(tmp_path), no_prompt)
    assert str(caught.value) == f"The poll interval must be at least 0.5 seconds, not {interval!r}."


def test_the_floor_applies_to_the_config_files_poll_interval(tmp_path) -> None:
    with pytest.raises(ConfigError, match=r"^The poll interval must be at least 0\.5 seconds, not 0\.01\.$"):
        resolve(Options(), config(tmp_path, "poll_interval = 0.01\n"), no_prompt)


def test_the_floor_itself_and_above_are_accepted(tmp_path) -> None:
    assert resolve(Options(poll_interval=0.5), config(tmp_path), no_prompt).poll_interval == 0.5
    assert resolve(Options(poll_interval=7), config(tmp_path), no_prompt).poll_interval == 7.0


def test_a_non_positive_interval_keeps_its_own_sentence(tmp_path) -> None:
    with pytest.raises(ConfigError, match=r"^The poll interval must be a positive number of seconds, not 0\.$"):
        resolve(Options(poll_interval=0), config(tmp_path), no_prompt)
