"""The command palette (``ctrl+p``): every console action that applies right now.

Commands are derived from the same ``BINDINGS`` the Footer and the help screen show, so the
three never disagree; an action refused by ``check_action`` (read-only mode, wrong view) is not
offered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode


def bound_nodes(app: object) -> list[tuple[str, DOMNode]]:
    """The nodes whose BINDINGS make up the console's keys, with a section title for help."""
    from .screens.console import ConsoleScreen

    screen = next((s for s in reversed(app.screen_stack) if isinstance(s, ConsoleScreen)), None)  # type: ignore[attr-defined]
    if screen is None:
        return [("Global", app)]  # type: ignore[list-item]
    return [
        ("Console", screen),
        ("Job list", screen.table),
        ("Detail pane", screen.detail),
        ("Log pane", screen.log_pane),
        ("Log text", screen.log_pane.log_widget),
        ("Global", app),  # type: ignore[list-item]
    ]


def help_sections(app: object) -> list[tuple[str, list[tuple[str, str]]]]:
    """(section, [(keys, description)]) from the live bindings (keymap applied)."""
    sections = []
    for title, node in bound_nodes(app):
        rows: dict[str, list[str]] = {}
        bindings = node._bindings.copy()
        if app._keymap:  # type: ignore[attr-defined]
            bindings.apply_keymap(app._keymap)  # type: ignore[attr-defined]
        if node is app.screen_stack[0] if app.screen_stack else False:  # type: ignore[attr-defined]
            rows["Next / previous pane"] = ["tab", "shift+tab"]
        for key, binding in bindings:
            if not binding.description or binding.system or binding.action.startswith(("app.", "screen.")):
                continue
            if binding.action in ("quit", "help", "poll_now") and node is not app:
                continue
            rows.setdefault(binding.description, []).append(app.get_key_display(binding))  # type: ignore[attr-defined]
        if rows:
            sections.append((title, [(" ".join(dict.fromkeys(keys)), desc) for desc, keys in rows.items()]))
    return sections


def _commands(app: object) -> Iterator[tuple[str, str, Callable[[], object]]]:
    """(title, help, callback) for each bound action with a description that is allowed now."""
    seen: set[str] = set()
    for _, node in bound_nodes(app):
        for key, binding in node._bindings:
            if not binding.description or binding.action in seen or binding.system:
                continue
            action, _, params = binding.action.partition("(")
            if action.startswith(("app.", "screen.")):
                continue
            allowed = node.check_action(action, ()) if params == "" else True
            if not allowed:
                continue
            seen.add(binding.action)
            title = _title(node, binding)
            yield title, f"key: {app.get_key_display(binding)}", partial(node.run_action, binding.action)  # type: ignore[attr-defined]


def _title(node: DOMNode, binding: Binding) -> str:
    action = binding.action
    if action.startswith("view("):
        return f"View: {binding.description}"
    area = {"JobTable": "List", "LogPane": "Log"}.get(type(node).__name__, "")
    return f"{area}: {binding.description}" if area else binding.description


class ConsoleCommands(Provider):
    async def discover(self) -> Hits:
        for title, help_text, callback in _commands(self.app):
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in _commands(self.app):
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
