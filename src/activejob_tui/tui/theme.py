"""Named Rich styles (``state.ok``, ``log.time`` …) derived from the current Textual theme.

Cells, log lines and the detail pane are Rich ``Text`` objects (server text must never be parsed
as markup), so their colours are Rich *style names*, resolved through a Rich theme that the app
rebuilds from the Textual theme's variables whenever the theme changes. Colour is never the only
carrier of meaning: every state also has a symbol and a word.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from pathlib import Path

from rich.color import Color, ColorParseError
from rich.style import Style
from rich.theme import Theme


def rich_styles(variables: Mapping[str, str] | None = None) -> dict[str, Style]:
    v = variables or {}

    def color(name: str, fallback: str) -> str:
        value = v.get(name, fallback)
        try:
            Color.parse(value)
        except ColorParseError:
            return fallback
        return value

    return {
        "state.ok": Style(color=color("success", "green")),
        "state.run": Style(color=color("success", "green"), bold=True),
        "state.warn": Style(color=color("warning", "yellow")),
        "state.bad": Style(color=color("error", "red"), bold=True),
        "state.idle": Style(),
        "state.muted": Style(color=color("text-muted", "grey50"), italic=True),
        "progress.done": Style(color=color("primary", "blue"), bgcolor=color("panel", "grey23")),
        "log.time": Style(color=color("text-muted", "grey50")),
        "detail.label": Style(color=color("text-muted", "grey50")),
        "detail.heading": Style(color=color("accent", "cyan"), bold=True),
        "detail.title": Style(bold=True),
        "status.brand": Style(color=color("foreground", "white"), bgcolor=color("primary", "blue"), bold=True),
        "status.readonly": Style(color="black", bgcolor=color("warning", "yellow"), bold=True),
        "status.warn": Style(color=color("warning", "yellow")),
        "status.stale": Style(color="white", bgcolor=color("error", "red"), bold=True),
        "status.filter": Style(color=color("accent", "cyan"), bold=True),
        "help.key": Style(color=color("accent", "cyan"), bold=True),
        "help.section": Style(bold=True, underline=True),
    }


def rich_theme(variables: Mapping[str, str] | None = None) -> Theme:
    return Theme(rich_styles(variables), inherit=True)


def styles_dir() -> Path:
    """``activejob_tui/styles`` inside an installed wheel, else ``<repo>/styles`` in a checkout."""
    packaged = resources.files("activejob_tui") / "styles"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "styles"


def css_paths() -> list[Path]:
    return sorted(styles_dir().glob("*.tcss"))
