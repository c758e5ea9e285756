"""Where the config file is, and its ``lang`` read before anything else (standard library and
platformdirs only: ``--help`` and ``--version`` import this, and nothing of ``config``)."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path

APP_NAME = "activejob-tui"
CONFIG_ENV = "ACTIVEJOB_TUI_CONFIG"


def config_path(env: Mapping[str, str]) -> Path:
    """``$ACTIVEJOB_TUI_CONFIG``, else ``<user config dir>/activejob-tui/config.toml``."""
    if env.get(CONFIG_ENV):
        return Path(env[CONFIG_ENV]).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def configured_language(env: Mapping[str, str]) -> str | None:
    """The config file's ``lang`` if it is a string, else None — read before the parser is built (the
    language of ``--help``), so a missing, unreadable or broken file is None here and is reported by
    ``config.resolve``."""
    try:
        data = tomllib.loads(config_path(env).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    lang = data.get("lang")
    return lang if isinstance(lang, str) else None
