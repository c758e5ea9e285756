"""``enter`` and ``escape`` on the console: a pane maximised and back; escape undoes one thing at a time."""

from __future__ import annotations

from ...i18n import ngettext
from .parts import ConsoleParts


def escape(parts: ConsoleParts) -> None:
    """Back one step: a maximised pane back to the layout, else the filter cleared, else the marks."""
    screen = parts.screen
    if screen.maximized is not None:
        screen.minimize()
    elif parts.state.filter_query is not None:
        parts.filter_bar.action_clear()
    elif parts.state.marks:  # said aloud: a second Esc after a cancelled dialog dropped a selection silently
        count = len(parts.state.marks)
        parts.table.clear_marks()
        screen.notify(ngettext("Esc cleared the mark of {count} job.", "Esc cleared the marks of {count} jobs.",
                               count).format(count=count), markup=False)


def toggle_maximized(parts: ConsoleParts) -> None:
    """The pane that has the focus (the job list, the detail or the log pane) fills the screen; a
    maximised one goes back. Nothing when the focus is elsewhere."""
    screen = parts.screen
    if screen.maximized is not None:
        screen.minimize()
        return
    chain = screen.focused.ancestors_with_self if screen.focused is not None else []
    pane = next((p for p in (parts.table, parts.detail, parts.log_pane) if p in chain), None)
    if pane is not None:
        screen.maximize(pane, container=False)
