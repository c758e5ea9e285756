"""What the job list shows: another view (``1`` ``2`` ``3``, ``:active`` …), a new filter (``/``),
another connection (``:profile``/``:company``, emptied by ``context_reset.reset_for_context``)."""

from __future__ import annotations

from typing import Any

from ...i18n import _, ngettext
from ...model.query import Query
from ...poller import MODELS, View
from ..columns import view_title
from ..text import safe_str
from .context_reset import reset_for_context
from .parts import ConsoleParts


def update_counts(parts: ConsoleParts) -> None:
    """The header's counts as of now: jobs in the view, rows shown, marked, marked but hidden by the filter."""
    table, state = parts.table, parts.state
    hidden = sum(1 for k in state.marks if not table.is_shown(k))
    missing = state.filter_query.missing_fields(MODELS[parts.view]) if state.filter_query is not None else ()
    note = ngettext("{view} jobs have no field {names}", "{view} jobs have no fields {names}", len(missing)).format(
        view=view_title(parts.view), names=_(", ").join(safe_str(name) for name in missing)) if missing else ""
    parts.status.set(view_title=view_title(parts.view), count=len(state.current), shown=table.row_count,
                     marked=len(state.marks), hidden_marked=hidden, filter_text=state.filter_text, filter_note=note)


def switch_view(parts: ConsoleParts, view: View) -> bool:
    """Show ``view``: its last snapshot (if any) under the current filter, an empty log pane, the
    poller told to poll it, the keys that apply to it, and the marks and cursor it had when the operator
    left it (``ConsoleState.set_view``). False (nothing done) when it is shown already."""
    state, table = parts.state, parts.table
    if not state.set_view(view, table.selected_key):
        return False
    table.configure(view, state.current, state.back_to)
    if state.filter_query is not None:
        table.set_filter(state.predicate())
    table.border_title = _("{view} jobs").format(view=view_title(view))
    update_counts(parts)
    if view not in state.loaded:
        parts.status.set(last_poll=None)
    parts.details.stop()
    parts.log_pane.show(None, [])
    parts.show_selected()
    parts.host.view_changed(view)
    parts.screen.refresh_bindings()
    return True


def apply_filter(parts: ConsoleParts, query: Query | None, text: str) -> None:
    """The filter bar's ``query`` (None: no filter) parsed from ``text``: the rows it keeps, the
    header's counts, the panes on the job the cursor is on now."""
    parts.state.set_filter(query, text)
    parts.table.set_filter(parts.state.predicate())
    update_counts(parts)
    parts.show_selected()


def enter_context(parts: ConsoleParts, info: Any, profile: str | None, old_company: str | None) -> None:
    """Another profile or company is connected (``info``: its ``ConnectionInfo``): the old
    context's rows, marks and panes go (``reset_for_context``); a toast says what went and what stayed."""
    told = reset_for_context(parts, info, profile, old_company)
    update_counts(parts)
    parts.screen.notify(told, title=_("Context switched"), markup=False)
    parts.screen.refresh_bindings()
