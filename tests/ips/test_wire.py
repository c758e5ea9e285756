"""``ips.wire.read_answer``: the one transport-level reading of an HTTP answer (MTOM root part,
RFC 7303 charset, HTML pages, redirects), and ``ips.faults.read_fault`` on what it returns."""

from __future__ import annotations

import pytest

from activejob_tui.ips import errors, faults, wire
from activejob_tui.ips.decode import decode_active_jobs

NS = "http://www.scene7.com/IpsApi/xsd"
ENV = "http://schemas.xmlsoap.org/soap/envelope/"


def answer(name: str, decl: str = "") -> str:
    return (f'{decl}<e:Envelope xmlns:e="{ENV}"><e:Body><getActiveJobsReturn xmlns="{NS}"><jobArray><items>'
            f"<companyHandle>1</companyHandle><jobHandle>j|1</jobHandle><name>{name}</name></items></jobArray>"
            "</getActiveJobsReturn></e:Body></e:Envelope>")


def multipart(parts: list[tuple[str, str, bytes]], start: str | None) -> tuple[str, bytes]:
    body = b"".join(f"--B0\r\nContent-Type: {ct}\r\nContent-ID: {cid}\r\n\r\n".encode() + data + b"\r\n"
                    for cid, ct, data in parts) + b"--B0--\r\n"
    content_type = 'multipart/related; boundary=B0; type="application/xop+xml"'
    return content_type + (f'; start="{start}"' if start else ""), body


def names(data: bytes) -> list[str | None]:
    return [job.name for job in decode_active_jobs(data)]


def test_the_root_part_is_the_start_part_else_the_first():
    root = answer("root").encode()
    other = b"\x89PNG binary attachment"
    xop = 'application/xop+xml; charset=UTF-8; type="text/xml"'
    content_type, body = multipart([("<att>", "image/png", other), ("<root>", xop, root)], "<root>")
    assert names(wire.read_answer("getActiveJobs", 200, {"content-type": content_type}, body)) == ["root"]
    content_type, body = multipart([("<root>", xop, root), ("<att>", "image/png", other)], None)
    assert names(wire.read_answer("getActiveJobs", 200, {"content-type": content_type}, body)) == ["root"]


def test_the_charset_of_the_root_part_is_honoured():
    latin = answer("Ñandú").encode("iso-8859-1")
    content_type, body = multipart([("<r>", 'application/xop+xml; charset=ISO-8859-1; type="text/xml"', latin)], "<r>")
    assert names(wire.read_answer("getActiveJobs", 200, {"content-type": content_type}, body)) == ["Ñandú"]


@pytest.mark.parametrize(("body", "charset", "expected"), [
    (answer("Ñandú").encode("iso-8859-1"), "ISO-8859-1", "Ñandú"),  # no declaration: HTTP charset
    (answer("Ñandú", "<?xml version='1.0' encoding='ISO-8859-1'?>").encode("iso-8859-1"), "utf-8", "Ñandú"),
    (answer("Ñandú").encode("utf-8"), None, "Ñandú"),  # nothing said: UTF-8
    (b"\xef\xbb\xbf" + answer("Ñandú").encode("utf-8"), "ISO-8859-1", "Ñandú"),  # a BOM wins
    (answer("Ñandú").encode("utf-16"), "ISO-8859-1", "Ñandú"),  # UTF-16 with its BOM
    (answer("Ñandú").encode("cp1252"), "windows-1252", "Ñandú"),
])
def test_charset_order_bom_then_declaration_then_http(body, charset, expected):
    content_type = "text/xml" + (f"; charset={charset}" if charset else "")
    assert names(wire.read_answer("getActiveJobs", 200, {"content-type": content_type}, body)) == [expected]


