"""The fast decoder: tolerance, errors, security and the incremental (repeated-poll) decoder."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from activejob_tui.ips import decode as d
from activejob_tui.ips import incremental as inc
from activejob_tui.ips.errors import MalformedResponse
from activejob_tui.model.enums import ActiveJobState, EmailSetting, TaskState
from activejob_tui.model.jobs import (
    ActiveJob,
    ImageServingPublishJob,
    MetadataPublishJob,
    UnknownSubJob,
    VideoPublishJob,
)

ANSWERS = Path(__file__).resolve().parents[1] / "data" / "answers"
NS16 = "http://www.scene7.com/IpsApi/xsd/2016-01-14-beta"
NS0 = "http://www.scene7.com/IpsApi/xsd"
SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12 = "http://www.w3.org/2003/05/soap-envelope"


def answer(items: str, ns: str = NS16, op: str = "getActiveJobsReturn", array: str = "jobArray",
           env: str = SOAP11, prefix: str = "ns1") -> bytes:
    p = f"{prefix}:" if prefix else ""
    decl = f"xmlns:{prefix}" if prefix else "xmlns"
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="{env}"><soapenv:Body>'
        f'<{p}{op} {decl}="{ns}"><{p}{array}>{items}</{p}{array}></{p}{op}></soapenv:Body></soapenv:Envelope>'
    ).encode()


def job(handle: str = "j|1", extra: str = "", state: str = "Running", p: str = "ns1:", progress: str = "5") -> str:
    return (
        f"<{p}items><{p}companyHandle>c|6</{p}companyHandle><{p}jobHandle>{handle}</{p}jobHandle>"
        f"<{p}name>Job {handle}</{p}name><{p}originalName></{p}originalName><{p}type>VideoPublish</{p}type>"
        f"<{p}state>{state}</{p}state><{p}submitUserEmail>a@b.c</{p}submitUserEmail>"
        f"<{p}serverName>srv</{p}serverName><{p}startDate>2026-11-25T10:00:00.000-08:00</{p}startDate>"
        f"<{p}totalSize>100</{p}totalSize><{p}progress>{progress}</{p}progress>"
        f"<{p}progressMessage>msg</{p}progressMessage>"
        f"<{p}lastProgressUpdate>2026-11-25T10:05:00Z</{p}lastProgressUpdate>{extra}</{p}items>"
    )


VIDEO = "<ns1:videoPublishJob><ns1:emailSetting>All</ns1:emailSetting></ns1:videoPublishJob>"


# --- shapes ----------------------------------------------------------------------------------------


def test_basic_fields_and_types() -> None:
    [j] = d.decode_active_jobs(answer(job(extra=VIDEO)))
    assert j.job_handle == "j|1" and j.company_handle == "c|6"
    assert j.original_name is None  # empty element → None, as zeep does
    assert j.state is ActiveJobState.RUNNING
    assert j.total_size == 100 and j.progress == 5
    assert j.start_date == datetime(2026, 11, 25, 18, 0, tzinfo=UTC)
    assert j.start_date.utcoffset() == timedelta(hours=-8)
    assert j.last_progress_update.tzinfo is not None
    assert j.sub_job == VideoPublishJob(email_setting=EmailSetting.ALL)
    assert j.locale is None and j.trigger_time is None and j.task_progress_array is None


@pytest.mark.parametrize("ns", [NS16, NS0, "http://www.scene7.com/IpsApi/xsd/2023-01-15",
                                "http://www.scene7.com/IpsApi/xsd/2099-12-31-gamma"])
@pytest.mark.parametrize("env", [SOAP11, SOAP12])
@pytest.mark.parametrize("prefix", ["ns1", "", "tns"])
def test_any_namespace_version_envelope_and_prefix(ns: str, env: str, prefix: str) -> None:
    p = f"{prefix}:" if prefix else ""
    jobs = d.decode_active_jobs(answer(job(p=p) + job("j|2", p=p), ns=ns, env=env, prefix=prefix))
    assert [j.job_handle for j in jobs] == ["j|1", "j|2"]


def test_empty_and_missing_arrays() -> None:
    assert d.decode_active_jobs(answer("")) == []
    data = answer("").replace(b"<ns1:jobArray></ns1:jobArray>", b"<ns1:jobArray/>")
    assert d.decode_active_jobs(data) == []
    data = answer("").replace(b"<ns1:jobArray></ns1:jobArray>", b"")
    assert d.decode_active_jobs(data) == []
    assert d.decode_active_jobs((ANSWERS / "active_jobs_empty_2016.xml").read_bytes()) == []


def test_unknown_elements_are_skipped_and_unknown_sub_job_kept() -> None:
    extra = (
        "<ns1:brandNewField>x</ns1:brandNewField>"
        "<ns1:hologramPublishJob><ns1:emailSetting>All</ns1:emailSetting>"
        "<ns1:opts><ns1:depth>3</ns1:depth><ns1:empty/></ns1:opts></ns1:hologramPublishJob>"
        + VIDEO
    )
    [j] = d.decode_active_jobs(answer(job(extra=extra)))
    assert j.sub_job == UnknownSubJob(
        element="hologramPublishJob", fields=(("emailSetting", "All"), ("opts", (("depth", "3"),)))
    )


def test_exactly_one_sub_job_the_first() -> None:
    extra = VIDEO + "<ns1:metadataPublishJob><ns1:forcePublish>1</ns1:forcePublish></ns1:metadataPublishJob>"
    [j] = d.decode_active_jobs(answer(job(extra=extra)))
    assert isinstance(j.sub_job, VideoPublishJob)
    [j] = d.decode_active_jobs(answer(job(extra="<ns1:metadataPublishJob/>")))
    assert j.sub_job == MetadataPublishJob()  # an empty sub-job element still says which kind


def test_unparseable_values_become_none_never_an_exception() -> None:
    bad = job(progress="lots").replace("<ns1:totalSize>100", "<ns1:totalSize>1e3").replace(
        "2026-11-25T10:00:00.000-08:00", "yesterday"
    )
    bad = bad.replace("</ns1:items>", "<ns1:metadataPublishJob><ns1:forcePublish>maybe</ns1:forcePublish>"
                      "</ns1:metadataPublishJob></ns1:items>")
    [j] = d.decode_active_jobs(answer(bad))
    assert j.progress is None and j.total_size is None and j.start_date is None
    assert j.sub_job == MetadataPublishJob(force_publish=None)
    assert j.job_handle == "j|1"


def test_booleans_and_floats() -> None:
    [j] = d.decode_active_jobs(answer(job(extra="<ns1:metadataPublishJob><ns1:forcePublish>0"
                                              "</ns1:forcePublish></ns1:metadataPublishJob>")))
    assert j.sub_job.force_publish is False
    tp = ("<ns1:taskProgressArray><ns1:items><ns1:taskType>T</ns1:taskType><ns1:taskState>Paused</ns1:taskState>"
          "<ns1:progress>INF</ns1:progress><ns1:taskItemProgressArray><ns1:items><ns1:itemName>i</ns1:itemName>"
          "<ns1:progress>0.5</ns1:progress></ns1:items></ns1:taskItemProgressArray></ns1:items>"
          "</ns1:taskProgressArray>")
    [j] = d.decode_active_jobs(answer(job(extra=tp)))
    [task] = j.task_progress_array
    assert task.progress == float("inf")
    assert task.task_state == "Paused" and not task.task_state.recognized
    assert isinstance(task.task_state, TaskState)
    assert task.task_item_progress_array[0].progress == 0.5


def test_unknown_enum_value_is_a_marked_pseudo_member() -> None:
    [j] = d.decode_active_jobs(answer(job(state="Hibernating")))
    assert isinstance(j.state, ActiveJobState) and j.state == "Hibernating" and not j.state.recognized


def test_date_without_zone_is_utc_and_aware() -> None:
    [j] = d.decode_active_jobs(answer(job().replace("2026-11-25T10:05:00Z", "2026-11-25T10:05:00")))
    assert j.last_progress_update == datetime(2026, 11, 25, 10, 5, tzinfo=UTC)
    # nanoseconds are cut to microseconds, the offset kept: the same instant
    nano = d.parse_date("2026-11-25T10:05:00.123456789+01:00")
    assert nano == datetime(2026, 11, 25, 9, 5, 0, 123456, tzinfo=UTC)
    assert nano.utcoffset() is not None
    # an instant before year 1 in UTC cannot be held: unknown, not a crash
    assert d.parse_date("0001-01-01T00:00:00+05:00") is None
    assert d.parse_date("0001-01-01T00:00:00Z") == datetime(1, 1, 1, tzinfo=UTC)
    assert d.parse_date("not a date") is None and d.parse_date("") is None


def test_nested_publish_jobs_options_and_arrays() -> None:
    jobs = d.decode_active_jobs((ANSWERS / "active_jobs_2016.xml").read_bytes())
    upload = next(j for j in jobs if type(j.sub_job).__name__ == "UploadDirectoryJob")
    sub = upload.sub_job
    assert sub.post_image_serving_publish_job == ImageServingPublishJob(
        publish_type="Incremental", email_setting=EmailSetting.NONE,
        http_completion_url="https://hooks.example.com/ips/done?job=1&src=ips", context_handle="c|6|ctx",
    )
    assert sub.manual_crop_options == (("left", "10"), ("right", "20"), ("top", "5"), ("bottom", "15"))
    assert sub.auto_set_creation_options == (("autoSetsArray", (("items", "a|732|9|1"), ("items", "a|732|9|2"))),)
    assert len(sub.project_handle_array) == 2
    urls = next(j for j in jobs if type(j.sub_job).__name__ == "UploadUrlsJob").sub_job.url_array
    assert urls[1].source_url.endswith("tisch-ä.jpg")
    assert any("日本語" in (j.progress_message or "") for j in jobs)


def test_job_logs_and_details() -> None:
    logs = d.decode_job_logs((ANSWERS / "job_logs_2016.xml").read_bytes())
    assert len(logs) == 8 and logs[0].detail_array is None
    [detail] = d.decode_job_logs((ANSWERS / "job_log_details_2016.xml").read_bytes())
    assert detail.detail_total_rows == 49 and len(detail.detail_array) == 9
    assert detail.detail_array[1].aux_array[0].log_type == "IPSJobLog.gcUploadWarning"
    [legacy] = d.decode_job_logs((ANSWERS / "job_log_details_legacy.xml").read_bytes())
    assert legacy.detail_total_rows is None and legacy.original_job_name is None
    scheduled = d.decode_scheduled_jobs((ANSWERS / "scheduled_jobs_legacy.xml").read_bytes())
    assert scheduled[-1].job_handle == "0|Cleanup|" and scheduled[-1].trigger_state == "Paused"


# --- errors ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "not XML"),
        (b"<html><body>502 Bad Gateway</body>", "not XML"),
        (b"\x00\x01\x02garbage", "not XML"),
        (b"<html><body>Service down</body></html>", "not a SOAP envelope"),
        (f'<e:Envelope xmlns:e="{SOAP11}"><e:Header/></e:Envelope>'.encode(), "without a Body"),
        (f'<e:Envelope xmlns:e="{SOAP11}"><e:Body/></e:Envelope>'.encode(), "empty SOAP Body"),
        (answer(job(), op="getScheduledJobsReturn"), "getScheduledJobsReturn"),
        (answer(job(), ns="urn:not-ips"), "urn:not-ips"),
        (answer(job(), ns="http://www.scene7.com/IpsApi/xsdfoo"), "not an IPS API namespace"),
        (f'<e:Envelope xmlns:e="{SOAP11}"><e:Body><e:Fault><faultcode>e:Client</faultcode>'
         f"<faultstring>AuthorizationException</faultstring></e:Fault></e:Body></e:Envelope>".encode(),
         "SOAP fault"),
    ],
)
def test_malformed_answers_have_operator_readable_messages(data: bytes, words: str) -> None:
    with pytest.raises(MalformedResponse) as err:
        d.decode_active_jobs(data)
    assert "getActiveJobs" in str(err.value) and words in str(err.value)
    with pytest.raises(MalformedResponse):
        inc.ActiveJobsDecoder().decode(data)


def test_not_bytes_is_malformed() -> None:
    with pytest.raises(MalformedResponse):
        d.decode_active_jobs("<xml/>")  # type: ignore[arg-type]
    with pytest.raises(MalformedResponse):
        d.decode_active_jobs(None)  # type: ignore[arg-type]


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>
<ns1:getActiveJobsReturn xmlns:ns1="http://www.scene7.com/IpsApi/xsd"><ns1:jobArray><ns1:items>
<ns1:companyHandle>&lol9;</ns1:companyHandle></ns1:items></ns1:jobArray></ns1:getActiveJobsReturn>
</soapenv:Body></soapenv:Envelope>"""


