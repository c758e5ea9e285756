"""What the console screen does when ``:profile``/``:company`` connected it elsewhere (issue 13
item 3): the old context's rows, marks, details and log go; the filter stays unless it names the old
company; the header names the new context; one sentence says what went (:func:`reset_for_context`)."""

from __future__ import annotations

from typing import Any

from ...i18n import _
from ..columns import view_title
from ..text import safe_str
from ..widgets.filter_bar import FilterBar


def context_words(info: Any, profile: str | None) -> str:
    """"profile emea, Demo Company" (or the company alone without a profile), for what the operator is told."""
    company = safe_str(getattr(info, "company_name", None) or getattr(info, "company_handle", "?"))
    if profile:
        return _("profile {profile}, {company}").format(profile=safe_str(profile), company=company)
    return company


def reset_for_context(screen: Any, info: Any, profile: str | None, old_company: str | None) -> str:
    """Empty ``screen`` (a ConsoleScreen) for the context ``info``/``profile``; returns the toast's text."""
    state, table = screen.state, screen.table
    dropped = state.new_context()
    words = state.filter_text
    filter_dropped = bool(words and old_company and old_company.casefold() in words.casefold())
    if filter_dropped:
        screen.query_one(FilterBar).action_clear()
    table.remove_class("-stale")
    table.stale_as_of = None
    table.border_title = _("{view} jobs").format(view=view_title(screen.view))
    table.configure(screen.view, {})
    if state.filter_query is not None:
        table.set_filter(state.predicate())
    screen.details.stop()
    screen.log_pane.show(None, [])
    screen.detail.show(None)
    screen.status.connected(info, profile)
    screen.status.set(last_poll=None)
    told = [_("Now on {where}.").format(where=context_words(info, profile))]
    if dropped:
        told.append(_("{n} marks dropped: they were jobs of {company}.").format(n=dropped, company=old_company)
                    if dropped != 1 else _("1 mark dropped: it was a job of {company}.").format(company=old_company))
    if filter_dropped:
        told.append(_("Filter “{words}” dropped: it named {company}.").format(words=words, company=old_company))
    elif words:
        told.append(_("Filter “{words}” kept.").format(words=words))
    return " ".join(told)
