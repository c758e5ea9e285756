"""The served WSDLs: consistency with the real public IpsApi.wsdl, addresses, zeep loading."""

from __future__ import annotations

import httpx
import pytest
import zeep
from lxml import etree

from .helpers import NS_2016, NS_LEGACY, SOAP11, SOAP12, WSDL_NS

XSD = "http://www.w3.org/2001/XMLSchema"
WSDL = "http://schemas.xmlsoap.org/wsdl/"
SOAP = "http://schemas.xmlsoap.org/wsdl/soap/"
SOAP12_NS = "http://schemas.xmlsoap.org/wsdl/soap12/"
OPS = {"getCompanyMembership", "getCompanyInfo", "getActiveJobs", "getScheduledJobs", "getJobLogs",
       "getJobLogDetails", "submitJob", "stopJob", "pauseJob", "resumeJob", "executeJob", "deleteJob"}


def _seq(node: etree._Element) -> list[tuple[str, str, str, str]]:
    seq = node.find(f"{{{XSD}}}sequence")
    if seq is None:
        return []
    return [(e.get("name"), e.get("type").split(":")[-1], e.get("minOccurs", "1"), e.get("maxOccurs", "1"))
            for e in seq.findall(f"{{{XSD}}}element")]


def _schema_parts(doc: etree._Element, ns: str) -> tuple[dict, dict]:
    types, elements = {}, {}
    for schema in doc.iter(f"{{{XSD}}}schema"):
        if schema.get("targetNamespace") != ns:
            continue
        for ct in schema.findall(f"{{{XSD}}}complexType"):
            types[ct.get("name")] = _seq(ct)
        for el in schema.findall(f"{{{XSD}}}element"):
            elements[el.get("name")] = _seq(el.find(f"{{{XSD}}}complexType"))
    return types, elements


@pytest.fixture(scope="module")
def real_doc(shared_wsdl_path):
    return etree.parse(str(shared_wsdl_path)).getroot()


@pytest.fixture(scope="module")
def legacy_doc(sandbox):
    return etree.fromstring(httpx.get(sandbox.wsdl_url_legacy).content)


@pytest.fixture(scope="module")
def wsdl_2016_doc(sandbox):
    return etree.fromstring(httpx.get(sandbox.wsdl_url_2016).content)


def test_legacy_complex_types_equal_the_real_ones(real_doc, legacy_doc):
    real_types, real_elements = _schema_parts(real_doc, NS_LEGACY)
    ours_types, ours_elements = _schema_parts(legacy_doc, NS_LEGACY)
    assert ours_types, "no complexTypes served"
    for name, seq in ours_types.items():
        assert name in real_types, f"{name} is not in the real WSDL"
        assert seq == real_types[name], f"complexType {name} differs from the real WSDL"
    for name, seq in ours_elements.items():
        assert name in real_elements, f"element {name} is not in the real WSDL"
        assert seq == real_elements[name], f"element {name} differs from the real WSDL"
    expected = {f"{op}{s}" for op in OPS for s in ("Param", "Return")} | {
        "ipsApiFault", "authenticationFault", "authorizationFault", "authHeader"}
    assert expected <= set(ours_elements)
    # every type the job operations need is there
    for t in ("ActiveJob", "ActiveJobArray", "ScheduledJob", "JobLog", "JobLogDetail", "UploadDirectoryJob",
              "UploadUrlsJob", "Company", "CompanyArray"):
        assert t in ours_types


def _bindings(doc):
    out = {}
    for b in doc.findall(f"{{{WSDL}}}binding"):
        ops = {}
        for op in b.findall(f"{{{WSDL}}}operation"):
            so = op.find(f"{{{SOAP}}}operation")
            if so is None:
                so = op.find(f"{{{SOAP12_NS}}}operation")
            hdr = op.find(f"{{{WSDL}}}input/*[@message='tns:authHeader']")
            ops[op.get("name")] = (so.get("soapAction"), hdr is not None and hdr.get("part"),
                                   sorted(f.get("name") for f in op.findall(f"{{{WSDL}}}fault")))
        out[b.get("name")] = (b.get("type"), ops)
    return out


