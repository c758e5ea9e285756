"""The decoder's element → value converters (``ips/convert.py``), by value: dates and their cache, local
names and theirs, handle arrays, option records, enumeration values (IPS_JOBS_API.md §10 for the shapes)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from enum import Enum

from lxml import etree

from activejob_tui.ips import convert
from activejob_tui.model.enums import ActiveJobState

NS = "http://www.scene7.com/IpsApi/xsd/2016-01-14-beta"


def xml(text: str) -> etree._Element:
    return etree.fromstring(text)


def test_parse_date_reads_each_form_ips_sends():
    assert convert.parse_date("2026-11-25T10:05:00Z") == datetime(2026, 11, 25, 10, 5, tzinfo=UTC)
    assert convert.parse_date("2026-11-25T10:05:00.250Z") == datetime(2026, 11, 25, 10, 5, 0, 250000, tzinfo=UTC)
    no_zone = convert.parse_date("2026-11-25T10:05:00")  # no zone: UTC
    assert no_zone == datetime(2026, 11, 25, 10, 5, tzinfo=UTC) and no_zone.utcoffset() == timedelta(0)
    offset = convert.parse_date("2026-11-25T10:05:00-07:00")
    assert offset == datetime(2026, 11, 25, 17, 5, tzinfo=UTC) and offset.utcoffset() == timedelta(hours=-7)
    assert convert.parse_date("2026-11-25T10:05:00+00:00").tzinfo is not None
    assert convert.parse_date(None) is None and convert.parse_date("") is None
    assert convert.parse_date("yesterday") is None


def test_parse_date_range_check_applies_to_offsets():
    # an offset that moves the instant before year 1 cannot be a datetime: None, not an exception
    assert convert.parse_date("0001-01-01T00:00:00+05:00") is None
    assert convert.parse_date("9999-12-31T23:00:00-05:00") is None
    assert convert.parse_date("0001-01-01T06:00:00+05:00") == datetime(1, 1, 1, 1, 0, tzinfo=UTC)


def test_parse_date_remembers_each_text_including_the_unparseable():
    first = convert.parse_date("2026-01-02T03:04:05Z")
    assert convert.DATE_CACHE == {"2026-01-02T03:04:05Z": first}
    assert convert.parse_date("2026-01-02T03:04:05Z") is first  # the same object: from the cache
    assert convert.parse_date("garbage") is None
    assert "garbage" in convert.DATE_CACHE and convert.DATE_CACHE["garbage"] is None
    convert.DATE_CACHE["2030-01-01T00:00:00Z"] = datetime(1999, 1, 1, tzinfo=UTC)  # a planted entry is believed
    assert convert.parse_date("2030-01-01T00:00:00Z") == datetime(1999, 1, 1, tzinfo=UTC)
    convert.DATE_CACHE["2031-01-01T00:00:00Z"] = None  # a remembered None too
    assert convert.parse_date("2031-01-01T00:00:00Z") is None


def test_the_date_cache_is_cleared_when_full_not_before():
    start = datetime(2026, 1, 1, tzinfo=UTC)
    texts = [(start + timedelta(seconds=i)).strftime("%Y-%m-%dT%H:%M:%SZ") for i in range(convert.DATE_CACHE_MAX + 1)]
    for text in texts[:-1]:
        convert.parse_date(text)
    assert len(convert.DATE_CACHE) == convert.DATE_CACHE_MAX == 512
    assert convert.parse_date(texts[-1]) == start + timedelta(seconds=convert.DATE_CACHE_MAX)
    assert convert.DATE_CACHE == {texts[-1]: start + timedelta(seconds=convert.DATE_CACHE_MAX)}


def test_local_of_and_its_bounded_memory():
    assert convert.local_of(f"{{{NS}}}jobHandle") == "jobHandle"
    assert convert.local_of("plain") == "plain"
    assert convert.local_of("{a}b}c") == "c"
    assert convert.LOCALS == {f"{{{NS}}}jobHandle": "jobHandle", "plain": "plain", "{a}b}c": "c"}
    assert convert.local_of(etree.Comment) is None  # a comment's tag is a function
    assert convert.local_of(None) is None
    for i in range(4096 - len(convert.LOCALS)):
        convert.local_of(f"{{x}}t{i}")
    assert len(convert.LOCALS) == 4096
    assert convert.local_of("{x}one-more") == "one-more" and "{x}one-more" not in convert.LOCALS


def test_handles_keeps_the_item_texts_in_order_and_nothing_else():
    el = xml(f'<a xmlns="{NS}"><items>j|1</items><!-- c --><other>x</other><items/><items>j|2</items>'
             f'<items></items><items>j|3</items></a>')
    assert convert.handles(el) == ("j|1", "j|2", "j|3")
    assert convert.handles(xml("<a><items>u</items></a>")) == ("u",)  # no namespace: the local name is enough
    assert convert.handles(xml(f'<a xmlns="{NS}"/>')) is None  # §10: empty = unknown
    assert convert.handles(xml(f'<a xmlns="{NS}"><items/><other>x</other></a>')) is None
    convert.LOCALS[f"{{{NS}}}renamed"] = "items"  # the names come through the remembered local names
    assert convert.handles(xml(f'<a xmlns="{NS}"><renamed>h</renamed></a>')) == ("h",)


def test_raw_record_pairs_in_document_order_empties_left_out():
    el = xml(f'<opts xmlns="{NS}"><b>2</b><!-- c --><a>1</a><empty/><nested><x>9</x><e/></nested>'
             f'<hollow><e/><f></f></hollow><blank></blank><b>3</b></opts>')
    assert convert.raw_record(el) == (("b", "2"), ("a", "1"), ("nested", (("x", "9"),)), ("b", "3"))
    assert convert.raw_record(xml("<opts/>")) == ()
    assert convert.raw_record_or_none(xml(f'<mediaOptions xmlns="{NS}"/>')) is None
    assert convert.raw_record_or_none(xml(f'<m xmlns="{NS}"><e/></m>')) is None
    assert convert.raw_record_or_none(xml("<m><k>v</k></m>")) == (("k", "v"),)
    convert.LOCALS[f"{{{NS}}}renamed"] = "known"
    assert convert.raw_record(xml(f'<m xmlns="{NS}"><renamed>v</renamed></m>')) == (("known", "v"),)


def test_bools_and_enumerations():
    assert convert.BOOLS == {"true": True, "1": True, "false": False, "0": False}
    members = convert.Members(ActiveJobState)
    assert members.enum is ActiveJobState and members["Running"] is ActiveJobState.RUNNING
    assert set(members) == {m.value for m in ActiveJobState}
    assert convert.enum_value(ActiveJobState, "Running") is ActiveJobState.RUNNING
    odd = convert.enum_value(ActiveJobState, "Teleporting")
    assert odd.value == "Teleporting" and odd.recognized is False

    class Closed(Enum):
        A = "a"

    assert convert.enum_value(Closed, "b") is None  # an enumeration without pseudo-members: None, no exception
    assert convert.enum_value(Closed, "a") is Closed.A
    assert timezone.utc is UTC
