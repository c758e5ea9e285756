"""How the filter reads values and anchors time, by behaviour (issue 16: the survivors of the mutation run over
``model/query/values.py`` and ``compiled.py``): booleans and plain enums in a text field, the words the console
shows for a state, records nested deep, a record with an unset field, dates and "now" in another time zone."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from enum import Enum

import pytest

from activejob_tui.model import jobs as m
from activejob_tui.model.enums import ActiveJobState, TriggerState
from activejob_tui.model.query import Query, QueryError, parse

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
PLUS_TWO = timezone(timedelta(hours=2))


class Level(Enum):
    """An enum that is not an IPS (text) enum: the filter reads it by its value."""

    HIGH = "High"
    LOW = "Low"


@dataclass
class Thing:
    name: object = None
    description: object = None
    start_date: object = None


def test_a_boolean_in_a_text_field_reads_true_or_false() -> None:
    assert parse("description=true").matches(Thing(description=True))
    assert not parse("description=true").matches(Thing(description=False))
    assert parse("description=false").matches(Thing(description=False))
    assert parse("description:fal").matches(Thing(description=False))


def test_a_boolean_among_the_bare_word_fields_reads_true_or_false() -> None:
    assert parse("job true").matches(Thing(name="job", description=True))
    assert not parse("job false").matches(Thing(name="job", description=True))


def test_a_false_or_zero_among_the_bare_word_fields_is_seen_like_a_true_or_a_number() -> None:
    """A non-text value a bare word searches reads as its text whatever its truth: ``false`` and ``0``
    as ``true`` and ``5`` do — whether or not another non-text value sits beside it."""
    for value, word in ((False, "false"), (0, "0"), (0.0, "0.0"), (True, "true"), (5, "5")):
        assert parse(word).matches(Thing(name="job", description=value)), value
        assert parse(f"job {word}").matches(Thing(name="job", description=value)), value
        assert not parse(f"!{word}").matches(Thing(name="job", description=value)), value
        assert parse(word).matches(Thing(name=7, description=value)), value
        assert parse(word).matches(OnlyName(name=value)), value
    assert not parse("false").matches(Thing(name="job", description=True))
    assert not parse("0").matches(Thing(name="job", description=5))


def test_numbers_and_truth_of_the_model_are_matched_when_false_or_zero() -> None:
    """Progress 0, a sub-job's ``overwrite`` False, a task's 0 processed items: a field term sees them
    (bare words search the text fields only: name, handle, type, description — README)."""
    task = m.TaskProgress(task_type="Thumbnail", num_processed=0, progress=0.0)
    job = m.ActiveJob(job_handle="j|1", name="n", progress=0, total_size=0, task_progress_array=(task,),
                      sub_job=m.UploadUrlsJob(overwrite=False, num_urls=0))
    for text in ("progress:0", "progress=0", "progress<1", "size=0", "overwrite:false", "overwrite=no",
                 "!overwrite:true", "numUrls=0", "taskProgressArray:thumbnail"):
        assert parse(text).matches(job), text
    for text in ("progress>0", "overwrite:true", "!progress=0", "numUrls>0"):
        assert not parse(text).matches(job), text


def test_a_plain_enum_in_a_text_field_reads_by_its_value() -> None:
    assert parse("description=high").matches(Thing(description=Level.HIGH))
    assert parse("description:ig").matches(Thing(description=Level.HIGH))
    assert not parse("description=high").matches(Thing(description=Level.LOW))
    assert not parse("description:none").matches(Thing(description=Level.LOW))


def test_a_plain_enum_that_does_not_match_does_not_hide_the_next_leaf() -> None:
    # an array holding a plain enum before the matching text: every leaf is tried
    assert parse("description:copying").matches(Thing(description=(Level.LOW, "copying 4 of 10")))
    assert parse("description=done").matches(Thing(description=(Level.HIGH, "done")))
    assert not parse("description=done").matches(Thing(description=(Level.HIGH, "running")))


def test_the_words_the_console_shows_for_a_state_match_too() -> None:
    waiting = m.ActiveJob(job_handle="j|1", name="n", state=ActiveJobState.WAITING_CLIENT)
    assert parse("state:waitclient").matches(waiting)
    assert parse("state=WaitClient").matches(waiting)
    assert parse("state=WaitingClient").matches(waiting)  # the IPS value itself
    assert not parse("state=waitcoord").matches(waiting)
    coord = m.ActiveJob(job_handle="j|2", name="n", state=ActiveJobState.WAITING_COORDINATOR)
    assert parse("state=waitcoord").matches(coord)
    normal = m.ScheduledJob(job_handle="s|1", name="n", trigger_state=TriggerState.NORMAL)
    assert parse("trigger=scheduled").matches(normal)
    assert parse("state:sched").matches(normal)
    assert parse("trigger=normal").matches(normal)
    paused = m.ScheduledJob(job_handle="s|2", name="n", trigger_state=TriggerState.PAUSED)
    assert not parse("trigger:scheduled").matches(paused)


@dataclass
class Box:
    inner: object = None


def nested(levels: int, leaf: str) -> object:
    value: object = leaf
    for _ in range(levels):
        value = Box(value)
    return value


def test_records_are_searched_twelve_levels_deep_and_no_deeper() -> None:
    # the field's record is level 0; a record nested 12 times is not opened (a guard against cycles)
    assert parse("description=deep").matches(Thing(description=nested(12, "deep")))
    assert not parse("description=deep").matches(Thing(description=nested(13, "deep")))
    assert parse("description=deep").matches(Thing(description=[nested(11, "deep")]))
    assert not parse("description=deep").matches(Thing(description=[nested(12, "deep")]))


@dataclass
class Partial:
    late: str = field(init=False)  # never set: no value, no default
    note: str = ""


def test_a_record_with_an_unset_field_is_still_searched_by_its_other_fields() -> None:
    assert parse("description:copying").matches(Thing(description=Partial(note="copying")))
    assert not parse("description:uploading").matches(Thing(description=Partial(note="copying")))


def test_a_date_in_another_time_zone_is_compared_as_the_same_instant() -> None:
    at = datetime(2026, 11, 24, 12, 30, tzinfo=PLUS_TWO)  # 10:30 UTC
    assert parse("startDate=2026-11-24T10:30Z").matches(Thing(start_date=at), NOW)
    assert parse("startDate<2026-11-24T11:00Z").matches(Thing(start_date=at), NOW)
    assert not parse("startDate>2026-11-24T11:00Z").matches(Thing(start_date=at), NOW)
    # the day is the UTC day: 00:30 at +02:00 on the 25th is still the 24th in UTC
    early = datetime(2026, 11, 25, 0, 30, tzinfo=PLUS_TWO)
    assert parse("startDate=2026-11-24").matches(Thing(start_date=early), NOW)


def test_now_in_another_time_zone_anchors_ages_at_the_same_instant() -> None:
    now_plus_two = NOW.astimezone(PLUS_TWO)  # 14:00 at +02:00 is 12:00 UTC
    hour_old = Thing(start_date=NOW - timedelta(hours=1))
    assert parse("startDate<90m").matches(hour_old, now_plus_two)
    assert not parse("startDate>90m").matches(hour_old, now_plus_two)
    assert parse("startDate<90m").filter([hour_old], now_plus_two) == [hour_old]
    naive_now = datetime(2026, 11, 25, 12, 0)  # a naive "now" is UTC
    assert parse("startDate<90m").matches(hour_old, naive_now)
    assert not parse("startDate<30m").matches(hour_old, naive_now)


def test_a_query_keeps_its_expression_text() -> None:
    assert parse("state:running  nightly").expression == "state:running  nightly"
    assert Query().expression == ""
    assert Query().is_empty and Query().matches(Thing()) and Query().filter([1, 2]) == [1, 2]


# --- comparisons.py ------------------------------------------------------------------------------


def test_a_shown_word_that_does_not_contain_the_text_does_not_match() -> None:
    waiting = m.ActiveJob(job_handle="j|1", name="n", state=ActiveJobState.WAITING_CLIENT)
    assert not parse("state:coord").matches(waiting)
    assert not parse("state:running").matches(waiting)


def test_a_true_or_false_field_takes_equals_as_well_as_colon() -> None:
    failed = m.JobLog(job_handle="l|1", job_name="n", fatal_error=True)
    fine = m.JobLog(job_handle="l|2", job_name="n", fatal_error=False)
    assert parse("fatalError=true").matches(failed) and not parse("fatalError=true").matches(fine)
    assert parse("fatalError=no").matches(fine) and parse("fatalError:yes").matches(failed)


def test_a_year_alone_is_not_a_date() -> None:
    # ISO allows "2024" (and dateutil reads it), but the filter asks for a day or an instant
    for expr in ("startDate>2024", "startDate<2024W011"):
        with pytest.raises(QueryError, match="needs a relative age"):
            parse(expr)


def test_the_time_until_a_future_field_reads_text_and_naive_dates_too() -> None:
    @dataclass
    class Scheduled:
        next_fire_time: object = None

    in_half_an_hour = "2026-11-25T12:30:00Z"
    assert parse("nextFireTime<1h").matches(Scheduled(in_half_an_hour), NOW)
    assert not parse("nextFireTime>1h").matches(Scheduled(in_half_an_hour), NOW)
    naive = datetime(2026, 11, 25, 12, 30)  # naive: UTC
    assert parse("nextFireTime<1h").matches(Scheduled(naive), NOW)
    assert parse("nextFireTime>20m").matches(Scheduled(naive), NOW)
    assert not parse("nextFireTime<20m").matches(Scheduled(naive), NOW)
    aware = datetime(2026, 11, 25, 14, 30, tzinfo=PLUS_TWO)  # 12:30 UTC
    assert parse("nextFireTime<1h").matches(Scheduled(aware), NOW)
    assert not parse("nextFireTime<20m").matches(Scheduled(aware), NOW)
    assert not parse("nextFireTime<1h").matches(Scheduled("soon"), NOW)


# --- terms.py ------------------------------------------------------------------------------------


class BadZone(tzinfo):
    """A zone whose offset cannot be read (a broken tz database entry)."""

    def utcoffset(self, dt: datetime | None) -> timedelta:
        raise ValueError("no offset")

    def dst(self, dt: datetime | None) -> timedelta:
        raise ValueError("no offset")

    def tzname(self, dt: datetime | None) -> str:
        return "??"


BROKEN = datetime(2026, 11, 25, 11, 0, tzinfo=BadZone())


class Stamp(datetime):
    """A datetime subclass (as date libraries hand out): read like any date."""


class Unprintable:
    def __str__(self) -> str:
        raise ValueError("cannot print")


def test_a_negated_date_term_keeps_its_now() -> None:
    young = Thing(start_date=NOW - timedelta(minutes=10))
    old = Thing(start_date=NOW - timedelta(hours=3))
    assert not parse("!startDate<1h").matches(young, NOW)
    assert parse("!startDate<1h").matches(old, NOW)
    assert parse("!startDate<1h").filter([young, old], NOW) == [old]


def test_a_term_on_a_class_without_its_field_is_false_not_merely_falsy() -> None:
    (term,) = parse("server:alpha").terms
    detail = m.JobLogDetail(log_message="uploaded", asset_name="a.jpg")
    assert term.predicate(m.JobLogDetail)(detail, NOW) is False


def test_dates_inside_an_array_or_of_a_date_subclass_are_aged_from_now() -> None:
    recent = NOW - timedelta(minutes=10)
    assert parse("startDate<1h").matches(Thing(start_date=(NOW - timedelta(days=2), recent)), NOW)
    assert not parse("startDate<1h").matches(Thing(start_date=(NOW - timedelta(days=2),)), NOW)
    stamp = Stamp(2026, 11, 25, 11, 50, tzinfo=UTC)
    assert parse("startDate<1h").matches(Thing(start_date=stamp), NOW)
    assert not parse("startDate>1h").matches(Thing(start_date=stamp), NOW)


def test_a_value_that_cannot_be_read_never_matches() -> None:
    assert not parse("description:none").matches(Thing(description=Unprintable()))
    assert not parse("!description:none").matches(Thing(description="none"))
    assert not parse("startDate<1d").matches(Thing(start_date=BROKEN), NOW)  # a scalar: the fast path
    assert not parse("description:none").matches(Thing(description=BROKEN))  # its text cannot be made either


def test_one_unreadable_reader_does_not_stop_the_next_one() -> None:
    log = m.JobLog(job_handle="l|1", job_name="n", log_type=BROKEN, job_sub_type="VideoEncode")
    assert parse("type:video").matches(log)


def test_a_reader_giving_an_array_among_several_readers_is_searched_by_element() -> None:
    log = m.JobLog(job_handle="l|1", job_name="n", log_type=None, job_sub_type=("Image", "VideoEncode"))
    assert parse("type=videoencode").matches(log)
    assert not parse("type=video").matches(log)


def test_bare_words_see_no_empty_field_and_no_separator() -> None:
    job = m.ActiveJob(job_handle="j|1", name="a", description="b")
    assert not parse("none").matches(job)  # its empty type is not the word "none"
    assert not parse("xx").matches(job)
    assert not parse("xx").matches(Thing(name="a", description=True))  # a non-text value among them
    assert parse("a true").matches(Thing(name="a", description=True))


@dataclass
class OnlyName:
    name: object = None


def test_a_phrase_holding_the_field_separator_matches_within_one_field_only() -> None:
    phrase = parse('"a\x00b"')
    assert phrase.matches(OnlyName(name="xa\x00by"))
    assert not phrase.matches(OnlyName(name="ab"))
    assert phrase.matches(m.ActiveJob(job_handle="j|1", name="a\x00b"))
    assert not phrase.matches(m.ActiveJob(job_handle="b", name="a"))  # not across name and handle


def test_a_field_value_is_read_back_as_written() -> None:
    for expr in ("name:!x", "description=a:b", 'name:"a\\"b"', 'name:"two words"', "name:plain"):
        assert str(parse(expr)) == expr, expr
        assert parse(str(parse(expr))) == parse(expr)