def test_billion_laughs_is_refused_without_expanding() -> None:
    # Refused by the DOCTYPE check before any parser sees a DTD: the message names the DOCTYPE, which
    # an expansion-limit error of the parser would not (no wall-time bound: a busy machine cannot fail it).
    with pytest.raises(MalformedResponse, match="DOCTYPE"):
        d.decode_active_jobs(BILLION_LAUGHS)
    with pytest.raises(MalformedResponse, match="DOCTYPE"):
        inc.ActiveJobsDecoder().decode(BILLION_LAUGHS)


def test_xxe_is_refused_without_reading_the_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-XXE")
    doc = BILLION_LAUGHS.split(b"<soapenv:Envelope")[1]
    xxe = (f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret}">]><soapenv:Envelope'
           .encode() + doc.replace(b"&lol9;", b"&xxe;"))
    with pytest.raises(MalformedResponse) as err:
        d.decode_active_jobs(xxe)
    assert "TOP-SECRET" not in str(err.value)
    # the same in UTF-16, where a byte search for the DOCTYPE cannot see it
    utf16 = xxe.decode().replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>').encode("utf-16")
    with pytest.raises(MalformedResponse) as err:
        d.decode_active_jobs(utf16)
    assert "TOP-SECRET" not in str(err.value)