def test_a_wrong_or_unknown_charset_is_a_clear_error():
    with pytest.raises(errors.MalformedResponse, match="unknown charset 'x-klingon'"):
        wire.read_answer("getActiveJobs", 200, {"content-type": "text/xml; charset=x-klingon"}, b"<a/>")
    with pytest.raises(errors.MalformedResponse, match=r"is not valid shift_jis, the charset it is labelled with \(byte 3\)"):
        wire.read_answer("getActiveJobs", 200, {"content-type": "text/xml; charset=shift_jis"}, b"<a>\x80</a>")


@pytest.mark.parametrize(("status", "page", "expected"), [
    (200, b"<!DOCTYPE html><html><head><title>Sign in</title></head></html>",
     "The server answered stopJob with an HTML page ('Sign in'), not SOAP — is the WSDL/endpoint URL right, "
     "or is a proxy asking you to log in?"),
    (503, b"\n  <HTML><HEAD><TITLE>\n  Service\n Unavailable </TITLE>",
     "The server answered stopJob with HTTP 503 and an HTML page ('Service Unavailable')."),
    (401, b"<?xml version='1.0'?><!-- x --><html><body>no title</body></html>",
     "The server answered stopJob with HTTP 401 and an HTML page."),
])
def test_html_pages_are_named_by_their_title_and_never_parsed(status, page, expected):
    with pytest.raises(errors.MalformedResponse) as caught:
        wire.read_answer("stopJob", status, {"content-type": "text/html"}, page)
    assert caught.value.message == expected


def test_a_redirect_is_not_followed():
    with pytest.raises(errors.MalformedResponse, match=r"redirected getActiveJobs \(HTTP 302\)"):
        wire.read_answer("getActiveJobs", 302, {"location": "http://elsewhere/"}, b"")


@pytest.mark.parametrize(("detail", "expected", "kind"), [
    ("<Exception>org.apache.axis2.AxisFault: boom</Exception>",
     "getActiveJobs failed: Pool exhausted; retry later (SOAP fault soapenv:Server).", errors.ApiFault),
    ("", "getActiveJobs failed: Pool exhausted; retry later (SOAP fault soapenv:Server).", errors.ApiFault),
    (f'<tns:ipsApiFault xmlns:tns="{NS}/2023-01-15"><tns:code>30000</tns:code>'
     "<tns:reason>Asset ID already in use.</tns:reason></tns:ipsApiFault>",
     "getActiveJobs failed: Asset ID already in use (IPS code 30000).", errors.ApiFault),
    (f'<tns:authorizationFault xmlns:tns="{NS}"><tns:code>20003</tns:code><tns:reason>No.</tns:reason>'
     "</tns:authorizationFault>", "Not allowed to getActiveJobs: No (IPS code 20003).", errors.AuthorizationError),
    ('<ipsApiFault xmlns="urn:not-ips"><code>1</code><reason>x</reason></ipsApiFault>',
     "getActiveJobs failed: Pool exhausted; retry later (SOAP fault soapenv:Server).", errors.ApiFault),
])
def test_one_fault_reader(detail, expected, kind):
    body = (f'<e:Envelope xmlns:e="{ENV}"><e:Body><e:Fault><faultcode>soapenv:Server</faultcode>'
            f"<faultstring>Pool exhausted; retry later.</faultstring>"
            + (f"<detail>{detail}</detail>" if detail else "") + "</e:Fault></e:Body></e:Envelope>").encode()
    assert faults.looks_like_fault(body)
    err = faults.read_fault(body, "getActiveJobs")
    assert type(err) is kind and err.message == expected


def test_a_soap12_fault_reads_code_and_reason():
    env12 = "http://www.w3.org/2003/05/soap-envelope"
    body = (f'<e:Envelope xmlns:e="{env12}"><e:Body><e:Fault><e:Code><e:Value>e:Receiver</e:Value></e:Code>'
            '<e:Reason><e:Text xml:lang="en">Down for maintenance</e:Text></e:Reason></e:Fault></e:Body>'
            "</e:Envelope>").encode()
    assert faults.read_fault(body, "stopJob").message == "stopJob failed: Down for maintenance (SOAP fault e:Receiver)."
