"""The input of the ``:`` line and of the ``/`` filter: every key typed in one burst reaches it, in order.

Keys typed in one burst (fast typing, a paste, a laggy SSH link) are all in the App's queue before the
first is handled. The App hands each key to the widget that has the focus *when it takes that key off
its queue*, and runs a key's non-priority binding only once the key has bubbled up to it from that
widget — by then the widget has already handled the keys behind it. So:

- ``:`` and ``/`` are priority bindings (``tui/screens/console.py``; ``/`` of the log pane and of the raw
  view too): the App runs them as it takes the key, and the line takes the focus at once (:meth:`LineInput.take_focus`, ``Screen.set_focus``; not
  ``Widget.focus``, which waits for the next idle moment). Every later key goes to the input, which
  consumes printable keys: none reaches a binding of the console (``s`` Stop, ``e`` Run now) or of the
  App (``q`` Quit, ``?`` Help). Before, in Scheduled, ``:schedule foo⏎`` typed at once opened Run now
  with ``e`` and sent it with Enter, and ``/q`` quit (seen in tmux).
- the bindings of the input and of its line (Enter, Esc, ←, Backspace, Tab …) run here, as the input
  takes the key (:meth:`LineInput.on_key`), not after bubbling: ``:finishd←e⏎`` is ``finished``, where
  the ``e`` was inserted before the cursor moved.

Keys that reach the input after its line closed (the rest of a burst after Enter or Esc) are dropped:
they were typed blind, and none is taken as a command.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class LineInput(Input):
    """An :class:`~textual.widgets.Input` in a line (``CommandLine``, ``FilterBar``) or a search box (``RawScreen``)."""

    def take_focus(self) -> None:
        """Take the focus now (``Screen.set_focus``), before the App takes the next key of a burst."""
        self.screen.set_focus(self)

    async def on_key(self, event: events.Key) -> None:
        """Run the binding of this input or of its line for ``event`` now, in the order keys came."""
        line = self.parent
        if line is None:
            return
        if not (line.display and self.display):  # the rest of a burst after the line (or the box) closed
            event.stop()
            event.prevent_default()
            return
        active = self.screen.active_bindings.get(event.key)
        if active is None or active.node not in (self, line):
            return  # a printable key (inserted by Input) or a binding of the screen or App
        event.stop()
        event.prevent_default()
        if active.enabled:
            await self.app.run_action(active.binding.action, active.node)
