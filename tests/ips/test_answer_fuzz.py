"""Property-based fuzzing of the client on mutated answers, beyond tests/ips/test_decode_fuzz.py (byte-level
mutations of the decoder):

* the decoder on **tree-level** mutations of the real answers (renamed and re-namespaced elements,
  moved, wrapped, deeply nested, nil/typed attributes, extreme values), then the CLI renderer on
  whatever decoded — only ``MalformedResponse`` or success, and rendering never raises;
* the **zeep path** (faults and control answers, read by ``IpsClient``) on mutated answers — only
  ``IpsError`` subclasses.

The filter parser's fuzzing is in tests/model/test_query_fuzz.py, the renderer's on any text in
tests/test_output.py. Example counts are in docs/RELIABILITY.md.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from activejob_tui import output
from activejob_tui.ips import decode as d
from activejob_tui.ips import errors, wire
from activejob_tui.ips import incremental as inc
from activejob_tui.ips.errors import MalformedResponse
from activejob_tui.model.jobs import (
    ActiveJob,
    JobLog,
    JobLogDetail,
    ScheduledJob,
)
from support.rogue_server import LEGACY_NS, NS_2016, SOAP11, SOAP12, envelope

pytestmark = pytest.mark.timeout(120)

ANSWERS = Path(__file__).resolve().parents[1] / "data" / "answers"
DATA = {p.name: p.read_bytes() for p in sorted(ANSWERS.glob("*.xml"))}
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
XSI = "http://www.w3.org/2001/XMLSchema-instance"
KINDS = {
    "active": (d.decode_active_jobs, inc.ActiveJobsDecoder, ActiveJob),
    "scheduled": (d.decode_scheduled_jobs, inc.ScheduledJobsDecoder, ScheduledJob),
    "job_log": (d.decode_job_logs, inc.JobLogsDecoder, JobLog),
}
TREE_EXAMPLES = 400
ZEEP_EXAMPLES = 300


def kind_of(name: str) -> str:
    return "active" if name.startswith("active") else "scheduled" if name.startswith("scheduled") else "job_log"


_XML_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\t\n\r"), max_size=24)
_WEIRD_VALUES = st.sampled_from([
    "", " ", "-1", "-0", "0", "150", "99999999999999999999999", "1e309", "NaN", "Infinity", "-inf", "0x1F", "١٢٣",
    "true", "false", "TRUE", "2", "yes", "0000-00-00", "9999-12-31T23:59:59.999+14:00", "0001-01-01T00:00:00-12:00",
    "2026-13-40T25:61:61Z", "2026-11-25T10:00:00", "2026-11-25", "yesterday", "Running", "Exploded", "Done ",
    "\u202eRunning", "[red]x[/]", "漢字", "🚀" * 20,
])
_NAMES = st.sampled_from([
    "items", "companyHandle", "jobHandle", "name", "state", "progress", "totalSize", "startDate", "triggerState",
    "taskProgressArray", "detailArray", "jobArray", "jobLogArray", "imageServingPublishJob", "videoPublishJob",
    "teleportJob", "Job", "logType", "severity", "x", "Envelope", "Body", "Fault",
])
_NAMESPACES = st.sampled_from([None, LEGACY_NS, NS_2016, "urn:other", "", SOAP11, SOAP12])


def _qname(ns: str | None, local: str) -> str:
    return f"{{{ns}}}{local}" if ns else local


@st.composite
def tree_mutated(draw: st.DrawFn) -> tuple[str, bytes, bytes]:
    name = draw(st.sampled_from(sorted(DATA)))
    root = etree.fromstring(DATA[name], wire._new_parser())
    for _ in range(draw(st.integers(1, 4))):
        elements = list(root.iter())
        el = elements[draw(st.integers(0, len(elements) - 1))]
        parent = el.getparent()
        op = draw(st.sampled_from(["rename", "renamespace", "text", "value", "nil", "typed", "remove", "dup",
                                   "move", "wrap", "nest", "children", "attr"]))
        ns = etree.QName(el).namespace
        if op == "rename":
            el.tag = _qname(ns, draw(_NAMES))
        elif op == "renamespace":
            el.tag = _qname(draw(_NAMESPACES), etree.QName(el).localname)
        elif op == "text":
            el.text = draw(_XML_TEXT)
        elif op == "value" and len(el) == 0:
            el.text = draw(_WEIRD_VALUES)
        elif op == "nil":
            el.set(f"{{{XSI}}}nil", draw(st.sampled_from(["true", "1", "false"])))
            if draw(st.booleans()):
                el.text = None
                for child in list(el):
                    el.remove(child)
        elif op == "typed":
            el.set(f"{{{XSI}}}type", draw(st.sampled_from(["xsd:int", "ns9:Unknown", "bogus"])))
        elif op == "remove" and parent is not None:
            parent.remove(el)
        elif op == "dup" and parent is not None:
            parent.insert(parent.index(el), etree.fromstring(etree.tostring(el)))
        elif op == "move" and parent is not None:
            target = elements[draw(st.integers(0, len(elements) - 1))]
            if el not in list(target.iterancestors()) and target is not el:
                target.append(el)
        elif op == "wrap" and parent is not None:
            wrapper = etree.Element(_qname(ns, draw(_NAMES)))
            parent.replace(el, wrapper)
            wrapper.append(el)
        elif op == "nest" and parent is not None:
            position = parent.index(el)
            node = el
            for _ in range(draw(st.integers(1, 200))):
                outer = etree.Element(_qname(ns, draw(st.sampled_from(["items", "teleportJob", "x"]))))
                outer.append(node)
                node = outer
            parent.insert(position, node)
        elif op == "children" and len(el) == 0:
            for _ in range(draw(st.integers(1, 3))):
                etree.SubElement(el, _qname(ns, draw(_NAMES))).text = draw(_WEIRD_VALUES)
        elif op == "attr":
            el.set(draw(st.sampled_from(["id", "href", "xmlns_x", "{urn:a}b"])), draw(_WEIRD_VALUES))
    return name, DATA[name], etree.tostring(root, xml_declaration=True, encoding="utf-8")


def outcome(fn, data: bytes):
    try:
        return ("ok", fn(data))
    except MalformedResponse as exc:
        assert exc.message
        return ("malformed", None)


@settings(max_examples=TREE_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tree_mutated())
def test_tree_mutated_answers_decode_or_malformed_and_always_render(case) -> None:
    name, original, data = case
    full, incremental, cls = KINDS[kind_of(name)]
    expected = outcome(full, data)
    decoder = incremental()
    outcome(decoder.decode, original)
    assert outcome(decoder.decode, data) == expected  # the incremental path agrees
    if expected[0] == "ok":
        rows = expected[1]
        assert all(isinstance(row, cls) for row in rows)
        for fmt in ("table", "csv", "json"):
            text = output.render(rows, cls, fmt, NOW)
            assert "\x1b" not in text
        if cls is JobLog:  # the details of getJobLogDetails render too
            details = [x for row in rows for x in (row.detail_array or ())]
            output.render(details, JobLogDetail, "table", NOW)


# --- the zeep path: faults and control answers, through IpsClient -------------------------------------


@pytest.fixture(scope="module")
def offline_client(shared_wsdl_path):
    from activejob_tui.ips.client import ClientSettings, IpsClient
    from activejob_tui.ips.transport import build_zeep as _build_zeep

    settings_ = ClientSettings(wsdl=str(shared_wsdl_path), user="u", password="secret-pw",
                               endpoint="http://127.0.0.1:9/soap", company_handle="c|1")
    client = IpsClient(settings_, _build_zeep(settings_))
    yield client
    client._zeep.transport.wsdl_client.close()


def _fault(kind: str, code: str, reason: str) -> bytes:
    return envelope(
        f"<soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>X</faultstring><detail>"
        f'<ns1:{kind} xmlns:ns1="{LEGACY_NS}"><ns1:code>{code}</ns1:code><ns1:reason>{reason}</ns1:reason>'
        f"</ns1:{kind}></detail></soapenv:Fault>"
    )


ZEEP_BASES = [
    ("stopJob", _fault("authenticationFault", "10001", "Invalid username/password")),
    ("stopJob", _fault("authorizationFault", "20006", "Not a member")),
    ("getActiveJobs", _fault("ipsApiFault", "30001", "Invalid jobHandle")),
    ("pauseJob", envelope(f'<pauseJobReturn xmlns="{LEGACY_NS}"/>')),
    ("getCompanyMembership", envelope(
        f'<getCompanyMembershipReturn xmlns="{LEGACY_NS}"><companyArray><items><companyHandle>c|1</companyHandle>'
        "<name>Demo</name><rootPath>Demo/</rootPath></items></companyArray></getCompanyMembershipReturn>")),
]
_NASTY = [b"<", b"&", b"]]>", b"<!--", b"<![CDATA[x]]>", b"<?pi?>", b"\x00", b"<!DOCTYPE x>", b"\xc3\x28",
          b"&#0;", b"<soapenv:Fault>", b"</detail>", b"xmlns:ns1=\"urn:x\"", b"<ns1:code>abc</ns1:code>"]


@st.composite
def zeep_mutated(draw: st.DrawFn) -> tuple[str, int, bytes]:
    operation, data = draw(st.sampled_from(ZEEP_BASES))
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, max(0, len(data) - 1)))
        op = draw(st.sampled_from(["truncate", "flip", "insert", "replace_text"]))
        if op == "truncate":
            data = data[:i]
        elif op == "flip" and data:
            data = data[:i] + bytes([data[i] ^ draw(st.integers(1, 255))]) + data[i + 1:]
        elif op == "insert":
            data = data[:i] + draw(st.sampled_from(_NASTY) | st.binary(max_size=6)) + data[i:]
        else:
            for token in (b"10001", b"20006", b"30001", b"Invalid username/password", b"Demo"):
                if token in data:
                    data = data.replace(token, draw(_WEIRD_VALUES).encode(), 1)
                    break
    return operation, draw(st.sampled_from([200, 500, 502])), data


@settings(max_examples=ZEEP_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                             HealthCheck.function_scoped_fixture])
@given(zeep_mutated())
def test_mutated_faults_and_control_answers_raise_only_ips_errors(offline_client, case) -> None:
    operation, status, data = case
    try:
        xml = offline_client._answer(operation, status, {"content-type": "text/xml"}, data)
        offline_client._zeep_reply(operation, xml)
    except errors.IpsError as err:
        assert err.message and "secret-pw" not in err.message
