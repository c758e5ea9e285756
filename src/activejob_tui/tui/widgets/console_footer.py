"""The console's footer: Textual's ``Footer`` that, when its keys do not fit, leaves out the least
important ones — never how to get help and how to quit.

Textual's Footer lists the focused widget's keys, then the screen's, then the App's, and cuts what
does not fit at the right edge: at 80 columns ``q Quit`` and ``? Help`` (the App's, so last) were not
on the screen. Here each key has a rank (:data:`RANKS`, most important first); the keys are taken in
rank order, then left to right, and each is kept if it still fits in the footer's width (the palette
key docked on the right taken off). Kept keys stay in Textual's order. The view keys ``1 2 3`` are
kept or left out together. The help (``?``) lists every key, shown or not.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widget import Widget
from textual.widgets import Footer

KEY = "FooterKey"
"""The Footer's key widgets, by their CSS type (Textual does not export the class)."""
PALETTE = "FooterKey.-command-palette"

RANKS: tuple[tuple[tuple[str, ...], bool], ...] = (
    (("help", "quit"), False),
    (("command_line", "filter"), False),
    (("command(",), False),
    (("view(",), True),
)
"""(action prefixes, kept or left out together) — most important first; every other key ranks after
these, in Textual's order."""


def rank(action: str) -> int:
    """The index in :data:`RANKS` of the first entry that ``action`` starts with; ``len(RANKS)`` if none."""
    return next((i for i, (prefixes, _whole) in enumerate(RANKS) if action.startswith(prefixes)), len(RANKS))


def key_width(key: Widget) -> int:
    """Cells ``key`` takes in the footer: its text, padding, border and margin."""
    text = key.render()  # FooterKey renders a rich Text
    plain = text.plain if isinstance(text, Text) else str(text)
    return cell_len(plain) + key.styles.gutter.width + key.styles.margin.width


def kept(widths: list[tuple[str, int]], room: int) -> list[bool]:
    """Which of the footer's keys (``(action, cells)`` in Textual's order) fit in ``room`` cells, taken by
    :func:`rank` then left to right; the keys of a ``whole`` rank are kept or left out together."""
    keep = [False] * len(widths)
    units: dict[tuple[int, int], list[int]] = {}
    for index, (action, _cells) in enumerate(widths):
        level = rank(action)
        whole = level < len(RANKS) and RANKS[level][1]
        units.setdefault((level, -1 if whole else index), []).append(index)
    for _order, members in sorted(units.items(), key=lambda item: (item[0][0], item[1][0])):
        cells = sum(widths[i][1] for i in members)
        if cells <= room:
            room -= cells
            for i in members:
                keep[i] = True
    return keep


class ConsoleFooter(Footer):
    """Textual's ``Footer``, leaving out the least important keys that do not fit (module docstring)."""

    async def recompose(self) -> None:
        """Textual rebuilds the keys when the bindings change: fit the new ones."""
        await super().recompose()
        self.call_after_refresh(self.fit)

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self.fit)

    def fit(self) -> None:
        """Show the keys that fit in the footer's width now, by :func:`rank`."""
        keys = [key for key in self.query(KEY) if not key.has_class("-command-palette")]
        # measured, not read from the layout: a screen under a dialog recomposes its footer without a layout
        room = self.size.width - sum(key_width(key) for key in self.query(PALETTE) if key.styles.display != "none")
        actions = [(str(getattr(key, "action", "")), key_width(key)) for key in keys]
        for key, keep in zip(keys, kept(actions, room), strict=True):
            key.display = keep
