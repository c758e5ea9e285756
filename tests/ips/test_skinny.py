"""The skinny cold parse (ips/skinny.py): only the items' top-level fields are parsed, the trailing
nested parts replaced by empty markers; every doubt falls back to the whole parse, and the result
always equals the eager decode of the same bytes."""

from __future__ import annotations

import dataclasses
import re

import pytest

from activejob_tui.ips import decode as d
from activejob_tui.ips import lazy
from activejob_tui.ips.cut import FIRST_FIELD, Cut
from activejob_tui.ips.errors import MalformedResponse
from activejob_tui.ips.skinny import skinny_items, well_formed
from ips.recorded import ANSWERS, LIST_ANSWERS, recorded

ACTIVE = (ANSWERS / "active_jobs_2016.xml").read_bytes()


def equal_to_eager(data: bytes, spec: d.Answer = d.ACTIVE) -> list:
    eager = d.decode_full(data, spec)[0]
    items = lazy.decode_answer(data, spec)[0]
    assert len(items) == len(eager)
    for ours, theirs in zip(items, eager):
        for field in dataclasses.fields(theirs):
            assert getattr(ours, field.name) == getattr(theirs, field.name), field.name
    return items


@pytest.mark.parametrize("name", LIST_ANSWERS)
def test_recorded_answers_take_the_skinny_path_and_equal_the_eager_decode(name):
    data, spec, cut = recorded(name)
    pieces = skinny_items(cut, d.deferred_elements(spec.item_cls))
    assert pieces is not None and len(pieces) == len(cut.slices)
    assert sum(map(len, pieces)) < 0.8 * sum(map(len, cut.slices))  # the nested parts are not parsed
    assert lazy._skinny(data, spec, FIRST_FIELD) is not None
    equal_to_eager(data, spec)


def test_a_top_level_field_after_the_sub_job_is_kept():
    """The walk back from </items> stops at the first element that is not deferred: a field sent
    after the nested parts is parsed like any other (a tolerant server may order fields freely)."""
    first = ACTIVE.index(b"<ns1:progress>")
    end = ACTIVE.index(b"</ns1:progress>", first) + len(b"</ns1:progress>")
    field = ACTIVE[first:end]
    moved = ACTIVE[:first] + ACTIVE[end:]
    close = moved.index(b"</ns1:items>\n<ns1:items>")  # the end of the first job
    moved = moved[:close] + field + moved[close:]
    items = equal_to_eager(moved)
    assert items[0].progress == int(re.search(rb">(\d+)<", field)[1])
    assert lazy._skinny(moved, d.ACTIVE, FIRST_FIELD) is not None


@pytest.mark.parametrize("change", [
    (b"<ns1:imageServingPublishJob>", b'<ns1:imageServingPublishJob xmlns:x="urn:x">'),  # attributes: doubt
    (b"<ns1:publishType>Full</ns1:publishType>",  # the same name nested inside: doubt
     b"<ns1:imageServingPublishJob></ns1:imageServingPublishJob><ns1:publishType>Full</ns1:publishType>"),
])
def test_doubtful_nested_parts_fall_back_to_the_whole_parse(change):
    data = ACTIVE.replace(*change, 1)
    assert data != ACTIVE
    assert lazy._skinny(data, d.ACTIVE, FIRST_FIELD) is None
    equal_to_eager(data)


def test_a_nested_part_that_is_not_well_formed_fails_the_whole_answer_as_before():
    data = ACTIVE.replace(b"<ns1:publishType>Full</ns1:publishType>", b"<ns1:publishType>Full</ns1:publishTyp>", 1)
    assert not well_formed(data)
    assert lazy._skinny(data, d.ACTIVE, FIRST_FIELD) is None
    with pytest.raises(MalformedResponse):
        d.decode_full(data, d.ACTIVE)
    with pytest.raises(MalformedResponse):
        lazy.decode_answer(data, d.ACTIVE)


def test_well_formed_refuses_what_the_hardened_parser_refuses():
    assert well_formed(ACTIVE)
    assert not well_formed(ACTIVE[:-40])
    assert not well_formed(b"not xml")


def test_a_false_item_start_inside_the_nested_parts_is_doubt():
    """A task item that starts with ``companyHandle`` makes the cut start a piece inside the first
    job, after a task that ends with a nested element of a deferred name with attributes: doubt, the
    whole answer is parsed, and the result is still the eager decode."""
    first_task_end = ACTIVE.index(b"<ns1:taskItemProgressArray/>") + len(b"<ns1:taskItemProgressArray/>")
    odd = (b'<ns1:taskProgressArray xmlns:x="urn:x"><ns1:items/></ns1:taskProgressArray>'
           b"</ns1:items><ns1:items><ns1:companyHandle>c|1</ns1:companyHandle>")
    data = ACTIVE[:first_task_end] + odd + ACTIVE[first_task_end:]
    assert lazy._skinny(data, d.ACTIVE, FIRST_FIELD) is None
    equal_to_eager(data)


def test_a_piece_is_proven_one_item_without_counting_its_tags():
    """The skinny path does not count each piece's item tags (issue 12: a fifth of the cold decode):
    the part kept holds no item tag but the piece's own, and each part cut out must be a whole
    element — no other open tag of its name inside it. Here the nearest attribute-free
    ``<taskProgressArray>`` before the last close tag is an ancestor (the real open tag has an
    attribute): cutting from it would cut half an element, so the piece is in doubt."""
    tags = (b"<items", b"<items>", b"<items/>", b"</items", b"</items>")
    names = d.deferred_elements(d.ACTIVE.item_cls)
    whole = b"<items><companyHandle>c</companyHandle><taskProgressArray><items/></taskProgressArray></items>"
    assert skinny_items(Cut(b"", [whole], b"utf-8", tags), names) == [
        b"<items><companyHandle>c</companyHandle><taskProgressArray/></items>"]
    half = (b"<items><companyHandle>c</companyHandle><taskProgressArray><items><taskType>t</taskType>"
            b'<taskProgressArray a="1"><items/></taskProgressArray></items>')
    assert skinny_items(Cut(b"", [half], b"utf-8", tags), names) is None
