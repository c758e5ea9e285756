"""The filter's terms and fields by behaviour: each predicate path (one reader or several, scalars, arrays,
records, sub-job fields, a class without the field), bare words across fields, and the text of a query
(issue 16: the paths mutation testing found unpinned)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from activejob_tui.model import jobs as m
from activejob_tui.model.enums import ActiveJobState, TriggerState
from activejob_tui.model.query import Query, parse
from activejob_tui.model.sub_jobs import ExportJob, UnknownSubJob

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def active(**kw) -> m.ActiveJob:
    return m.ActiveJob(**{"job_handle": "j|1", "name": "Nightly export", **kw})


def test_a_term_compiles_to_a_predicate_of_its_own():
    (bare,) = parse("export").terms
    (negated,) = parse("!export").terms
    (field,) = parse("state:running").terms
    (not_field,) = parse("!state:running").terms
    job, other = active(state=ActiveJobState.RUNNING), active(name="Cleanup", state=ActiveJobState.DONE)
    assert bare.predicate(m.ActiveJob)(job, NOW) is True and bare.predicate(m.ActiveJob)(other, NOW) is False
    assert negated.predicate(m.ActiveJob)(job, NOW) is False and negated.predicate(m.ActiveJob)(other, NOW) is True
    assert field.predicate(m.ActiveJob)(job, NOW) is True and field.predicate(m.ActiveJob)(other, NOW) is False
    assert not_field.predicate(m.ActiveJob)(job, NOW) is False
    assert not_field.predicate(m.ActiveJob)(other, NOW) is True


def test_a_field_the_class_lacks_never_matches_and_its_negation_always_does():
    detail = m.JobLogDetail(log_message="uploaded", asset_name="a.jpg")
    assert parse("server:alpha").matches(detail) is False  # JobLogDetail has no server
    assert parse("!server:alpha").matches(detail) is True
    assert parse("nextFireTime<1h").matches(active(), NOW) is False


def test_a_field_read_from_several_places_matches_if_any_does():
    log = m.JobLog(job_handle="l|1", job_name="n", log_type="ExportSuccess", job_sub_type=None)
    assert parse("type:export").matches(log)  # log_type
    log2 = m.JobLog(job_handle="l|2", job_name="n", log_type=None, job_sub_type="VideoEncode")
    assert parse("type:video").matches(log2)  # job_sub_type, the first reader gave None
    assert not parse("type:image").matches(log2)
    job = active(type=None, sub_job=ExportJob(fmt="orig"))
    assert parse("type:exportJob").matches(job)  # the sub-job's element, when type is absent
    assert parse("subJob=exportjob").matches(job)


def test_arrays_and_records_are_searched_leaf_by_leaf():
    task = m.TaskProgress(task_type="Upload", progress=40.0, progress_message="copying 4 of 10")
    job = active(task_progress_array=(task, m.TaskProgress(task_type="Publish", progress=None)))
    assert parse("taskProgressArray:copying").matches(job)
    assert parse("taskProgressArray:publish").matches(job)
    assert not parse("taskProgressArray:thumbnail").matches(job)
    handles = active(sub_job=ExportJob(asset_handle_array=("a|1", "a|22")))
    assert parse("assetHandleArray=a|22").matches(handles)  # equals one element of the array
    assert not parse("assetHandleArray=a|2").matches(handles)


def test_fields_of_an_unknown_sub_job_are_read_by_their_ips_name():
    one = active(sub_job=UnknownSubJob(element="hologramJob", fields=(("emailSetting", "All"),)))
    assert parse("emailSetting=all").matches(one)
    two = active(sub_job=UnknownSubJob(element="hologramJob", fields=(("emailSetting", "All"), ("emailSetting", "Error"))))
    assert parse("emailSetting=error").matches(two) and parse("emailSetting=all").matches(two)
    none = active(sub_job=UnknownSubJob(element="hologramJob", fields=(("beam", "on"),)))
    assert not parse("emailSetting:all").matches(none) and parse("!emailSetting:all").matches(none)
    assert parse("type:hologramJob").matches(active(type=None, sub_job=UnknownSubJob(element="hologramJob")))
    assert not parse("emailSetting:all").matches(active(sub_job=None))


def test_a_value_a_test_cannot_read_does_not_match_and_does_not_raise():
    odd = active(total_size="lots")  # a server sent text where a number belongs
    assert not parse("totalSize>1").matches(odd) and parse("!totalSize>1").matches(odd)
    assert parse("totalSize>1").matches(active(total_size="2048"))
    late = active(start_date="never")
    assert not parse("startDate<1h").matches(late, NOW)


def test_bare_words_search_the_named_fields_of_each_class_and_all_must_hold():
    job = active(name="Nightly export", job_handle="j|77", type="ExportJob", description="for the CDN")
    for words, expected in {"nightly": True, "j|77": True, "exportjob": True, "cdn": True, "nightly cdn": True,
                            "nightly !cdn": False, "!video": True, "nightly missing": False,
                            '"nightly export"': True, '"export for"': False}.items():
        assert parse(words).matches(job) is expected, words
    detail = m.JobLogDetail(log_message="uploaded", log_type="UploadSuccess", asset_name="a.jpg", asset_handle="a|9")
    assert parse("a.jpg a|9 uploadsuccess").matches(detail)
    assert not parse("nightly").matches(detail)
    log = m.JobLog(job_name="Weekly", original_job_name="Weekly template", log_type="ExportError", job_handle="l|3")
    assert parse("template l|3 exporterror").matches(log)


def test_bare_words_on_a_class_without_text_fields():
    @dataclass
    class Bare:
        progress: int = 3

    assert parse("anything").matches(Bare()) is False
    assert parse("!anything").matches(Bare()) is True
    assert parse("!a !b").matches(Bare()) is True and parse("!a b").matches(Bare()) is False


def test_bare_words_read_values_that_are_not_text():
    @dataclass
    class Odd:
        name: object = None
        job_handle: object = None
        type: object = None
        description: object = None

    job = Odd(name=1234, job_handle="j|1", type=ActiveJobState.RUNNING)
    assert parse("1234").matches(job) and parse("running").matches(job) and parse("1234 j|1").matches(job)
    assert not parse("5678").matches(job)


def test_a_word_never_matches_across_two_fields():
    job = active(name="ab", job_handle="cd")
    assert not parse('"b\x00c"').matches(job)  # the separator of the searched text is not text
    assert parse('"a"').matches(job) and not parse('!"a"').matches(job)
    assert not parse('"b\x00c" ab').matches(job)
    assert parse('!"b\x00c" ab').matches(job)


def test_filter_keeps_order_across_classes_and_compiles_once_per_class():
    jobs = [active(name="a export"), m.ScheduledJob(job_handle="s|1", name="export b",
                                                    trigger_state=TriggerState.PAUSED),
            active(name="c"), m.JobLog(job_handle="l|1", job_name="export d")]
    assert [getattr(j, "name", None) or j.job_name for j in parse("export").filter(jobs)] == [
        "a export", "export b", "export d"]
    assert parse("").filter(jobs) == jobs and parse("").filter(jobs) is not jobs
    assert parse("").matches(jobs[0]) and parse("").is_empty and not parse("x").is_empty
    recent = active(start_date=datetime.now(UTC) - timedelta(minutes=5))
    assert parse("startDate<1h").matches(recent)  # no now given: the current time
    assert parse("startDate<1h").filter([recent]) == [recent]
    naive_now = (NOW + timedelta(minutes=1)).replace(tzinfo=None)
    assert parse("startDate<2m").matches(active(start_date=NOW), naive_now)  # a naive now is UTC
    assert parse("startDate<2m").filter([active(start_date=NOW)], naive_now)


def test_the_text_of_a_query_reads_back_as_the_same_query():
    for expr, text in {
        'name:"a b"': 'name:"a b"', "!x": "!x", '"!x"': '"!x"', '"a:b"': '"a:b"', "a:b": None,
        'name:"say \\"hi\\""': 'name:"say \\"hi\\""', '"back\\\\slash"': "back\\slash", '"a\\\\ b"': '"a\\\\ b"',
        "progress>=50": "progress>=50", "state=running": "state=running",
    }.items():
        if text is None:
            continue
        query = parse(expr)
        assert str(query) == text, expr
        assert parse(str(query)) == query and hash(parse(str(query))) == hash(query)
        assert repr(query) == f"Query({text!r})"
    assert str(parse("  a   b ")) == "a b"
    assert parse("a b") != parse("b a") and parse("a") != "a"
    assert Query().is_empty and str(Query()) == ""
