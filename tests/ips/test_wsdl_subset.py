"""The part of a WSDL the client calls (src/activejob_tui/ips/wsdl_subset.py, issue 9): the real IpsApi.wsdl cut
to the client's operations gives zeep the same operations, with the same signatures, as the whole; what a
kept part derives from or may be replaced by stays; a document that imports another is not cut; and when zeep
refuses a cut document the client reads the whole one."""

from __future__ import annotations

import contextlib
import io
import logging
import re

import pytest
from lxml import etree
from zeep.transports import Transport
from zeep.wsdl import Document

from activejob_tui.ips import transport, wsdl_subset
from activejob_tui.ips.client import ClientSettings
from activejob_tui.model.controls import CONTROLS

W, X = wsdl_subset.WSDL, wsdl_subset.XSD


def dump(document: Document) -> list[str]:
    """zeep's own listing of a document (``python -m zeep``): its prefixes, global elements and types,
    and each port's operations with their signatures."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        document.dump()
    return out.getvalue().splitlines()


def operation_lines(lines: list[str]) -> dict[str, str]:
    """Each operation's signature line under the SOAP 1.1 port, by operation name."""
    port = lines.index(next(line for line in lines if "IpsApiSoapPort" in line))
    found = {}
    for line in lines[port + 1:]:
        if "Port:" in line:
            break
        match = re.match(r"\s+(\w+)\(", line)
        if match:
            found[match.group(1)] = line.strip()
    return found


def test_the_cut_ips_wsdl_has_the_client_s_operations_with_the_same_signatures(shared_wsdl_path) -> None:
    root = etree.parse(str(shared_wsdl_path)).getroot()
    cut = wsdl_subset.subset(root)
    assert cut is not None and cut is not root
    assert len(etree.tostring(cut)) < len(etree.tostring(root)) / 4
    whole_ops = operation_lines(dump(Document(str(shared_wsdl_path), Transport())))
    cut_lines = dump(Document(io.BytesIO(etree.tostring(cut)), Transport(), base=str(shared_wsdl_path)))
    cut_ops = operation_lines(cut_lines)
    assert set(cut_ops) == wsdl_subset.OPERATIONS == set(wsdl_subset.READS) | {c.operation for c in CONTROLS.values()}
    assert cut_ops == {name: whole_ops[name] for name in cut_ops}  # each one as the whole WSDL declares it
    assert not any("Soap12" in line for line in cut_lines)  # the SOAP 1.2 binding and its port are gone
    assert len(whole_ops) > 70 and "submitJob" in whole_ops and "submitJob" not in cut_ops
    assert len(list(root.iter(f"{{{W}}}operation"))) == 219  # the argument was not changed


SMALL = f"""<definitions xmlns="{W}" xmlns:xs="{X}" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
  xmlns:t="urn:t" targetNamespace="urn:t">
  <types><xs:schema targetNamespace="urn:t">
    <xs:element name="stopJobParam" type="t:Base"/>
    <xs:element name="stopJobReturn"><xs:complexType><xs:sequence>
      <xs:element ref="t:head"/></xs:sequence></xs:complexType></xs:element>
    <xs:element name="head" type="xs:string"/>
    <xs:element name="member" substitutionGroup="t:head" type="xs:string"/>
    <xs:complexType name="Base"><xs:sequence><xs:element name="a" type="xs:string"/></xs:sequence></xs:complexType>
    <xs:complexType name="Derived"><xs:complexContent><xs:extension base="t:Base"><xs:sequence>
      <xs:element name="b" type="t:Leaf"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>
    <xs:simpleType name="Leaf"><xs:restriction base="xs:string"/></xs:simpleType>
    <xs:element name="submitJobParam" type="t:Unused"/>
    <xs:complexType name="Unused"><xs:sequence/></xs:complexType>
  </xs:schema></types>
  <message name="stopJobParam"><part name="p" element="t:stopJobParam"/></message>
  <message name="stopJobReturn"><part name="p" element="t:stopJobReturn"/></message>
  <message name="submitJobParam"><part name="p" element="t:submitJobParam"/></message>
  <portType name="P">
    <operation name="stopJob"><input message="t:stopJobParam"/><output message="t:stopJobReturn"/></operation>
    <operation name="submitJob"><input message="t:submitJobParam"/></operation>
  </portType>
</definitions>"""


