"""The console's job-command keys (``s`` ``p`` ``r`` ``e`` ``D``): which apply now, why a refused
one did nothing, and the :class:`CommandRunner` that sends them — the only sender of
stopJob/pauseJob/resumeJob/executeJob/deleteJob in the console (``tui/command_runner.py``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual import events
from textual.binding import BindingsMap, BindingType
from textual.dom import DOMNode
from textual.widgets import Input

from ...console_state import Target
from ..command_runner import CommandRunner, Dialog
from ..keymap import declared_bindings
from ..refusals import refused_key
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


LINE_ACTIONS = ("command_line", "filter")
"""The actions of ``:`` and ``/``: priority bindings (``tui/widgets/line_input.py``), so the App runs them
before the focused widget sees the key — they give way to the focused widget when it wants that key
(:func:`gives_way`)."""


def gives_way(parts: ConsoleParts, action: str, keymap: Mapping[str, str]) -> bool:
    """True when the key of ``action`` (a priority binding of the screen) belongs to the focused widget:
    a text input has the focus (it types ``:`` and ``/``; Textual leaves a priority key out for an input
    only if it knows the key's character, and it does not know ``slash``'s), or the focused widget or a
    parent below the screen binds the same key (``/`` searches the log when the log pane has the focus)."""
    focused = parts.screen.focused
    if focused is None:
        return False
    if isinstance(focused, Input):
        return True
    mine = {key for key, binding in bindings_of(parts.screen, keymap) if binding.action == action}
    for node in focused.ancestors_with_self:
        if node is parts.screen:
            return False
        if mine & set(bindings_of(node, keymap).key_to_bindings):
            return True
    return False


def bindings_of(node: DOMNode, keymap: Mapping[str, str]) -> BindingsMap:
    """``node``'s bindings (``keymap.declared_bindings``) with the config's keymap applied."""
    bindings = declared_bindings(node)
    if keymap:
        bindings.apply_keymap(dict(keymap))
    return bindings


def allowed(parts: ConsoleParts, action: str, parameters: tuple[object, ...]) -> bool | None:
    """Textual's ``check_action`` for the console: None (greyed) in read-only mode, False (hidden) in a
    view where the command does not apply, False for ``:`` and ``/`` while the focused widget wants that
    key (:func:`gives_way`), False for "follow log" while the log pane's job has no log (``LogPane.has_log``), True otherwise (any other action too)."""
    if action in LINE_ACTIONS and gives_way(parts, action, getattr(parts.screen.app, "keymap_config", {}) or {}):
        return False
    if action == "follow" and not parts.log_pane.has_log:  # a scheduled job has no log to follow
        return False
    verb = str(parameters[0]) if action == "command" and parameters else action
    return parts.state.allows(verb, parts.host.readonly)


def refuse(parts: ConsoleParts, event: events.Key, bindings: Iterable[BindingType], keymap: Mapping[str, str]) -> None:
    """A command key that :func:`allowed` refused never reaches its action: say why (a warning
    toast) and stop the key, instead of doing nothing. Other keys pass."""
    why = refused_key(event.key, bindings, keymap, parts.state, parts.host.readonly)
    if why is not None:
        event.stop()
        parts.screen.notify(why, severity="warning", markup=False)
