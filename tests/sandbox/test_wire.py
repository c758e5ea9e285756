"""``--wire axis2`` and ``--mtom`` (IPS_JOBS_API.md §10): the bytes the sandbox sends, and plain strict
zeep with the real public WSDL reading them; the default wire unchanged."""

from __future__ import annotations

import re

import httpx
import pytest
import zeep
from lxml import etree
from zeep.exceptions import Fault

from activejob_tui.sandbox.process import SandboxProcess

from .helpers import NS_2016, NS_LEGACY, Ips, parse_fault, started_sandbox

ENV = "http://schemas.xmlsoap.org/soap/envelope/"


def request(op: str, ns: str, inner: str) -> bytes:
    return (f'<e:Envelope xmlns:e="{ENV}"><e:Header><authHeader xmlns="{ns}"><user>demo@example.com</user>'
            f"<password>demo-password</password></authHeader></e:Header><e:Body>"
            f'<{op}Param xmlns="{ns}">{inner}</{op}Param></e:Body></e:Envelope>').encode()


def post(server: SandboxProcess, op: str, ns: str, inner: str) -> httpx.Response:
    return httpx.post(server.endpoint, content=request(op, ns, inner), timeout=10,
                      headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": op})


def root_part(response: httpx.Response) -> bytes:
    """The body, or the root part of an MTOM answer (checked to be one)."""
    content_type = response.headers["content-type"]
    if not content_type.startswith("multipart/related"):
        return response.content
    assert 'type="application/xop+xml"' in content_type and "start=" in content_type
    boundary = re.search(r'boundary="([^"]+)"', content_type).group(1).encode()
    part = response.content.split(b"--" + boundary)[1]
    head, _, body = part.partition(b"\r\n\r\n")
    assert b'Content-Type: application/xop+xml; charset=UTF-8; type="text/xml"' in head
    return body.rsplit(b"\r\n", 1)[0]


@pytest.fixture(scope="module", params=["axis2", "axis2-mtom"])
def axis2(request, tmp_path_factory):
    with started_sandbox(tmp_path_factory.mktemp("axis2"), seed=7, wire="axis2",
                         mtom=request.param.endswith("mtom")) as sb:
        yield sb


def test_the_recorded_shapes_are_sent(axis2):
    answer = root_part(post(axis2, "getActiveJobs", NS_2016, "<companyHandle>c|1</companyHandle>"))
    assert answer.startswith(b"<?xml version='1.0' encoding='UTF-8'?><soapenv:Envelope")
    assert b"<soapenv:Header/>" in answer
    root = etree.fromstring(answer)
    items = root.findall(f".//{{{NS_2016}}}jobArray/{{{NS_2016}}}items")
    assert items and {i.findtext(f"{{{NS_2016}}}companyHandle") for i in items} == {"1"}
    task_types = {t.text for t in root.iter(f"{{{NS_2016}}}taskType")}
    assert task_types and all(t.startswith("com.scene7.") and t.endswith("AsyncTaskMonitor") for t in task_types)
    assert "com.scene7.upload.UploadAsyncTaskMonitor" in task_types
    empties = {etree.QName(e).localname for e in root.iter() if isinstance(e.tag, str) and len(e) == 0 and not e.text}
    assert {"taskItemProgressArray", "urlArray", "httpCompletionUrl"} <= empties
    uploads = list(root.iter(f"{{{NS_2016}}}uploadUrlsJob"))
    assert uploads
    for upload in uploads:
        assert len(upload.find(f"{{{NS_2016}}}urlArray")) == 0 and upload.find(f"{{{NS_2016}}}numUrls") is None


def test_faults_are_server_faults_named_by_their_element(axis2):
    response = post(axis2, "stopJob", NS_LEGACY, "<companyHandle>1</companyHandle><jobHandle>j|nope</jobHandle>")
    assert response.status_code == 500
    fault = etree.fromstring(root_part(response)).find(f".//{{{ENV}}}Fault")
    assert fault.findtext("faultcode") == "soapenv:Server" and fault.findtext("faultstring") == "ipsApiFault"
    detail = fault.find("detail")[0]
    assert detail.prefix == "tns" and [c.prefix for c in detail] == ["tns", "tns"]
    assert detail.findtext(f"{{{NS_LEGACY}}}code") == "30001"


def test_strict_zeep_with_the_real_public_wsdl_reads_the_axis2_wire(axis2, shared_wsdl_path, tmp_path):
    wsdl = re.sub(r'location="[^"]*"', f'location="{axis2.endpoint}"', shared_wsdl_path.read_text(encoding="utf-8"))
    (tmp_path / "IpsApi.wsdl").write_text(wsdl, encoding="utf-8")
    client = zeep.Client(str(tmp_path / "IpsApi.wsdl"), settings=zeep.Settings(strict=True))
    ips = Ips(str(tmp_path / "IpsApi.wsdl"), axis2.endpoint, "demo@example.com", "demo-password", client=client)
    (membership,) = [m for m in ips.call("getCompanyMembership") if m.name == "Demo Company"]
    assert membership.companyHandle == "1"
    jobs = ips.call("getActiveJobs", companyHandle="1")
    assert jobs and {j.companyHandle for j in jobs} == {"1"}
    running = next(j for j in jobs if j.state == "Running")
    assert ips.call("stopJob", companyHandle="1", jobHandle=running.jobHandle) is None
    try:
        ips.call("stopJob", companyHandle="1", jobHandle="j|nope")
    except Fault as fault:
        assert fault.code == "soapenv:Server" and fault.message == "ipsApiFault"
        assert parse_fault(client, fault)[:2] == ("ipsApiFault", 30001)
    else:
        raise AssertionError("no fault for an unknown job")


def test_the_default_wire_is_unchanged(sandbox):
    response = post(sandbox, "getActiveJobs", NS_2016, "<companyHandle>c|1</companyHandle>")
    assert response.headers["content-type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    root = etree.fromstring(response.content)
    assert {e.text for e in root.iter(f"{{{NS_2016}}}companyHandle")} == {"c|1"}
    assert not any((t.text or "").startswith("com.scene7.") for t in root.iter(f"{{{NS_2016}}}taskType"))
    fault = etree.fromstring(post(sandbox, "stopJob", NS_LEGACY, "<companyHandle>c|1</companyHandle>"
                                  "<jobHandle>j|nope</jobHandle>").content).find(f".//{{{ENV}}}Fault")
    assert fault.findtext("faultcode") == "soapenv:Client"


def test_the_endpoint_answers_on_both_paths(sandbox):
    for path in ("/scene7/services/IpsApiService", "/scene7/api/IpsApiService"):
        response = httpx.post(sandbox.base_url + path, content=request("getActiveJobs", NS_LEGACY, ""), timeout=10,
                              headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": "getActiveJobs"})
        assert response.status_code == 200 and b"getActiveJobsReturn" in response.content, path
