"""The console's job-command keys (``s`` ``p`` ``r`` ``e`` ``D``): which apply now, why a refused
one did nothing, and the :class:`CommandRunner` that sends them — the only sender of
stopJob/pauseJob/resumeJob/executeJob/deleteJob in the console (``tui/command_runner.py``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual import events
from textual.binding import BindingType
from textual.widgets import Input

from ...console_state import Target
from ..command_runner import CommandRunner, Dialog
from ..refusals import refused_key
from ..widgets.command_line import CommandLine
from .list_view import update_counts
from .parts import ConsoleParts


def command_runner(parts: ConsoleParts, dialog: Dialog) -> CommandRunner:
    """The runner for ``parts``: it acts on the marked jobs, else the selected one, as of the key
    press (``ConsoleState.targets``); once sent, their rows are redrawn ("stopping…") and counted."""

    def pick() -> tuple[tuple[Target, ...], int]:
        return parts.state.targets(parts.table.selected_key, parts.table.is_shown, parts.table.ordered_keys)

    def sent(_verb: str, handles: list[str]) -> None:
        parts.table.refresh_rows(handles)
        update_counts(parts)

    return CommandRunner(parts.screen, parts.state, parts.host, pick, sent, dialog=dialog)


def allowed(parts: ConsoleParts, action: str, parameters: tuple[object, ...]) -> bool | None:
    """Textual's ``check_action`` for the console: False while a key typed for the ``:`` line or the
    filter is still on its way there (below), None (greyed) in read-only mode, False (hidden) in a view
    where the command does not apply, True otherwise (any other action too)."""
    if typing_line(parts) is not None:
        return False
    verb = str(parameters[0]) if action == "command" and parameters else action
    return parts.state.allows(verb, parts.host.readonly)


def typing_line(parts: ConsoleParts) -> Input | None:
    """The ``:`` line's or the filter's input when it is open but not focused yet. ``Widget.focus``
    waits for a refresh, so keys typed in one burst with ``:`` or ``/`` (fast typing, a laggy SSH link)
    are already queued for the job list: they belong to the line, never to the console's keys (in
    Scheduled, ``:schedule foo⏎`` used to open Run now with ``e``, move to its confirm button with ``l``
    and send it with Enter)."""
    for line in (parts.screen.query_one(CommandLine), parts.filter_bar):
        if line.display and line.awaiting_focus and not line.input.has_focus:
            return line.input
    return None


def refuse(parts: ConsoleParts, event: events.Key, bindings: Iterable[BindingType], keymap: Mapping[str, str]) -> None:
    """A command key that :func:`allowed` refused never reaches its action: say why (a warning
    toast) and stop the key, instead of doing nothing. Other keys pass."""
    line = typing_line(parts)
    if line is not None:  # typed for the line before it took the focus: it goes there, in order
        event.stop()
        event.prevent_default()
        line.post_message(events.Key(event.key, event.character))
        return
    why = refused_key(event.key, bindings, keymap, parts.state, parts.host.readonly)
    if why is not None:
        event.stop()
        parts.screen.notify(why, severity="warning", markup=False)
