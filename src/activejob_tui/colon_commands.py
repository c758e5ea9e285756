"""What a line typed on the console's ``:`` command line asks for (k9s ``:``), Textual-free.

The grammar: ``:active`` ``:scheduled`` ``:finished`` (a view), ``:filter WORDS`` (the filter
language of ``model/query``; ``:filter`` alone clears it), ``:profile NAME`` and ``:company NAME``
(switch the connection, ``tui/context_switch.py``). :func:`parse_colon` turns the command word and
its argument (as ``tui/widgets/command_line.CommandLine`` splits them) into a :class:`ColonCommand`;
the screen carries it out (``tui/screens/colon_dispatch.py``). Nothing here touches a widget.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .i18n import _
from .poller import View

ColonKind = Literal["nothing", "view", "filter", "switch", "refused"]
SWITCHES = ("profile", "company")
"""The command words that switch the connection; each takes a name."""


@dataclass(frozen=True, slots=True)
class ColonCommand:
    """One ``:`` line, understood.

    ``kind``: ``"nothing"`` (an empty line), ``"view"`` (show :attr:`view`), ``"filter"`` (:attr:`text`
    is the filter's words; empty clears the filter), ``"switch"`` (:attr:`context` is ``"profile"`` or
    ``"company"``, :attr:`text` its name) or ``"refused"`` (:attr:`text` is the operator's sentence
    saying why and what the commands are).
    """

    kind: ColonKind
    view: View | None = None
    text: str = ""
    context: str = ""


def parse_colon(command: str, argument: str) -> ColonCommand:
    """``command`` (the first word, lower case) and ``argument`` (the rest, stripped) → what to do.
    Never raises: an unknown word, a view followed by words or a switch without a name is a
    ``"refused"`` command."""
    if not command:
        return ColonCommand("nothing")
    views = {v.value: v for v in View}
    if command in views:
        if argument:
            return ColonCommand("refused", text=_(":{command} takes no words; to narrow the list, :filter {words}").format(
                command=command, words=argument))
        return ColonCommand("view", view=views[command])
    if command == "filter":
        return ColonCommand("filter", text=argument)
    if command in SWITCHES:
        if argument:
            return ColonCommand("switch", text=argument, context=command)
        return ColonCommand("refused", text=_("Give a name: :{command} NAME (Tab completes it).").format(command=command))
    return ColonCommand("refused", text=_("Unknown command :{command}. Commands: :active, :scheduled, :finished, "
                                          ":filter WORDS, :profile NAME, :company NAME.").format(command=command))
