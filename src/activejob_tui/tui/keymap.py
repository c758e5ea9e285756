"""The ``[keymap]`` table of the config file, checked against the binding ids the console has.

An id may be written in full (``job.stop``) or by its last part when that is unambiguous
(``stop`` → ``job.stop``, as the README's example). Every other id is reported, one message
each, naming the closest ids; nothing is silently ignored.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from ..i18n import _

SCREEN_SCOPES = frozenset({"job", "view", "pane", "notify", "screen"})
"""Binding-id prefixes of the console screen's own keys: active whenever the console is."""
WIDGET_SCOPES = frozenset({"table", "detail", "log"})
"""Prefixes of the panes' keys: active while that pane has the focus (one at a time), on top of the
screen's and the App's keys."""


def active_together(one: str, other: str) -> bool:
    """Whether the bindings ``one`` and ``other`` (ids) can be live at the same moment, so that one key
    for both would shadow one of them: the same prefix; the App's keys (``app.*``) with any other; the
    console screen's keys with each other and with a pane's."""
    first, second = one.split(".")[0], other.split(".")[0]
    if first == second or "app" in (first, second):
        return True
    console = SCREEN_SCOPES | WIDGET_SCOPES
    return (first in SCREEN_SCOPES and second in console) or (second in SCREEN_SCOPES and first in console)


def binding_ids(classes: Iterable[type]) -> dict[str, set[str]]:
    """Every ``Binding.id`` declared in the ``BINDINGS`` of ``classes`` (and their bases) → its
    default keys."""
    ids: dict[str, set[str]] = {}
    for cls in classes:
        for klass in cls.__mro__:
            for binding in getattr(klass, "BINDINGS", None) or ():
                if isinstance(binding, Binding) and binding.id:
                    ids.setdefault(binding.id, set()).update(k.strip() for k in binding.key.split(","))
    return ids


def resolve_keymap(configured: dict[str, str], known: dict[str, set[str]]) -> tuple[dict[str, str], list[str]]:
    """(binding id → keys that Textual's ``set_keymap`` takes, one error message per bad id or per
    key that another binding live at the same time already has — its default, or what this keymap
    gives it — so ``stop = "q"`` cannot silently take Quit's key, see :func:`active_together`)."""
    by_last: dict[str, list[str]] = {}
    for known_id in known:
        by_last.setdefault(known_id.rsplit(".", 1)[-1], []).append(known_id)
    keymap: dict[str, str] = {}
    errors = []
    resolved = {name if name in known else (by_last.get(name) or [name])[0]: keys for name, keys in configured.items()
                if name in known or len(by_last.get(name, ())) == 1}
    effective = {known_id: ({k.strip() for k in resolved[known_id].split(",")} if known_id in resolved else defaults)
                 for known_id, defaults in known.items()}
    for name, keys in configured.items():
        full = name if name in known else None
        matches = sorted(by_last.get(name, ()))
        if full is None and len(matches) == 1:
            full = matches[0]
        if full is not None:
            taken = sorted({other for key in keys.split(",") for other, current in effective.items()
                            if other != full and key.strip() in current and active_together(full, other)})
            if taken:
                errors.append(_("Keymap: '{keys}' for {id} is already the key of {others}; choose another key.").format(
                    keys=keys, id=full, others=", ".join(taken)))
            else:
                keymap[full] = keys
        elif matches:
            errors.append(_("Keymap id '{id}' is ambiguous: write one of {ids}.").format(id=name, ids=", ".join(matches)))
        else:
            close = difflib.get_close_matches(name, sorted(known), n=3, cutoff=0.5)
            hint = (_(" Did you mean {ids}?").format(ids=", ".join(close)) if close
                    else _(" The help screen (?) lists the ids."))
            errors.append(_("Keymap id '{id}' is not a key of the console; it is ignored.").format(id=name) + hint)
    return keymap, errors


def declared_bindings(node: DOMNode) -> BindingsMap:
    """The bindings of ``node``'s class, merged from its bases the way Textual merges them.

    Read from each class's public ``BINDINGS``; a class that does not inherit its bases' bindings
    (``inherit_bindings=False``) must say so to this function with ``OWN_BINDINGS_ONLY = True``
    (tests/tui/test_palette.py checks that the result equals what Textual dispatches on).
    """
    keys: dict[str, list[Binding]] = {}
    for cls in reversed(type(node).__mro__):
        if "BINDINGS" not in cls.__dict__:
            continue
        if cls.__dict__.get("OWN_BINDINGS_ONLY", False):
            keys.clear()
        keys.update(BindingsMap(cls.__dict__["BINDINGS"]).key_to_bindings)
    return BindingsMap.from_keys(keys)
