"""Show or hide the job list's columns, and its wide mode: a searchable list (``C``, the palette)
and the config file's ``columns = [...]`` / ``wide_columns = true``."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import SimpleCommand

from ...i18n import _, ngettext
from ..columns import COLUMN_KEYS, COLUMNS

if TYPE_CHECKING:
    from .job_table import JobTable


def hidden_for(shown: Iterable[str]) -> frozenset[str]:
    """The column ids to hide so that only ``shown`` (and the mark column) are drawn.

    Raises ``ValueError`` naming every unknown id and the known ones (the config's words)."""
    wanted = [str(key) for key in shown]
    unknown = [key for key in wanted if key not in COLUMN_KEYS]
    if unknown:
        raise ValueError(ngettext("Unknown column {names}; the columns are: {known}.",
                                  "Unknown columns {names}; the columns are: {known}.", len(unknown)).format(
                                      names=", ".join(map(repr, unknown)), known=", ".join(sorted(COLUMN_KEYS))))
    return frozenset(COLUMN_KEYS - set(wanted))


def column_commands(table: JobTable) -> list[SimpleCommand]:
    """One command per column of the current view (show / hide), then wide mode on / off."""
    commands = []
    for column in COLUMNS[table.view]:
        if not column.priority:
            continue
        title = _("Show column: {label}") if column.key in table.hidden_columns else _("Hide column: {label}")
        commands.append(SimpleCommand(title.format(label=column.label), partial(table.toggle_column, column.key),
                                      _("column id {key} (config: columns = [...])").format(key=repr(column.key))))
    # an action, with the state it changes beside it ("Wide columns: off" read as the state)
    wide = _("Turn wide columns off (now on)") if table.wide else _("Turn wide columns on (now off)")
    commands.append(SimpleCommand(wide, table.action_toggle_wide,
                                  _("every column at its widest; the list scrolls sideways (W)")))
    return commands
