"""The filter language: parsing, matching on every job class, errors, robustness and speed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activejob_tui.model.enums import ActiveJobState, TriggerState
from activejob_tui.model.jobs import (
    ActiveJob,
    ImageServingPublishJob,
    JobLog,
    JobLogDetail,
    ScheduledJob,
    TaskProgress,
    UnknownSubJob,
    UploadDirectoryJob,
    VideoPublishJob,
)
from activejob_tui.model.query import Query, QueryError, field_names, parse

from .conftest import NOW


def active(**kw) -> ActiveJob:
    base = dict(
        company_handle="c|1",
        job_handle="j|100",
        name="Nightly Upload",
        original_name="nightly",
        type="UploadDirectory",
        state=ActiveJobState.RUNNING,
        submit_user_email="ops@example.com",
        description="Pulls the spring catalogue",
        server_name="ips-worker-3",
        start_date=NOW - timedelta(minutes=30),
        total_size=2 * 1024**3,
        progress=60,
        last_progress_update=NOW - timedelta(minutes=15),
        sub_job=UploadDirectoryJob(dest_folder="spring/", overwrite=True),
    )
    base.update(kw)
    return ActiveJob(**base)


VIDEO = active(job_handle="j|200", name="Clips", type="VideoPublish", sub_job=VideoPublishJob())
SCHEDULED = ScheduledJob(
    job_handle="s|1",
    name="Weekly publish",
    type="ImageServingPublish",
    trigger_state=TriggerState.PAUSED,
    submit_user_email="sched@example.com",
    next_fire_time=NOW + timedelta(minutes=20),
    sub_job=ImageServingPublishJob(publish_type="Full"),
)
LOG = JobLog(
    job_handle="j|300",
    job_name="Nightly Upload",
    original_job_name="orig-upload",
    log_type="UploadDirectorySuccess",
    submit_user_email="ops@example.com",
    start_date=NOW - timedelta(days=2),
    end_date=NOW - timedelta(days=2) + timedelta(hours=1),
    description="done",
    file_error_count=0,
    file_warning_count=3,
    fatal_error=False,
)


def m(expr: str, job, now: datetime = NOW) -> bool:
    return parse(expr).matches(job, now)


# --- bare words ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("", True),
        ("   ", True),
        ("nightly", True),
        ("NIGHTLY", True),
        ("j|100", True),
        ("uploaddir", True),
        ("catalogue", True),
        ('"nightly upload"', True),
        ('"upload nightly"', False),
        ("nightly catalogue", True),
        ("nightly missing", False),
        ("!nightly", False),
        ("!missing", True),
        ("ops@example", False),  # email is not a bare-word field
        ("worker", False),  # nor the server
    ],
)
def test_bare_words_active(expr: str, expected: bool) -> None:
    assert m(expr, active()) is expected


def test_a_negated_bare_word_still_excludes_when_other_terms_are_present() -> None:
    # issue 16: "!nightly type:video" must not turn into "type:video" — the operator asked to hide
    # the nightly jobs, and a filter that silently drops the negation shows (and targets) them.
    nightly_video = active(job_handle="j|201", name="Nightly clips", type="VideoPublish",
                           description="Clips of the night", sub_job=VideoPublishJob())
    jobs = [active(), VIDEO, nightly_video]
    assert parse("!nightly type:video").filter(jobs, NOW) == [VIDEO]
    assert parse("type:video !nightly").filter(jobs, NOW) == [VIDEO]
    assert parse("clips !nightly").filter(jobs, NOW) == [VIDEO]
    assert parse('!"nightly clips" type:video').filter(jobs, NOW) == [VIDEO]
    assert parse("!nightly !clips").filter(jobs, NOW) == []
    assert parse("!catalogue nightly").filter(jobs, NOW) == [nightly_video]
    # and a negated field term beside a bare word
    assert parse("nightly !type:video").filter(jobs, NOW) == [active()]


def test_bare_words_log_fields() -> None:
    assert m("orig-upload", LOG)
    assert m("success", LOG)
    assert m("j|300", LOG)
    assert m("done", LOG)
    assert not m("ops@", LOG)


def test_bare_words_log_detail() -> None:
    detail = JobLogDetail(log_message="File copied", log_type="FileEnd", asset_name="a.jpg", asset_handle="a|1")
    assert m("copied", detail)
    assert m("a.jpg fileend", detail)
    assert not m("nothing", detail)


def test_bare_word_on_none_fields() -> None:
    empty = ActiveJob()
    assert m("", empty)
    assert not m("x", empty)
    assert m("!x", empty)


# --- field:value ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("jobHandle:j|100", True),
        ("job_handle:J|100", True),
        ("JOBHANDLE:100", True),
        ("handle:100", True),
        ("handle:999", False),
        ("name:upload", True),
        ("name=nightly upload", False),  # split into two terms: name=nightly and upload
        ('name="nightly upload"', True),
        ('name:"ly up"', True),
        ("state:running", True),
        ("state:RUN", True),
        ("state=running", True),
        ("state=run", False),
        ("!state:running", False),
        ("!state:done", True),
        ("user:ops@", True),
        ("server:worker-3", True),
        ("submitUserEmail:example.com", True),
        ("type:upload", True),
        ("type:video", False),
        ("destFolder:spring", True),  # a sub-job field
        ("overwrite:true", True),
        ("overwrite:no", False),
        ("emailSetting:all", False),  # None in the sub-job
        ("subJob:uploadDirectory", True),
        ("progress:60", True),
        ("progress:6", False),  # numbers compare by value, not substring
        ("startDate:2024-05-01T11:30", True),
        ("description:SPRING", True),
        ("locale:en", False),
    ],
)
def test_field_values_active(expr: str, expected: bool) -> None:
    assert m(expr, active()) is expected


def test_type_alias_matches_sub_job_element() -> None:
    assert m("type:video", VIDEO)
    other_type = active(type="Other", sub_job=VideoPublishJob())
    assert m("type:video", other_type)
    assert m("type:videoPublishJob", other_type)
    assert not m("type:video", active())


def test_scheduled_fields() -> None:
    assert m("state:paused", SCHEDULED)
    assert m("triggerState:paused", SCHEDULED)
    assert m("publishType:full", SCHEDULED)
    assert m("type:imageServing", SCHEDULED)
    assert not m("server:x", SCHEDULED)  # ActiveJob-only field: no match, no error
    assert m("!server:x", SCHEDULED)
    assert not m("progress>1", SCHEDULED)
    assert m("nextFireTime<1h", SCHEDULED)  # fires within the hour
    assert not m("nextFireTime<10m", SCHEDULED)
    assert m("nextFireTime>10m", SCHEDULED)


def test_log_fields_and_aliases() -> None:
    assert m("state:warnings", LOG)  # outcome
    assert m("outcome:warnings", LOG)
    assert m("state:success", LOG)  # log type
    assert m("severity:success", LOG)
    assert m("name:nightly", LOG)
    assert m("jobName:nightly", LOG)
    assert m("fileWarningCount>2", LOG)
    assert m("fileErrorCount=0", LOG)
    assert m("fatalError:false", LOG)
    assert not m("fatalError:true", LOG)
    assert m("endDate>1d", LOG)
    assert m("type:success", LOG)
    assert not m("destFolder:x", LOG)


def test_log_detail_severity() -> None:
    detail = JobLogDetail(log_type="FileError", asset_name="x.psd", date_created=NOW)
    assert m("severity:error", detail)
    assert m("name:x.psd", detail)
    assert m("dateCreated<1m", detail)


def test_enum_values_compare_on_their_string() -> None:
    weird = active(state=ActiveJobState("Hibernating"))
    assert not weird.state.recognized
    assert m("state:hibern", weird)
    assert m("state=hibernating", weird)
    assert not m("state:running", weird)


def test_unknown_sub_job_fields_are_searchable() -> None:
    job = active(sub_job=UnknownSubJob(element="fancyNewJob", fields=(("emailSetting", "All"), ("x", (("y", "z"),)))))
    assert m("type:fancy", job)
    assert m("emailSetting:all", job)
    assert m("subJob=fancyNewJob", job)


def test_nested_values_match_on_text() -> None:
    job = active(task_progress_array=(TaskProgress(task_type="Thumbnail", progress=0.5),))
    assert m("taskProgressArray:thumb", job)
    assert not m("taskProgressArray:zzz", job)


# --- comparisons ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("progress>50", True),
        ("progress>60", False),
        ("progress>=60", True),
        ("progress<=60", True),
        ("progress<60", False),
        ("progress=60", True),
        ("progress>59.5", True),
        ("progress>50%", True),
        ("totalSize>1gb", True),
        ("totalSize>2GB", False),
        ("totalSize>=2gb", True),
        ("totalSize<3g", True),
        ("totalSize>1500mb", True),
        ("totalSize>1.5 gb", False),  # two terms: totalSize>1.5 and the bare word gb
        ("size>1tb", False),
        ("startDate<1h", True),
        ("startDate>1h", False),
        ("startDate>20m", True),
        ("startDate<1h30m", True),
        ("startDate<0.25h", False),
        ("startDate<1d", True),
        ("startDate<1w", True),
        ("startDate<1800s", False),
        ("startDate<=1800s", True),
        ("lastProgressUpdate>10m", True),
        ("lastProgressUpdate>1h", False),
        ("startDate>2024-04-30", True),
        ("startDate>2024-05-01", False),  # a bare date is a whole (UTC) day
        ("startDate=2024-05-01", True),
        ("startDate>=2024-05-01", True),
        ("startDate<2024-05-01", False),
        ("startDate<=2024-05-01", True),
        ("startDate<2024-05-02", True),
        ("startDate>2024-05-01T11:00:00Z", True),
        ("startDate<2024-05-01T11:00:00Z", False),
        ("startDate>2024-05-01T13:00:00+02:00", True),
        ("startDate=2024-05-01T11:30:00Z", True),
    ],
)
def test_comparisons(expr: str, expected: bool) -> None:
    assert m(expr, active()) is expected


def test_comparisons_on_none_never_match() -> None:
    empty = ActiveJob()
    for expr in ("progress>1", "progress<1", "startDate<1h", "startDate>1h", "totalSize>=0", "startDate=2024-05-01"):
        assert not m(expr, empty), expr
        assert m("!" + expr, empty), expr


def test_naive_datetimes_are_utc() -> None:
    job = active(start_date=datetime(2024, 5, 1, 11, 30))  # naive: read as UTC
    assert m("startDate<1h", job)
    assert m("startDate<1h", job, now=datetime(2024, 5, 1, 12, 0))  # naive now too


def test_now_defaults_to_current_time() -> None:
    fresh = active(start_date=datetime.now(UTC))
    assert parse("startDate<1h").matches(fresh)


def test_bad_values_in_fields_do_not_crash() -> None:
    # a malformed decode could leave text where a number or a date was expected
    odd = ActiveJob(progress="75", start_date="2024-05-01T11:59:00Z", total_size="lots", name=42, type=("a", "b"))  # type: ignore[arg-type]
    assert m("progress>50", odd)
    assert m("startDate<5m", odd)
    assert not m("totalSize>1", odd)
    assert m("42", odd)
    assert m("name:42", odd)
    assert m("type:b", odd)


# --- normal form ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expr", "normal"),
    [
        ("", ""),
        ("  a   b  ", "a b"),
        ("job_handle:x", "jobHandle:x"),
        ("JOBHANDLE:x", "jobHandle:x"),
        ("Type:video", "type:video"),
        ('name:"a b"', 'name:"a b"'),
        ('"single"', "single"),
        ('"a:b"', '"a:b"'),
        ('"!x"', '"!x"'),
        ('!"two words"', '!"two words"'),
        (r'"say \"hi\""', r'"say \"hi\""'),
        ("progress>=50", "progress>=50"),
        ("total_size>1gb", "totalSize>1gb"),
        ("sub_job:video", "subJob:video"),
    ],
)
def test_normal_form(expr: str, normal: str) -> None:
    q = parse(expr)
    assert str(q) == normal
    assert parse(str(q)) == q


def test_query_equality_and_repr() -> None:
    assert parse("a  b") == parse("a b")
    assert parse("a") != parse("b")
    # equal queries hash equal, so a set (or a dict of saved filters) holds one of them
    assert hash(parse("a  b")) == hash(parse("a b"))
    assert len({parse("a  b"), parse("a b"), parse("name:1")}) == 2
    assert "progress>1" in repr(parse("progress>1"))
    assert parse("").is_empty and not parse("a").is_empty


# --- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expr", "position", "term", "fragment"),
    [
        ("foo:bar", 0, "foo:bar", "unknown field 'foo' in 'foo:bar' (at column 1)"),
        ("ok nme:x", 3, "nme:x", "did you mean 'name'"),
        ("a !", 2, "!", "needs a term"),
        ("!!a", 0, "!!a", "double negation"),
        ('x "abc', 2, '"abc', "unterminated quote"),
        ('name:"a"b', 0, 'name:"a"b', "after the closing quote"),
        ('ab"c"', 0, 'ab"c"', "unexpected quote"),
        ('name:a"b"', 0, 'name:a"b"', "unexpected quote"),
        ('""', 0, '""', "empty phrase"),
        ("name:", 0, "name:", "missing value"),
        ("name>3", 0, "name>3", "is text"),
        ("fatalError>1", 0, "fatalError>1", "true or false"),
        ("fatalError:maybe", 0, "fatalError:maybe", "true or false"),
        ("progress>lots", 0, "progress>lots", "needs a number"),
        ("progress>5zb", 0, "progress>5zb", "unknown unit"),
        ("startDate<30", 0, "startDate<30", "relative age"),
        ("startDate<yesterday", 0, "startDate<yesterday", "relative age"),
        ("startDate=1h", 0, "startDate=1h", "needs < or >"),
        ("startDate<2024-13-45", 0, "startDate<2024-13-45", "ISO date"),
        ("http://example.com", 0, "http://example.com", "unknown field 'http'"),
    ],
)
def test_errors_point_at_the_bad_term(expr: str, position: int, term: str, fragment: str) -> None:
    with pytest.raises(QueryError) as info:
        parse(expr)
    err = info.value
    assert fragment in str(err)
    assert err.position == position
    assert err.term == term
    assert f"column {position + 1}" in str(err)
    assert err.expression == expr
    assert isinstance(err, ValueError)


def test_caret() -> None:
    with pytest.raises(QueryError) as info:
        parse("state:running foo:bar")
    assert info.value.caret() == "state:running foo:bar\n              ^^^^^^^"


def test_non_string_input() -> None:
    with pytest.raises(QueryError):
        parse(None)  # type: ignore[arg-type]


def test_field_names() -> None:
    names = field_names()
    for expected in ("jobHandle", "type", "state", "severity", "progress", "emailSetting", "excludeMasterVideoFromAVS"):
        assert expected in names
    for name in names:
        for candidate in (f"{name}:x", f"{name}>1", f"{name}>1h", f"{name}:true"):
            try:
                term = parse(candidate).terms[0]
            except QueryError:
                continue
            assert term.field == name
            break
        else:
            pytest.fail(f"no form of {name!r} parses")


def test_filter_keeps_order_and_mixes_classes() -> None:
    jobs = [active(), VIDEO, SCHEDULED, LOG]
    assert parse("nightly").filter(jobs, NOW) == [active(), LOG]
    assert parse("").filter(jobs) == jobs
    assert parse("type:video").filter(jobs, NOW) == [VIDEO]


# --- robustness (issue 6, input fuzz) -------------------------------------------------------------

_ALPHABET = st.sampled_from(list(' !"\\:<>=.%-_|@') + list("abcdefghijklmnopqrstuvwxyz") + list("0123456789"))
_NAMES = st.sampled_from([*field_names(), "foo", "name", "progress", "startDate", "fatalError"])
_OPS = st.sampled_from([":", "=", ">", "<", ">=", "<="])
_VALUES = st.one_of(
    st.text(_ALPHABET, max_size=8),
    st.from_regex(r"[0-9]{1,4}(\.[0-9])?(s|m|h|d|w|kb|gb|%)?", fullmatch=True),
    st.sampled_from(["2024-05-01", "2024-05-01T10:00:00Z", "1h30m", "true", "no", '"a b"', "9" * 400, "1e999"]),
)
_TERMS = st.builds(lambda neg, f, op, v: ("!" if neg else "") + f + op + v, st.booleans(), _NAMES, _OPS, _VALUES)
_EXPRESSIONS = st.one_of(
    st.text(max_size=60),
    st.text(_ALPHABET, max_size=60),
    st.lists(st.one_of(_TERMS, st.text(_ALPHABET, max_size=6)), max_size=5).map(" ".join),
)

_JOBS = [
    active(),
    VIDEO,
    SCHEDULED,
    LOG,
    ActiveJob(),
    ScheduledJob(),
    JobLog(),
    JobLogDetail(),
    active(state=ActiveJobState("Zombie"), sub_job=UnknownSubJob(element="x", fields=(("a", (("b", "c"),)),))),
    ActiveJob(progress=-5, total_size=-1, start_date=datetime.max.replace(tzinfo=UTC)),
    ActiveJob(start_date=datetime.min.replace(tzinfo=UTC), last_progress_update=datetime(1, 1, 1)),
]


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_EXPRESSIONS)
def test_parse_raises_only_query_error_and_matching_never_raises(expr: str) -> None:
    try:
        q = parse(expr)
    except QueryError as err:
        assert 0 <= err.position <= len(expr)
        assert err.caret()
        return
    assert isinstance(q, Query)
    for job in _JOBS:
        assert isinstance(q.matches(job, NOW), bool)
    again = parse(str(q))
    assert again == q
    assert str(again) == str(q)


# --- many jobs (timings live in benchmarks/model.py) -------------------------------------------


def test_filter_and_matches_agree_on_10000_jobs() -> None:
    jobs = [
        active(
            job_handle=f"j|{i}",
            name=f"job {i} {'upload' if i % 3 else 'publish'}",
            progress=i % 100,
            start_date=NOW - timedelta(minutes=i % 120),
            state=ActiveJobState.RUNNING if i % 4 else ActiveJobState.WAITING_CLIENT,
        )
        for i in range(10_000)
    ]
    q = parse("upload state:running startDate<1h")
    hits = q.filter(jobs, NOW)
    assert hits and len(hits) < len(jobs)
    assert sum(q.matches(j, NOW) for j in jobs) == len(hits)


# --- survivors of mutation testing (issue 16): behaviour the tests above did not pin ----------------


def test_caret_of_an_expression_with_tabs_and_newlines_stays_aligned() -> None:
    with pytest.raises(QueryError) as info:
        parse("a\tb\nfoo:x")
    err = info.value
    assert err.caret() == "a b foo:x\n    ^^^^^"
    assert str(err) == err.args[0] and err.args[0].startswith("unknown field 'foo'")
    with pytest.raises(QueryError) as info:
        parse("a !")
    assert info.value.caret() == "a !\n  ^"  # a one-character term gets one mark


def test_deeply_nested_values_are_searched_to_a_bounded_depth() -> None:
    from dataclasses import dataclass

    @dataclass
    class Box:
        inner: object

    def nest(depth: int) -> object:
        value: object = "needle"
        for level in range(depth):
            value = Box(value) if level % 2 else [value]
        return value

    # a field term on an odd value walks records, arrays and sub-objects ...
    assert m("name:needle", active(name=nest(11)))  # type: ignore[arg-type]
    assert m("name:needle", active(name=nest(12)))  # type: ignore[arg-type]
    # ... but not without end (a cycle or a hostile answer cannot hang a poll)
    assert not m("name:needle", active(name=nest(13)))  # type: ignore[arg-type]
    assert m("!name:needle", active(name=nest(14)))  # type: ignore[arg-type]


def test_bare_words_on_other_records_search_what_they_have() -> None:
    from dataclasses import dataclass

    @dataclass
    class OnlyName:
        name: str | None = None

    @dataclass
    class NothingSearchable:
        size: int = 0

    assert parse("nightly").matches(OnlyName("Nightly run"), NOW)
    assert not parse("weekly").matches(OnlyName("Nightly run"), NOW)
    assert parse("!weekly").matches(OnlyName("Nightly run"), NOW)
    assert not parse("nightly").matches(OnlyName(None), NOW)
    # no searchable text at all: a word cannot match, its negation always does
    assert not parse("x").matches(NothingSearchable(), NOW)
    assert parse("!x").matches(NothingSearchable(), NOW)
    assert not parse("!x y").matches(NothingSearchable(), NOW)


def test_text_of_odd_values_in_text_fields() -> None:
    assert m("name:true", active(name=True))  # type: ignore[arg-type]
    assert m("name:false", active(name=False))  # type: ignore[arg-type]
    assert not m("name:true", active(name=False))  # type: ignore[arg-type]
    assert m("name=42", active(name=42))  # type: ignore[arg-type]
    assert m("name:2026-05-01T12:00", active(name=datetime(2026, 5, 1, 12, 0, tzinfo=UTC)))  # type: ignore[arg-type]
    assert m("name=running", active(name=ActiveJobState.RUNNING))  # type: ignore[arg-type]
    assert m("name=paused", active(name=TriggerState.PAUSED))  # type: ignore[arg-type]