def test_legacy_bindings_messages_and_service_match_the_real_ones(real_doc, legacy_doc):
    real_b, ours_b = _bindings(real_doc), _bindings(legacy_doc)
    assert set(ours_b) == {"IpsApiServiceSoapBinding", "IpsApiServiceSoap12Binding"}
    for name, (ptype, ops) in ours_b.items():
        assert ptype == real_b[name][0]
        assert set(ops) == OPS
        for op, info in ops.items():
            assert info == real_b[name][1][op], (name, op)
    real_msgs = {m.get("name"): [(p.get("name"), p.get("element")) for p in m] for m in real_doc.findall(f"{{{WSDL}}}message")}
    for m in legacy_doc.findall(f"{{{WSDL}}}message"):
        assert [(p.get("name"), p.get("element")) for p in m] == real_msgs[m.get("name")], m.get("name")
    svc = legacy_doc.find(f"{{{WSDL}}}service")
    assert svc.get("name") == "IpsApiService"
    assert [(p.get("name"), p.get("binding")) for p in svc] == [
        ("IpsApiSoapPort", "tns:IpsApiServiceSoapBinding"), ("IpsApiSoap12Port", "tns:IpsApiServiceSoap12Binding")]
    assert legacy_doc.get("targetNamespace") == real_doc.get("targetNamespace") == WSDL_NS


def test_addresses_point_at_the_sandbox_and_service_url_is_honoured(sandbox, legacy_doc, wsdl_2016_doc):
    for doc in (legacy_doc, wsdl_2016_doc):
        locs = [a.get("location") for a in doc.iter(f"{{{SOAP}}}address", f"{{{SOAP12_NS}}}address")]
        assert len(locs) == 2
        assert all(loc == sandbox.endpoint for loc in locs), locs
    r = httpx.get(sandbox.wsdl_url_2016, params={"serviceUrl": "http://proxy.example:9/scene7/services/IpsApiService"})
    assert r.status_code == 200
    assert b'location="http://proxy.example:9/scene7/services/IpsApiService"' in r.content
    assert httpx.get(sandbox.wsdl_url_legacy, params={"serviceUrl": "javascript:alert(1)"}).status_code == 400


def test_2016_wsdl_shape(wsdl_2016_doc):
    types, elements = _schema_parts(wsdl_2016_doc, NS_2016)
    active = [f[0] for f in types["ActiveJob"]]
    assert active[:17] == ["companyHandle", "jobHandle", "name", "originalName", "type", "state", "submitUserEmail",
                           "locale", "description", "serverName", "startDate", "triggerTime", "totalSize",
                           "progress", "progressMessage", "lastProgressUpdate", "taskProgressArray"]
    assert len(active) == 17 + 14 and "uploadPostJob" in active
    sched = [f[0] for f in types["ScheduledJob"]]
    assert "uploadPostJob" not in sched and len(sched) == 12 + 13
    header = {f[0]: f[2] for f in elements["authHeader"]}
    assert header["appName"] == header["appVersion"] == "1" and header["user"] == "0"
    _faults, fault_elements = _schema_parts(wsdl_2016_doc, NS_LEGACY)
    assert {"ipsApiFault", "authenticationFault", "authorizationFault"} <= set(fault_elements)
    assert [f[0] for f in elements["getJobLogDetailsParam"]] == [
        "companyHandle", "jobHandle", "originalName", "logTypeArray", "recordsPerPage", "resultsPage", "sortBy",
        "sortDirection"]


@pytest.mark.parametrize("which", ["legacy", "2016"])
def test_zeep_loads_served_wsdls_with_both_bindings(sandbox, which):
    url = sandbox.wsdl_url_legacy if which == "legacy" else sandbox.wsdl_url_2016
    client = zeep.Client(url)
    for binding in (SOAP11, SOAP12):
        svc = client.create_service(binding, sandbox.endpoint)
        assert svc.getActiveJobs is not None
    ops = set(client.wsdl.bindings[SOAP11]._operations)
    assert ops == OPS