def test_utf16_answer_decodes() -> None:
    data = (ANSWERS / "active_jobs_legacy.xml").read_text(encoding="utf-8")
    utf16 = data.replace('encoding="utf-8"', 'encoding="UTF-16"').encode("utf-16")
    expected = d.decode_active_jobs((ANSWERS / "active_jobs_legacy.xml").read_bytes())
    assert d.decode_active_jobs(utf16) == expected
    decoder = inc.ActiveJobsDecoder()
    assert decoder.decode(utf16) == expected and decoder.decode(utf16) == expected


def test_too_deep_nesting_is_malformed() -> None:
    deep = "<ns1:x>" * 3000 + "</ns1:x>" * 3000
    with pytest.raises(MalformedResponse):
        d.decode_active_jobs(answer(job(extra=f"<ns1:weirdJob>{deep}</ns1:weirdJob>")))


# --- the incremental decoder -----------------------------------------------------------------------


def test_unchanged_items_reuse_the_previous_objects() -> None:
    data = (ANSWERS / "active_jobs_2016.xml").read_bytes()
    decoder = inc.ActiveJobsDecoder()
    first = decoder.decode(data)
    assert decoder.last_stats["mode"] == "full"
    second = decoder.decode(data)
    assert decoder.last_stats == {"mode": "incremental", "items": len(first), "parsed": 0}
    assert all(a is b for a, b in zip(first, second, strict=True))


