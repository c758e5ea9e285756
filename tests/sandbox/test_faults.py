"""Every fault kind, in both SOAP versions, and that the server stays up afterwards."""

from __future__ import annotations

import base64

import httpx
import pytest
import zeep
from lxml import etree

from .helpers import NS_2016, NS_LEGACY, Ips

pytestmark = pytest.mark.timeout(60)

SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12 = "http://www.w3.org/2003/05/soap-envelope"


@pytest.fixture(scope="module")
def real_client(shared_wsdl_path):
    return zeep.Client(str(shared_wsdl_path))


@pytest.fixture(scope="module")
def client_2016(sandbox):
    return zeep.Client(sandbox.wsdl_url_2016)


def _envelope(body: str, header: str = "", ns: str = NS_LEGACY, env: str = SOAP11) -> bytes:
    return (f'<e:Envelope xmlns:e="{env}" xmlns:x="{ns}" xmlns:h="{NS_LEGACY}"><e:Header>{header}</e:Header>'
            f"<e:Body>{body}</e:Body></e:Envelope>").encode()


AUTH = "<h:authHeader><h:user>demo@example.com</h:user><h:password>demo-password</h:password></h:authHeader>"


def _post(sandbox, data: bytes, content_type: str = "text/xml; charset=utf-8", **headers) -> httpx.Response:
    return httpx.post(sandbox.endpoint, content=data, headers={"Content-Type": content_type, **headers},
                      timeout=10)


def _detail(resp: httpx.Response, env: str = SOAP11) -> tuple[str, int, str]:
    doc = etree.fromstring(resp.content)
    fault = doc.find(f"{{{env}}}Body/{{{env}}}Fault")
    assert fault is not None, resp.text[:300]
    if env == SOAP11:
        assert fault.findtext("faultcode") == "soapenv:Client"
        detail = fault.find("detail")[0]
        assert fault.findtext("faultstring") == {
            "authenticationFault": "AuthenticationException", "authorizationFault": "AuthorizationException",
            "ipsApiFault": "IpsApiException"}[detail.tag.split("}")[1]]
    else:
        assert fault.findtext(f"{{{env}}}Code/{{{env}}}Value") == "soapenv:Sender"
        assert fault.findtext(f"{{{env}}}Reason/{{{env}}}Text")
        detail = fault.find(f"{{{env}}}Detail")[0]
    assert detail.tag.startswith(f"{{{NS_LEGACY}}}")
    children = [c.tag for c in detail]
    assert children == [f"{{{NS_LEGACY}}}code", f"{{{NS_LEGACY}}}reason"]
    assert resp.headers.get("Connection", "").lower() == "close"
    return detail.tag.split("}")[1], int(detail.findtext(f"{{{NS_LEGACY}}}code")), \
        detail.findtext(f"{{{NS_LEGACY}}}reason")


def _still_up(sandbox, demo_company: str = "c|1") -> None:
    r = _post(sandbox, _envelope(f"<x:getActiveJobsParam><x:companyHandle>{demo_company}</x:companyHandle>"
                                 "</x:getActiveJobsParam>", AUTH))
    assert r.status_code == 200 and b"<jobArray>" in r.content


# ------------------------------------------------------------------ through zeep
def test_authentication_faults(sandbox, real_client, client_2016):
    for client, v2016 in ((real_client, False), (client_2016, True)):
        no_creds = Ips("", sandbox.endpoint, None, None, client=client, v2016=v2016)
        assert no_creds.fault("getActiveJobs")[:2] == ("authenticationFault", 10000)
        bad = Ips("", sandbox.endpoint, "demo@example.com", "nope", client=client, v2016=v2016)
        kind, code, reason = bad.fault("getActiveJobs")
        assert (kind, code) == ("authenticationFault", 10001) and "nope" not in reason
        unknown = Ips("", sandbox.endpoint, "who@example.com", "x", client=client, v2016=v2016)
        assert unknown.fault("getScheduledJobs")[:2] == ("authenticationFault", 10001)
    _still_up(sandbox)


