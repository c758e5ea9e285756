"""Key descriptions in the operator's language, at display time (issue 15).

``BINDINGS`` are read when a class is defined, before the language is chosen, so their
descriptions are English msgids (marked with ``N_``). Every place that shows one translates it
here: the Footer reads ``Screen.active_bindings`` (a public property) — :class:`LocalizedScreen`
returns the same bindings with translated descriptions and tooltips; the help screen and the
command palette call :func:`describe`. The key and the action never change, so dispatch is
unaffected.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from textual.binding import ActiveBinding, Binding

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
