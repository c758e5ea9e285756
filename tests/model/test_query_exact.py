"""The filter's error messages word for word, and each unit by value (issue 16: the survivors of the filter's
mutation run were mostly error words and unit-table entries no test pinned). An operator reads these sentences
in the console's filter bar and in the CLI's one-line error; a changed word is a changed product."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from activejob_tui.model.query import QueryError, parse

BIG = "9" * 400

MESSAGES = [
    ("foo:bar", "unknown field 'foo' in 'foo:bar' (at column 1)"),
    ("ok nme:x", "unknown field 'nme' in 'nme:x' (at column 4); did you mean 'name'?"),
    ("a zzzzzz:1", "unknown field 'zzzzzz' in 'zzzzzz:1' (at column 3)"),
    ("a !", "'!' needs a term after it (term '!' at column 3)"),
    ("!!a", "double negation (term '!!a' at column 1)"),
    ('x "abc', "unterminated quote in '\"abc' (at column 3)"),
    ('x "a\\"bc', "unterminated quote in '\"a\\\"bc' (at column 3)"),
    ('name:"a"b', "unexpected text after the closing quote (term 'name:\"a\"b' at column 1)"),
    ('!"x"y', "unexpected text after the closing quote (term '!\"x\"y' at column 1)"),
    ('ab"c"', "unexpected quote (quote the whole word or value) (term 'ab\"c\"' at column 1)"),
    ('name:a"b"', "unexpected quote (quote the whole value) (term 'name:a\"b\"' at column 1)"),
    ('""', "empty phrase (term '\"\"' at column 1)"),
    ("name:", "missing value after 'name:' (term 'name:' at column 1)"),
    ('name:""', "missing value after 'name:' (term 'name:\"\"' at column 1)"),
    ("name>3", "'name' is text: use name:3 (contains) or name=3 (equals) (term 'name>3' at column 1)"),
    ("fatalError>1",
     "'fatalError' is true or false: use fatalError:true or fatalError:false (term 'fatalError>1' at column 1)"),
    ("fatalError:maybe", "'fatalError' is true or false, not 'maybe' (term 'fatalError:maybe' at column 1)"),
    ("progress>lots",
     "'progress' needs a number (e.g. progress>50, progress>1.5gb), not 'lots' (term 'progress>lots' at column 1)"),
    ("progress>5zb", "unknown unit 'zb' (use b, kb, mb, gb, tb or pb) (term 'progress>5zb' at column 1)"),
    ("progress>5ZB", "unknown unit 'ZB' (use b, kb, mb, gb, tb or pb) (term 'progress>5ZB' at column 1)"),
    ("startDate<30",
     "'startDate' needs a relative age (e.g. startDate<10m, units s m h d w) or an ISO date "
     "(e.g. startDate>2024-05-01), not '30' (term 'startDate<30' at column 1)"),
    ("startDate=1h", "a relative age needs < or > (startDate<1h or startDate>1h), not = (term 'startDate=1h' at column 1)"),
    ("totalSize>" + BIG + "pb", f"number too large: '{BIG}pb' (term 'totalSize>{BIG}pb' at column 1)"),
    ("startDate<" + BIG + "w", f"duration too large: '{BIG}w' (term 'startDate<{BIG}w' at column 1)"),
]


@pytest.mark.parametrize(("expr", "message"), MESSAGES, ids=[m[0][:30] for m in MESSAGES])
def test_each_error_message_word_for_word(expr: str, message: str) -> None:
    with pytest.raises(QueryError) as info:
        parse(expr)
    assert str(info.value) == info.value.message == message


def test_a_non_text_expression() -> None:
    with pytest.raises(QueryError) as info:
        parse(None)  # type: ignore[arg-type]
    err = info.value
    assert (str(err), err.position, err.term, err.expression) == ("a filter expression must be text", 0, "", "")


def test_a_query_error_without_details_points_at_the_start() -> None:
    err = QueryError("bad")
    assert (err.position, err.term, err.expression) == (0, "", "")
    assert err.caret() == "\n^"


@dataclass
class Sized:
    total_size: object = None
    progress: object = None


KIB = 1024
SIZES = {
    "": 1, "b": 1, "k": KIB, "kb": KIB, "kib": KIB, "m": KIB**2, "mb": KIB**2, "mib": KIB**2,
    "g": KIB**3, "gb": KIB**3, "gib": KIB**3, "t": KIB**4, "tb": KIB**4, "tib": KIB**4,
    "p": KIB**5, "pb": KIB**5, "pib": KIB**5,
}


@pytest.mark.parametrize("unit", list(SIZES))
def test_each_size_unit_by_value(unit: str) -> None:
    size = 3 * SIZES[unit]
    for written in (unit, unit.upper()):
        assert parse(f"totalSize=3{written}").matches(Sized(total_size=size))
        assert not parse(f"totalSize=3{written}").matches(Sized(total_size=size + 1))
        assert parse(f"totalSize>=3{written}").matches(Sized(total_size=size))
        assert not parse(f"totalSize>3{written}").matches(Sized(total_size=size))
        assert parse(f"totalSize<=3{written}").matches(Sized(total_size=size))
        assert not parse(f"totalSize<3{written}").matches(Sized(total_size=size))
        assert parse(f"totalSize:3{written}").matches(Sized(total_size=size))  # ':' on a number is '='


def test_percent_and_decimals() -> None:
    assert parse("progress>=50%").matches(Sized(progress=50))
    assert not parse("progress>50%").matches(Sized(progress=50))
    assert parse("progress=.5").matches(Sized(progress=0.5))
    assert parse("progress=-2").matches(Sized(progress=-2))
    assert parse("totalSize=1.5kb").matches(Sized(total_size=1536))
    assert parse('totalSize="1.5 kb"').matches(Sized(total_size=1536))  # a quoted value may space the unit
    assert parse("totalSize>1k").matches(Sized(total_size="2048"))  # a number in text counts as the number
    assert not parse("totalSize>1k").matches(Sized(total_size="lots"))
    assert not parse("totalSize>0").matches(Sized(total_size=True))  # a boolean is not a number


NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@dataclass
class Dated:
    start_date: object = None
    next_fire_time: object = None


SECONDS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400, "w": 604800}


@pytest.mark.parametrize("unit", list(SECONDS))
def test_each_duration_unit_by_value(unit: str) -> None:
    span = timedelta(seconds=2 * SECONDS[unit])
    for written in (unit, unit.upper()):
        younger = Dated(start_date=NOW - span + timedelta(seconds=0.5))
        older = Dated(start_date=NOW - span - timedelta(seconds=0.5))
        assert parse(f"startDate<2{written}").matches(younger, NOW)
        assert not parse(f"startDate<2{written}").matches(older, NOW)
        assert parse(f"startDate>2{written}").matches(older, NOW)
        assert not parse(f"startDate>2{written}").matches(younger, NOW)
        sooner = Dated(next_fire_time=NOW + span - timedelta(seconds=0.5))  # a future field: time until
        assert parse(f"nextFireTime<2{written}").matches(sooner, NOW)
        assert not parse(f"nextFireTime>2{written}").matches(sooner, NOW)


def test_durations_add_up_and_take_decimals() -> None:
    just_under = Dated(start_date=NOW - timedelta(hours=1, minutes=30) + timedelta(seconds=1))
    just_over = Dated(start_date=NOW - timedelta(hours=1, minutes=30) - timedelta(seconds=1))
    for written in ("1h30m", "1.5h", "90min", "5400s"):
        assert parse(f"startDate<{written}").matches(just_under, NOW), written
        assert not parse(f"startDate<{written}").matches(just_over, NOW), written
    assert parse("startDate>=1h").matches(Dated(start_date=NOW - timedelta(hours=1)), NOW)
    assert parse("startDate<=1h").matches(Dated(start_date=NOW - timedelta(hours=1)), NOW)
    assert not parse("startDate<1h").matches(Dated(start_date=None), NOW)
    assert parse("startDate<1h").matches(Dated(start_date="2026-11-25T11:30:00Z"), NOW)  # a date in text
    assert parse("startDate<1h").matches(Dated(start_date=datetime(2026, 11, 25, 11, 30)), NOW)  # naive: UTC


def test_a_day_as_a_range_by_each_operator() -> None:
    day = "2026-11-24"
    before, first, last, after = (datetime(2026, 11, 23, 23, 59, 59, tzinfo=UTC), datetime(2026, 11, 24, tzinfo=UTC),
                                  datetime(2026, 11, 24, 23, 59, 59, tzinfo=UTC), datetime(2026, 11, 25, tzinfo=UTC))
    expected = {
        "=": (False, True, True, False), "<": (True, False, False, False), ">=": (False, True, True, True),
        ">": (False, False, False, True), "<=": (True, True, True, False),
    }
    for op, wanted in expected.items():
        got = tuple(parse(f"startDate{op}{day}").matches(Dated(start_date=t), NOW) for t in (before, first, last, after))
        assert got == wanted, op
    assert parse("startDate=20261124").matches(Dated(start_date=first), NOW)  # the compact form
    assert parse("startDate=9999-12-31").matches(Dated(start_date=datetime(9999, 12, 31, 5, tzinfo=UTC)), NOW)
    assert parse("startDate:2026-11").matches(Dated(start_date=first), NOW)  # ':' is "the text contains"


def test_an_instant_by_each_operator() -> None:
    at = datetime(2026, 11, 24, 10, 30, tzinfo=UTC)
    for op, wanted in {"=": (False, True, False), "<": (True, False, False), ">": (False, False, True),
                       "<=": (True, True, False), ">=": (False, True, True)}.items():
        got = tuple(parse(f"startDate{op}2026-11-24T10:30Z").matches(Dated(start_date=t), NOW)
                    for t in (at - timedelta(seconds=1), at, at + timedelta(seconds=1)))
        assert got == wanted, op
    assert not parse("startDate>2026-11-24T10:30Z").matches(Dated(start_date="not a date"), NOW)