def test_authorization_fault_for_a_foreign_company(sandbox, real_client, client_2016, demo_credentials,
                                                   other_credentials):
    demo = Ips("", sandbox.endpoint, *demo_credentials[:2], client=real_client)
    other = Ips("", sandbox.endpoint, *other_credentials[:2], client=real_client)
    other_company = other.call("getCompanyInfo", companyName="Other Company").companyHandle
    other_job = other.call("getActiveJobs", companyHandle=other_company)[0].jobHandle
    for op, kw in (("getActiveJobs", {}), ("getScheduledJobs", {}), ("getJobLogs", {}),
                   ("stopJob", {"jobHandle": other_job}), ("getJobLogDetails", {"jobHandle": other_job})):
        kind, code, _ = demo.fault(op, companyHandle=other_company, **kw)
        assert (kind, code) == ("authorizationFault", 20006), op
    assert demo.fault("getCompanyInfo", companyName="Other Company")[:2] == ("authorizationFault", 20006)
    # the other user cannot see the demo company, and sees only its own jobs by default
    assert other.fault("getActiveJobs", companyHandle="c|1")[:2] == ("authorizationFault", 20006)
    assert {j.companyHandle for j in other.call("getActiveJobs")} == {other_company}
    # 2016 + SOAP 1.2
    v12 = Ips("", sandbox.endpoint, *demo_credentials[:2], client=client_2016, v2016=True, soap12=True)
    assert v12.fault("getActiveJobs", companyHandle=other_company)[:2] == ("authorizationFault", 20006)
    _still_up(sandbox)


def test_api_faults_bad_handles(sandbox, real_client, client_2016, demo_credentials):
    for client, v2016 in ((real_client, False), (client_2016, True)):
        ips = Ips("", sandbox.endpoint, *demo_credentials[:2], client=client, v2016=v2016)
        for op in ("stopJob", "pauseJob", "resumeJob", "executeJob", "deleteJob"):
            kind, code, reason = ips.fault(op, companyHandle="c|1", jobHandle="j|1||bogus|999999")
            assert (kind, code) == ("ipsApiFault", 30001) and "bogus" in reason
        assert ips.fault("getActiveJobs", companyHandle="not-a-handle")[:2] == ("ipsApiFault", 30001)
        assert ips.fault("getActiveJobs", companyHandle="c|424242")[:2] == ("ipsApiFault", 30001)
        assert ips.fault("getJobLogDetails", companyHandle="c|1", jobHandle="j|1||x|0")[:2] == ("ipsApiFault", 30001)
        assert ips.fault("getCompanyInfo")[:2] == ("ipsApiFault", 30002)
        assert ips.fault("getCompanyInfo", companyName="No Such Co")[:2] == ("ipsApiFault", 30001)
    _still_up(sandbox)


def test_pause_of_a_running_job_is_refused(sandbox, client_2016, demo_credentials):
    ips = Ips("", sandbox.endpoint, *demo_credentials[:2], client=client_2016, v2016=True)
    job = ips.call("getActiveJobs", companyHandle="c|1")[0]
    kind, code, reason = ips.fault("pauseJob", companyHandle="c|1", jobHandle=job.jobHandle)
    assert (kind, code) == ("ipsApiFault", 30001) and "scheduled" in reason


# ------------------------------------------------------------------ raw HTTP
def test_missing_required_parameter(sandbox):
    r = _post(sandbox, _envelope("<x:stopJobParam><x:companyHandle>c|1</x:companyHandle></x:stopJobParam>", AUTH))
    assert r.status_code == 500
    assert _detail(r)[:2] == ("ipsApiFault", 30002)


def test_bad_values_and_unknown_elements(sandbox):
    r = _post(sandbox, _envelope("<x:getJobLogsParam><x:numRows>many</x:numRows></x:getJobLogsParam>", AUTH))
    assert _detail(r)[:2] == ("ipsApiFault", 30001)
    r = _post(sandbox, _envelope("<x:getActiveJobsParam><x:evil>1</x:evil></x:getActiveJobsParam>", AUTH))
    assert _detail(r)[:2] == ("ipsApiFault", 30001)
    r = _post(sandbox, _envelope("<x:frobnicateParam/>", AUTH))
    assert _detail(r)[:2] == ("ipsApiFault", 30003)


