"""Key descriptions in the operator's language, at display time (issue 15).

``BINDINGS`` are read when a class is defined, before the language is chosen, so their
descriptions are English msgids (marked with ``N_``). Every place that shows one translates it
here: the Footer reads ``Screen.active_bindings`` (a public property) — :class:`LocalizedScreen`
returns the same bindings with translated descriptions and tooltips; the help screen and the
command palette call :func:`describe`. The key and the action never change, so dispatch is
unaffected.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from typing import Any

from textual.app import App, SystemCommand
from textual.binding import ActiveBinding, Binding
from textual.command import CommandPalette
from textual.screen import Screen

from ..i18n import _, language


def describe(binding: Binding) -> str:
    """``binding.description`` in the current language ("" stays "")."""
    return _(binding.description) if binding.description else ""


@lru_cache(maxsize=512)
def _translated(binding: Binding, lang: str) -> Binding:
    tooltip = _(binding.tooltip) if binding.tooltip else ""
    return replace(binding, description=describe(binding), tooltip=tooltip)


def localize(active: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """``active`` with every binding's description and tooltip translated."""
    lang = language()
    return {key: ActiveBinding(item.node, _translated(item.binding, lang), item.enabled,
                               _(item.tooltip) if item.tooltip else "")
            for key, item in active.items()}


class LocalizedScreen:
    """Mix into a ``Screen`` subclass (first base): its Footer shows translated key descriptions."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return localize(super().active_bindings)  # type: ignore[misc]


class LocalizedApp(App[None]):
    """An ``App`` whose own words (Textual's palette placeholder, Ctrl+C answer and system commands)
    come in the operator's language, through Textual's public hooks."""

    def action_command_palette(self) -> None:
        """The palette with a placeholder in the operator's language (Textual's default is English)."""
        # Textual types is_open's app as App[object], and App is invariant in its return type (ours: App[None])
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(CommandPalette(placeholder=_("Search for commands…"), id="--command-palette"))

    def action_help_quit(self) -> None:
        """Ctrl+C (Textual binds it to this): say how to quit, in the operator's language."""
        key = key_of(self, "quit")
        if key is not None:
            self.notify(_("Press {key} to quit the app").format(key=key), title=_("Do you want to quit?"), markup=False)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's system commands (Theme, Quit, Keys, Maximize…) with translated titles and help."""
        for command in super().get_system_commands(screen):
            yield SystemCommand(_(command.title), _(command.help), command.callback, command.discover)


def key_of(app: App[Any], action: str) -> str | None:
    """The key bound to the App's ``action`` now (the keymap may have moved it), as Textual shows it:
    the one the footer shows when there is one (``q``, not Textual's own ``ctrl+q`` before it); None
    when no active binding runs it."""
    found = [(key, active.binding) for key, active in app.active_bindings.items()
             if active.binding.action in (action, f"app.{action}")]
    if not found:
        return None
    key, binding = next(((k, b) for k, b in found if b.show), found[0])
    return app.get_key_display(binding) or key