def test_changed_added_removed_and_reordered_items() -> None:
    jobs = [job(f"j|{i}", extra=VIDEO) for i in range(10)]
    decoder = inc.ActiveJobsDecoder()
    first = decoder.decode(answer("".join(jobs)))
    changed = list(jobs)
    changed[3] = job("j|3", extra=VIDEO, state="Stopping", progress="99")
    changed.append(job("j|new"))
    del changed[0]
    changed.reverse()
    data = answer("\n  ".join(changed))
    second = decoder.decode(data)
    assert second == d.decode_active_jobs(data)
    assert decoder.last_stats["mode"] == "incremental" and decoder.last_stats["parsed"] == 2
    by_handle = {j.job_handle: j for j in first}
    for j in second:
        if j.job_handle not in ("j|3", "j|new"):
            assert j is by_handle[j.job_handle]
    assert next(j for j in second if j.job_handle == "j|3").state is ActiveJobState.STOPPING


def test_envelope_changes_are_rechecked() -> None:
    items = job("j|1") + job("j|2")
    decoder = inc.ActiveJobsDecoder()
    decoder.decode(answer(items))
    other = answer(items, prefix="ns1").replace(NS16.encode(), b"http://www.scene7.com/IpsApi/xsd/2099-01-01")
    foreign = answer(items).replace(NS16.encode(), b"urn:not-ips")
    with pytest.raises(MalformedResponse, match="urn:not-ips"):
        decoder.decode(foreign)
    assert decoder.decode(other) == d.decode_active_jobs(other)
    broken = answer(items).replace(b"</soapenv:Body>", b"")
    with pytest.raises(MalformedResponse):
        decoder.decode(broken)
    fault = answer(items).replace(b"<soapenv:Body>", b"<soapenv:Body><soapenv:Fault><faultstring>x</faultstring></soapenv:Fault>")
    with pytest.raises(MalformedResponse):
        decoder.decode(fault)
    assert decoder.decode(answer(items)) == d.decode_active_jobs(answer(items))


