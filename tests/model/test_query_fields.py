"""The filter's field names by behaviour (issue 16: the survivors of the mutation run over
``model/query/catalogue.py``): every common field named in the language shown, the words following a
language switch, and the sub-job element of a sub-job this client does not know."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from activejob_tui import i18n
from activejob_tui.model import jobs as m
from activejob_tui.model.query import QueryError, catalogue, parse

COMMON = ("state", "name", "type", "progress", "size", "server", "user", "handle", "outcome", "severity",
          "trigger", "description", "locale")
"""The fields a translator names (``pgettext`` context "filter field")."""


@pytest.fixture
def cold_field_words() -> Iterator[None]:
    """The language's field words built afresh, and English again afterwards: the words are cached per
    language in the process, so a test after another in the same language would otherwise only read the
    cache (and under mutation testing, a cache filled before the fork hides the code that builds it)."""
    catalogue._LOCALIZED.clear()
    yield
    i18n.set_language("en")
    catalogue._LOCALIZED.clear()


def test_each_common_field_is_named_in_the_language_shown(cold_field_words: None) -> None:
    i18n.set_language("zh_TW")
    for name in COMMON:
        word = i18n.pgettext("filter field", name)
        assert word != name, name  # each has its own word in Chinese
        (term,) = parse(f"{word}:1").terms
        assert term.field == name, (word, name)
        (upper,) = parse(f"{word.upper()}:1").terms  # the word is matched casefolded
        assert upper.field == name, (word, name)
        (ips,) = parse(f"{name}:1").terms  # the IPS name keeps working
        assert ips.field == name


def test_the_field_words_follow_a_language_switch(cold_field_words: None) -> None:
    job = m.ActiveJob(job_handle="j|1", name="狀態:running export")
    i18n.set_language("en")
    (bare,) = parse("狀態:running").terms  # in English it is only text
    assert bare.field is None and parse("狀態:running").matches(job)
    i18n.set_language("zh_TW")
    (state,) = parse("狀態:running").terms
    assert state.field == "state" and not parse("狀態:running").matches(job)
    i18n.set_language("en")
    assert parse("狀態:running").terms[0].field is None


def test_an_unknown_ascii_field_is_an_error_in_any_language(cold_field_words: None) -> None:
    for language in ("zh_TW", "en"):
        i18n.set_language(language)
        with pytest.raises(QueryError) as info:
            parse("nosuchfield:1")
        assert "nosuchfield" in str(info.value)
        assert "cannot parse" not in str(info.value)


@dataclass
class MysteryJob:
    """A sub-job type this client has no element name for."""

    note: str = ""


def test_a_sub_job_of_an_unknown_type_is_named_by_its_class() -> None:
    job = m.ActiveJob(job_handle="j|1", name="n", type=None, sub_job=MysteryJob())
    assert parse("subJob=mysteryjob").matches(job)
    assert parse("type:mystery").matches(job)
    assert not parse("subJob:nonetype").matches(job)


def test_the_field_list_is_in_dictionary_order_whatever_the_case() -> None:
    names = catalogue.field_names()
    assert names == sorted(names, key=str.casefold) and len(names) == len(set(names))
    assert names.index("includeSubfolders") < names.index("inDesignOptions")  # c before D, as a reader expects
    assert {"state", "name", "type", "size", "subJob", "jobHandle", "startDate"} <= set(names)


def test_a_field_word_with_signs_beyond_letters_names_its_field(cold_field_words: None) -> None:
    """The words shown in the pseudo language are wrapped in ⟦…⟧, and a translator's word may hold a
    hyphen (``E-mail setting``): typed before an operator, each names its field like any shown word —
    it is not taken for a bare word that silently matches nothing."""
    video = m.ActiveJob(job_handle="j|1", name="clip", type="VideoPublish", progress=60)
    image = m.ActiveJob(job_handle="j|2", name="still", type="ImageServingPublish", progress=10)
    i18n.set_language("pseudo")
    for name in COMMON:
        word = i18n.pgettext("filter field", name)
        assert word == f"⟦{name}⟧"
        (term,) = parse(f"{word}:1").terms
        assert term.field == name, word
        (upper,) = parse(f"!{word.upper()}=1").terms
        assert (upper.field, upper.op, upper.negated) == (name, "=", True), word
    assert parse("⟦type⟧:video").filter([video, image]) == [video]
    assert parse("!⟦type⟧:video").filter([video, image]) == [image]
    assert parse("⟦progress⟧>50").filter([video, image]) == [video]
    assert parse("⟦progress⟧<=10").filter([video, image]) == [image]
    assert str(parse("⟦type⟧:video")) == "type:video"  # read back in IPS words
    with pytest.raises(QueryError, match="number"):
        parse("⟦progress⟧>lots")  # a field now, so a bad value is an error, not a phrase that never matches
    catalogue.add_field_words("emailSetting", "E-mail setting")  # the detail pane's label (tui/field_labels.py)
    (mail,) = parse("⟦E-mailsetting⟧:error").terms
    assert mail.field == "emailSetting"


def test_text_that_only_looks_like_a_shown_field_word_stays_text(cold_field_words: None) -> None:
    job = m.ActiveJob(job_handle="j|1", name="⟦type⟧:video ⟦nosuch⟧:x")
    i18n.set_language("pseudo")
    for text in ("⟦nosuch⟧:x", "⟦type⟧", ":video", "⟦type⟧⟧:video"):
        (term,) = parse(text).terms
        assert term.field is None, text
    quoted = parse('"⟦type⟧:video"')
    assert quoted.terms[0].field is None and quoted.matches(job)
    assert parse(str(quoted)) == quoted  # read back quoted, so it stays the phrase it was
    i18n.set_language("en")
    (english,) = parse("⟦type⟧:video").terms  # in English no shown word is wrapped: only text
    assert english.field is None and parse("⟦type⟧:video").matches(job)
