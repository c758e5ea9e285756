"""In English the console's shown labels add no field names (``catalogue.add_field_words``: "English is
unchanged"): a label with signs in it, typed as a field, stays a phrase — found by round seven's mutation run
over ``catalogue.py`` (docs/TESTING.md), where the check that a word is translated could go unnoticed."""

from __future__ import annotations

from activejob_tui import i18n
from activejob_tui.model import jobs as m
from activejob_tui.model.query import parse
from activejob_tui.model.query.catalogue import add_field_words


def test_in_english_a_shown_label_with_signs_stays_a_phrase() -> None:
    i18n.set_language("en")
    add_field_words("emailSetting", "E-mail setting")  # the detail pane's label (tui/field_labels.py)
    (term,) = parse("E-mailsetting:error").terms
    assert term.field is None
    job = m.ActiveJob(job_handle="j|1", name="E-mailsetting:error report")
    assert parse("E-mailsetting:error").filter([job]) == [job]