@pytest.mark.parametrize("body", [
    b"", b"this is not xml", b"<unclosed>", b"\x00\xff\xfe garbage",
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    b"<x>&b;</x>",
    b'<?xml version="1.0"?><!DOCTYPE e:Envelope SYSTEM "file:///etc/passwd"><e:Envelope '
    b'xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body/></e:Envelope>',
    b"<html><body>hello</body></html>",
])
def test_bad_xml_gets_30003(sandbox, body):
    r = _post(sandbox, body)
    assert r.status_code == 500
    assert _detail(r)[:2] == ("ipsApiFault", 30003)


def test_oversized_body_gets_30003_quickly(sandbox):
    big = _envelope("<x:getActiveJobsParam><x:originalName>" + "A" * (2 * 1024 * 1024)
                    + "</x:originalName></x:getActiveJobsParam>", AUTH)
    r = _post(sandbox, big)
    assert r.status_code == 500
    kind, code, reason = _detail(r)
    assert (kind, code) == ("ipsApiFault", 30003) and "larger" in reason
    _still_up(sandbox)


def test_soap12_fault_shape_and_fault_http_status(sandbox):
    r = _post(sandbox, _envelope("<x:getActiveJobsParam/>", env=SOAP12, ns=NS_2016),
              content_type="application/soap+xml; charset=utf-8")
    assert r.status_code == 500 and r.headers["content-type"].startswith("application/soap+xml")
    assert _detail(r, SOAP12)[:2] == ("authenticationFault", 10000)
    hdr = ("<h:authHeader><h:user>demo@example.com</h:user><h:password>bad</h:password>"
           "<h:faultHttpStatusCode>200</h:faultHttpStatusCode></h:authHeader>")
    r = _post(sandbox, _envelope("<x:getActiveJobsParam/>", hdr))
    assert r.status_code == 200
    assert _detail(r)[:2] == ("authenticationFault", 10001)


def test_header_in_request_namespace_and_unquoted_soapaction(sandbox):
    hdr = (f'<v:authHeader xmlns:v="{NS_2016}"><v:user>demo@example.com</v:user>'
           "<v:password>demo-password</v:password></v:authHeader>")  # no appName/appVersion: not insisted on
    r = _post(sandbox, _envelope("<x:getScheduledJobsParam/>", hdr, ns=NS_2016), SOAPAction="getScheduledJobs")
    assert r.status_code == 200 and f'<getScheduledJobsReturn xmlns="{NS_2016}">'.encode() in r.content
    basic = base64.b64encode(b"demo@example.com:demo-password").decode()
    r = _post(sandbox, _envelope("<x:getCompanyMembershipParam/>"), Authorization=f"Basic {basic}",
              SOAPAction='"getCompanyMembership"')
    assert r.status_code == 200 and b"<companyArray><items>" in r.content
    legacy_hdr = ('<a:AuthUser xmlns:a="http://www.scene7.com/IpsApi">demo@example.com</a:AuthUser>'
                  '<a:AuthPassword xmlns:a="http://www.scene7.com/IpsApi">demo-password</a:AuthPassword>')
    r = _post(sandbox, _envelope("<x:getCompanyMembershipParam/>", legacy_hdr))
    assert r.status_code == 200


def test_empty_answers(sandbox):
    r = _post(sandbox, _envelope("<x:getActiveJobsParam><x:originalName>nothing</x:originalName>"
                                 "</x:getActiveJobsParam>", AUTH))
    assert f'<getActiveJobsReturn xmlns="{NS_LEGACY}"><jobArray/></getActiveJobsReturn>'.encode() in r.content


def test_credentials_are_checked_before_parameters(sandbox):
    bad = ("<h:authHeader><h:user>demo@example.com</h:user><h:password>bad</h:password></h:authHeader>")
    r = _post(sandbox, _envelope("<x:stopJobParam/>", bad))
    assert _detail(r)[:2] == ("authenticationFault", 10001)
    hdr = AUTH.replace("</h:authHeader>", "<h:faultHttpStatusCode>200</h:faultHttpStatusCode></h:authHeader>")
    r = _post(sandbox, _envelope("<x:stopJobParam/>", hdr))
    assert r.status_code == 200 and _detail(r)[:2] == ("ipsApiFault", 30002)