@pytest.mark.parametrize(
    "trap",
    [
        "<!-- <ns1:items><ns1:companyHandle>x</ns1:companyHandle></ns1:items> -->",
        "<ns1:weirdJob><![CDATA[<ns1:items><ns1:companyHandle>]]></ns1:weirdJob>",
        "<ns1:weirdJob><ns1:items><ns1:companyHandle>fake</ns1:companyHandle></ns1:items></ns1:weirdJob>",
        '<ns1:weirdJob><ns1:items a="&gt;"><ns1:x/></ns1:items></ns1:weirdJob>',
        "<?pi <ns1:items><ns1:companyHandle>?>",
    ],
)
def test_anything_that_could_fool_the_byte_cut_still_decodes_right(trap: str) -> None:
    jobs = [job(f"j|{i}") for i in range(4)]
    decoder = inc.ActiveJobsDecoder()
    decoder.decode(answer("".join(jobs)))
    jobs[2] = job("j|2", extra=trap)
    data = answer("".join(jobs))
    assert decoder.decode(data) == d.decode_active_jobs(data)
    assert len(decoder.decode(data)) == 4
    fresh = inc.ActiveJobsDecoder()
    assert fresh.decode(data) == d.decode_active_jobs(data)
    assert fresh.decode(data) == d.decode_active_jobs(data)


def test_items_with_attributes_fall_back_to_the_full_decode() -> None:
    data = answer(job("j|1").replace("<ns1:items>", '<ns1:items xmlns:x="urn:x">', 1) + job("j|2"))
    decoder = inc.ActiveJobsDecoder()
    assert decoder.decode(data) == d.decode_active_jobs(data)
    assert decoder.decode(data) == d.decode_active_jobs(data)


def test_other_decoders() -> None:
    for cls, name, fast in (
        (inc.ScheduledJobsDecoder, "scheduled_jobs", d.decode_scheduled_jobs),
        (inc.JobLogsDecoder, "job_logs", d.decode_job_logs),
        (inc.JobLogsDecoder, "job_log_details", d.decode_job_logs),
    ):
        for tag in ("2016", "legacy"):
            data = (ANSWERS / f"{name}_{tag}.xml").read_bytes()
            decoder = cls()
            assert decoder.decode(data) == fast(data)
            assert decoder.decode(data) == fast(data)
            assert decoder.last_stats["mode"] == "incremental"


def test_decoded_objects_are_model_objects() -> None:
    jobs = d.decode_active_jobs((ANSWERS / "active_jobs_legacy.xml").read_bytes())
    assert all(isinstance(j, ActiveJob) for j in jobs)
    hash(jobs[0].sub_job)  # frozen all the way down: hashable


def test_decoding_in_several_threads_at_once() -> None:
    import threading

    data = (ANSWERS / "active_jobs_2016.xml").read_bytes()
    expected = d.decode_active_jobs(data)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            decoder = inc.ActiveJobsDecoder()
            for _ in range(5):
                assert decoder.decode(data) == expected
                assert d.decode_active_jobs(data) == expected
        except BaseException as exc:  # noqa: BLE001 - any failure of a thread is collected and reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors


def test_recorded_answers_are_what_the_generator_writes() -> None:
    """The files in tests/data are generated (tests/ips/answer_gen.py); keep them in sync."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import answer_gen as gen

    assert gen.WSDL_2016.read_text(encoding="utf-8") == gen.wsdl_2016_text()
    assert (ANSWERS / "active_jobs_2016.xml").read_text(encoding="utf-8") == gen.build_active(
        gen.TYPES_2016, gen.NS_2016, legacy=False
    )
    assert (ANSWERS / "job_log_details_2016.xml").read_text(encoding="utf-8") == gen.build_logs(
        gen.TYPES_2016, gen.NS_2016, legacy=False, details=True
    )
    if gen.LEGACY_WSDL.exists():
        legacy = gen.types_from_wsdl(gen.LEGACY_WSDL)
        assert (ANSWERS / "active_jobs_legacy.xml").read_text(encoding="utf-8") == gen.build_active(
            legacy, gen.NS_LEGACY, legacy=True
        )
