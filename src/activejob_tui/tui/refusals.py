"""Why a command key did nothing: the command keys of a screen (after the config's keymap) and the
sentence that says why one was refused (read-only mode, or a view where it does not apply)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.binding import Binding, BindingType

from ..console_state import VERBS, VIEW_ACTIONS, ConsoleState
from ..i18n import _
from ..poller import View
from .columns import view_title


def command_keys(bindings: Iterable[BindingType], keymap: Mapping[str, str]) -> dict[str, str]:
    """Key → verb of the ``command('…')`` bindings, with the config's keymap (binding id → keys) applied."""
    keys: dict[str, str] = {}
    for binding in bindings:
        if isinstance(binding, Binding) and binding.action.startswith("command("):
            verb = binding.action[len("command('"):-2]
            for key in keymap.get(binding.id or "", binding.key).split(","):
                keys[key.strip()] = verb
    return keys


def refusal(verb: str, readonly: bool, view: View) -> str:
    """The operator's sentence for a refused ``verb``: read-only mode, or the views it works in."""
    word = _(VERBS[verb])
    if readonly:
        return _("Read-only mode (--readonly or readonly = true in the config): {verb} is refused, "
                 "nothing was sent.").format(verb=word)
    where = _(" and ").join(view_title(v) for v in sorted(VIEW_ACTIONS[verb]))
    return _("{verb} does not apply to {view} jobs: it works in the {views} view.").format(
        verb=word[:1].upper() + word[1:], view=view_title(view), views=where)


def refused_key(key: str, bindings: Iterable[BindingType], keymap: Mapping[str, str], state: ConsoleState,
                readonly: bool) -> str | None:
    """The sentence for ``key`` when it is a command key that ``state`` refuses now (read-only mode,
    or a view where the command does not apply); None for any other key or an allowed command."""
    verb = command_keys(bindings, keymap).get(key)
    if verb is None or state.allows(verb, readonly):
        return None
    return refusal(verb, readonly, state.view)
