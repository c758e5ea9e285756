"""The command palette (``ctrl+p``): every console action that applies right now.

Commands are derived from the same ``BINDINGS`` the Footer and the help screen show, so the
three never disagree; an action refused by ``check_action`` (read-only mode, wrong view) is not
offered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any, Protocol, TypeAlias, runtime_checkable

from textual.actions import parse as parse_action
from textual.app import App
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode
from textual.widget import Widget

from ..i18n import _
from .keymap import declared_bindings
from .localized import describe


@runtime_checkable
class BindingSections(Protocol):
    """A screen that says which of its nodes' bindings to list, each under a section title."""

    def binding_sections(self) -> list[tuple[str, Widget]]: ...


BoundNode: TypeAlias = "Widget | App[Any]"
"""A node whose BINDINGS the console lists: a screen, one of its widgets, or the app."""


def bound_nodes(app: App[Any]) -> list[tuple[str, BoundNode]]:
    """The nodes whose BINDINGS make up the console's keys, with a section title for help."""
    screen = next((s for s in reversed(app.screen_stack) if isinstance(s, BindingSections)), None)
    sections = screen.binding_sections() if screen is not None else []
    return [*sections, (_("Global"), app)]


def help_sections(app: App[Any], keymap: dict[str, str]) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """(section, [(keys, description, binding ids)]) from the live bindings, with ``keymap`` (binding id →
    keys) applied. The ids are what a ``[keymap]`` line of the config names (``job.stop = "K"``); a row
    whose bindings have no id has ``""``.

    One row per action: the keys a pane inherits from Textual (``↑``, ``home``) join the console's own
    keys for the same action (``k``, ``g``) under the console's words (``↑ k  Up``, not ``↑ Scroll Up``
    and ``k Up``). Keys are written as Textual writes them (``esc``, ``pgup``, ``^p``), named keys before
    letters; descriptions in sentence case, Textual's too (``Page up``, not ``Page Up``)."""
    sections = []
    for title, node in bound_nodes(app):
        rows: dict[str, tuple[list[str], list[str], list[str]]] = {}  # action → (keys, ids, descriptions)
        bindings = declared_bindings(node)
        if keymap:
            bindings.apply_keymap(keymap)
        if app.screen_stack and node is app.screen_stack[0]:
            rows["focus_next"] = (["tab", "shift+tab"], [], [_("Next / previous pane")])
        for _key, binding in bindings:
            if not binding.description or binding.system or binding.action.startswith(("app.", "screen.")):
                continue
            if binding.action in ("quit", "help", "poll_now") and node is not app:
                continue
            keys, ids, words = rows.setdefault(binding.action, ([], [], []))
            keys.append(app.get_key_display(binding))
            if binding.id:  # the console's own binding: its words name the row
                ids.append(binding.id)
                words.insert(0, worded(binding))
            else:
                words.append(worded(binding))
        if rows:
            sections.append((title, [(" ".join(sorted(dict.fromkeys(keys), key=_letters_last)), words[0],
                                      " ".join(dict.fromkeys(ids))) for keys, ids, words in rows.values()]))
    return sections


def _letters_last(key: str) -> bool:
    """Sort key: named keys and arrows (``home``, ``↑``, ``^q``) before a single letter or digit (``g``)."""
    return len(key) == 1 and key.isalnum()


def worded(binding: Binding) -> str:
    """``binding``'s description in the operator's language; in sentence case if it is one of Textual's
    (no binding id: the console's bindings all have one)."""
    return describe(binding) if binding.id else sentence_case(describe(binding))


def sentence_case(description: str) -> str:
    """Textual's own descriptions are in Title Case (``Page Up``, ``Scroll Left``); the console's words
    are in sentence case: every word after the first that is Capitalized is lowered (``JSON`` stays)."""
    first, *rest = description.split(" ")
    return " ".join([first, *(w.lower() if w[:1].isupper() and w[1:].islower() else w for w in rest)])


def _commands(app: App[Any]) -> Iterator[tuple[str, str, Callable[[], object]]]:
    """(title, help, callback) for each bound action with a description that is allowed now."""
    seen: set[str] = set()
    for _section, node in bound_nodes(app):
        for _key, binding in declared_bindings(node):
            if not binding.description or binding.action in seen or binding.system:
                continue
            if binding.action.startswith(("app.", "screen.")):
                continue
            _namespace, action, params = parse_action(binding.action)
            allowed = node.check_action(action, params)
            if not allowed:
                continue
            seen.add(binding.action)
            title = _title(node, binding)
            yield title, _("key: {key}").format(key=app.get_key_display(binding)), partial(node.run_action, binding.action)


def _title(node: DOMNode, binding: Binding) -> str:
    action = binding.action
    if action.startswith("view("):
        return _("View: {name}").format(name=worded(binding))
    area = {"JobTable": _("List: {name}"), "LogPane": _("Log: {name}")}.get(type(node).__name__)
    return area.format(name=worded(binding)) if area else worded(binding)


@runtime_checkable
class ContextHost(Protocol):
    """The App's side of ``:profile``/``:company`` (``tui/app.py``)."""

    def context_choices(self) -> dict[str, list[str]]: ...

    def switch_context(self, kind: str, name: str) -> None: ...


def _context_commands(app: App[Any]) -> Iterator[tuple[str, str, Callable[[], object]]]:
    """(title, help, callback): "Profile: NAME" for each profile, "Company: NAME" for each company."""
    if not isinstance(app, ContextHost):
        return
    choices = app.context_choices()
    for kind, label in (("profile", _("Profile")), ("company", _("Company"))):
        for name in choices.get(kind, ()):
            yield (f"{label}: {name}", _("switch the console to it (:{kind} {name})").format(kind=kind, name=name),
                   partial(app.switch_context, kind, name))


class ListedCommands(Provider):
    """A provider of the (title, help, callback) triples its :meth:`listed` gives."""

    def listed(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        raise NotImplementedError

    async def discover(self) -> Hits:
        for title, help_text, callback in self.listed():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self.listed():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)


class ContextCommands(ListedCommands):
    """The palette's ``:profile``/``:company``: one command per profile of the config file and per
    company of the connected user."""

    def listed(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        return _context_commands(self.app)


class ConsoleCommands(ListedCommands):
    """Every bound console action that applies now."""

    def listed(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        return _commands(self.app)