def names(root: etree._Element) -> set[str]:
    return {node.get("name") for node in root.iter() if node.get("name")}


def test_what_derives_from_or_stands_in_for_a_kept_part_is_kept_and_the_rest_goes() -> None:
    cut = wsdl_subset.subset(etree.fromstring(SMALL.encode()), frozenset({"stopJob"}))
    assert cut is not None
    kept = names(cut)
    assert {"stopJobParam", "stopJobReturn", "head", "member", "Base", "Derived", "Leaf", "a", "b"} <= kept
    assert not {"submitJob", "submitJobParam", "Unused"} & kept


@pytest.mark.parametrize("extra", [
    f'<import xmlns="{W}" namespace="urn:o" location="other.wsdl"/>',
    f'<types><xs:schema xmlns:xs="{X}"><xs:include schemaLocation="more.xsd"/></xs:schema></types>',
    f'<types><xs:schema xmlns:xs="{X}"><xs:import namespace="urn:o" schemaLocation="o.xsd"/></xs:schema></types>',
])
def test_a_document_that_imports_another_is_not_cut(extra: str) -> None:
    root = etree.fromstring(SMALL.replace('targetNamespace="urn:t">', f'targetNamespace="urn:t">{extra}', 1).encode())
    assert wsdl_subset.subset(root) is None


def test_an_import_without_a_location_does_not_stop_the_cut() -> None:
    extra = f'<types><xs:schema xmlns:xs="{X}"><xs:import namespace="http://www.w3.org/XML/1998/namespace"/></xs:schema></types>'
    root = etree.fromstring(SMALL.replace('targetNamespace="urn:t">', f'targetNamespace="urn:t">{extra}', 1).encode())
    assert wsdl_subset.subset(root) is not None


def test_when_zeep_refuses_the_cut_document_the_client_reads_the_whole_one(shared_wsdl_path, monkeypatch, caplog) -> None:
    real = wsdl_subset.subset

    def broken(root: etree._Element) -> etree._Element | None:  # a cut that lost a message its binding names
        cut = real(root)
        assert cut is not None
        cut.remove(cut.find(f"{{{W}}}message[@name='getCompanyMembership']"))
        return cut

    monkeypatch.setattr(wsdl_subset, "subset", broken)
    with caplog.at_level(logging.WARNING, logger="activejob_tui.ips.client"):
        client = transport.build_zeep(ClientSettings(wsdl=str(shared_wsdl_path), user="u", password="p"))
    assert "read apart lacked getCompanyMembership; reading all of it" in caplog.text
    assert "submitJob" in operation_lines(dump(client.wsdl))  # the whole WSDL
    client.transport.wsdl_client.close()


def test_a_cut_without_the_client_s_operations_is_read_whole(shared_wsdl_path, monkeypatch, caplog) -> None:
    monkeypatch.setattr(wsdl_subset, "subset", lambda root: etree.fromstring(b"<definitions xmlns='%s'><binding "
                                                                             b"name='x' type='nowhere:P'/></definitions>" % W.encode()))
    with caplog.at_level(logging.WARNING, logger="activejob_tui.ips.client"):
        client = transport.build_zeep(ClientSettings(wsdl=str(shared_wsdl_path), user="u", password="p"))
    assert "lacked getCompanyMembership, getActiveJobs, " in caplog.text and "submitJob" in operation_lines(dump(client.wsdl))
    client.transport.wsdl_client.close()
