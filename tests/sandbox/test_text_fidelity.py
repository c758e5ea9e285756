"""Any text a client can put in XML comes back exactly (property test over raw SOAP)."""

from __future__ import annotations

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from .helpers import started_sandbox

pytestmark = pytest.mark.timeout(90)

ENV = "http://schemas.xmlsoap.org/soap/envelope/"
NS = "http://www.scene7.com/IpsApi/xsd/2016-01-14-beta"
XML_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from("\t\n\r<&>\"'"),
                   max_size=200)


def _call(url: str, op: str, **params: object) -> etree._Element:
    env = etree.Element(f"{{{ENV}}}Envelope", nsmap={"e": ENV, "x": NS})
    hdr = etree.SubElement(etree.SubElement(env, f"{{{ENV}}}Header"), f"{{{NS}}}authHeader")
    for k, v in (("user", "demo@example.com"), ("password", "demo-password"), ("appName", "t"), ("appVersion", "1")):
        etree.SubElement(hdr, f"{{{NS}}}{k}").text = v
    param = etree.SubElement(etree.SubElement(env, f"{{{ENV}}}Body"), f"{{{NS}}}{op}Param")
    for k, v in params.items():
        el = etree.SubElement(param, f"{{{NS}}}{k}")
        if isinstance(v, dict):
            for kk, vv in v.items():
                etree.SubElement(el, f"{{{NS}}}{kk}").text = vv
        else:
            el.text = v
    r = httpx.post(url, content=etree.tostring(env), headers={"Content-Type": "text/xml"}, timeout=10)
    return etree.fromstring(r.content)


@pytest.fixture(scope="module")
def text_sandbox(tmp_path_factory):
    with started_sandbox(tmp_path_factory.mktemp("text"), seed=3) as sb:
        yield sb


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=XML_TEXT, description=XML_TEXT)
def test_names_and_descriptions_round_trip(text_sandbox, name, description):
    url = text_sandbox.endpoint
    doc = _call(url, "submitJob", companyHandle="c|1", jobName=name, description=description,
                optimizeImagesJob={"emailSetting": "None"})
    handle = doc.findtext(f".//{{{NS}}}jobHandle")
    if not name.strip():
        assert handle is None and doc.findtext(".//{http://www.scene7.com/IpsApi/xsd}code") == "30001"
        return
    assert handle
    got = _call(url, "getActiveJobs", companyHandle="c|1", jobHandle=handle)
    items = got.findall(f".//{{{NS}}}items")
    assert items, etree.tostring(got)[:300]
    assert items[0].findtext(f"{{{NS}}}originalName") == name
    assert items[0].findtext(f"{{{NS}}}description") == description
