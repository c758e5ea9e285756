"""The console carries out a ``:`` command (``colon_commands.parse_colon`` says what it asks for)."""

from __future__ import annotations

from ...colon_commands import ColonCommand
from .list_view import switch_view
from .parts import ConsoleParts


def run_colon(parts: ConsoleParts, command: ColonCommand) -> None:
    """Do ``command`` on the console; the job list has the focus afterwards (the filter bar shows
    the words of ``:filter WORDS``, and keeps the focus when they do not parse; a refused command is
    a warning toast)."""
    table = parts.table
    table.focus()
    if command.kind == "view" and command.view is not None:
        switch_view(parts, command.view)
    elif command.kind == "filter":
        bar = parts.filter_bar
        if command.text:
            bar.open()
            bar.input.value = command.text
            # Words that do not parse keep the focus in the filter, under its error, to mend it (Esc
            # clears it): on the job list, Esc did not reach the filter and the error row stayed.
            parts.screen.call_after_refresh(table.focus if bar.apply_now() else bar.input.take_focus)
        else:
            bar.action_clear()
    elif command.kind == "switch":
        parts.host.switch_context(command.context, command.text)
    elif command.kind == "refused":
        parts.screen.notify(command.text, severity="warning", markup=False)
