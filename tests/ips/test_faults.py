"""Fault mapping, in process: every way a call can go wrong → one IpsError of the right kind, exit code
and operator sentence (IPS_JOBS_API.md §3.1, §10). The wire-level cases are in test_wire.py."""

from __future__ import annotations

import ssl

import httpx
import pytest
from zeep.exceptions import DTDForbidden, Fault, TransportError, XMLSyntaxError

from activejob_tui.ips import errors
from activejob_tui.ips.faults import (
    fault_error,
    from_http_status,
    from_transport,
    from_zeep_fault,
    from_zeep_parse,
    looks_like_fault,
    read_fault,
    sentence,
)

NS = "http://www.scene7.com/IpsApi/xsd"
S11 = "http://schemas.xmlsoap.org/soap/envelope/"
S12 = "http://www.w3.org/2003/05/soap-envelope"


def soap11(inner: str) -> bytes:
    return f'<s:Envelope xmlns:s="{S11}"><s:Body>{inner}</s:Body></s:Envelope>'.encode()


def ips_fault(kind: str, code: str | None, reason: str | None) -> bytes:
    parts = (f"<code>{code}</code>" if code is not None else "") + (f"<reason>{reason}</reason>" if reason else "")
    return soap11(f'<s:Fault><faultcode>s:Server</faultcode><faultstring>ignored words</faultstring>'
                  f'<detail><x:{kind} xmlns:x="{NS}">{parts}</x:{kind}></detail></s:Fault>')


@pytest.mark.parametrize(("kind", "cls", "message", "exit_code"), [
    ("authenticationFault", errors.AuthenticationError, "Authentication failed: Bad password (IPS code 10001).", 3),
    ("authorizationFault", errors.AuthorizationError, "Not allowed to stopJob: No rights (IPS code 20001).", 4),
    ("ipsApiFault", errors.ApiFault, "stopJob failed: Job finished (IPS code 30001).", 5),
])
def test_ips_faults_are_typed_by_their_detail_element_and_code(kind, cls, message, exit_code) -> None:
    code, reason = {"authenticationFault": ("10001", "Bad password."), "authorizationFault": ("20001", "No rights"),
                    "ipsApiFault": ("30001", "Job finished")}[kind]
    err = read_fault(ips_fault(kind, code, reason), "stopJob")
    assert type(err) is cls and err.message == message and err.exit_code == exit_code
    assert err.code == int(code)


def test_an_ips_fault_keeps_its_reason_and_survives_an_odd_code() -> None:
    err = read_fault(ips_fault("ipsApiFault", "soon", "Try  again\nlater."), "getActiveJobs")
    assert isinstance(err, errors.ApiFault) and err.code is None
    assert err.message == "getActiveJobs failed: Try again later (IPS code None)."
    assert err.reason == "Try again later."
    bare = read_fault(ips_fault("ipsApiFault", None, None), "getActiveJobs")
    assert bare.message == "getActiveJobs failed: no reason given (IPS code None)."


def test_a_fault_in_a_foreign_namespace_is_not_an_ips_fault() -> None:
    body = soap11('<s:Fault><faultcode>s:Server</faultcode><faultstring>java.lang.NullPointerException</faultstring>'
                  '<detail><x:ipsApiFault xmlns:x="urn:other"><code>30001</code></x:ipsApiFault></detail></s:Fault>')
    err = read_fault(body, "getActiveJobs")
    assert type(err) is errors.ApiFault and err.code is None
    assert err.message == "getActiveJobs failed: java.lang.NullPointerException (SOAP fault s:Server)."
    assert err.reason == "java.lang.NullPointerException"


def test_soap_1_2_faults_are_read_alike() -> None:
    body = (f'<e:Envelope xmlns:e="{S12}"><e:Body><e:Fault><e:Code><e:Value>e:Receiver</e:Value></e:Code>'
            f'<e:Reason><e:Text xml:lang="en">Service down.</e:Text></e:Reason></e:Fault></e:Body></e:Envelope>').encode()
    err = read_fault(body, "getJobLogs")
    assert err.message == "getJobLogs failed: Service down (SOAP fault e:Receiver)."


def test_a_fault_without_reason_or_code_says_so() -> None:
    assert fault_error("stopJob", None, None, None).message == (
        "stopJob failed: the server answered with a SOAP fault (SOAP fault) and gave no reason.")
    assert fault_error("stopJob", "s:Client", "  ", None).message == (
        "stopJob failed: the server answered with a SOAP fault (SOAP fault s:Client) and gave no reason.")
    unknown = fault_error("stopJob", None, "Unknown fault occured", None)
    assert isinstance(unknown, errors.MalformedResponse)
    assert unknown.message == "The server's answer to stopJob is an error without a SOAP fault body."


def test_a_body_that_is_not_a_fault_is_malformed() -> None:
    with pytest.raises(errors.MalformedResponse, match="mentions a fault but is not one"):
        read_fault(soap11("<NotAFault/>"), "stopJob")


def test_zeep_faults_map_like_raw_ones() -> None:
    from lxml import etree

    detail = etree.fromstring(f'<detail><x:authenticationFault xmlns:x="{NS}"><code>10002</code>'
                              f'<reason>Expired</reason></x:authenticationFault></detail>')
    err = from_zeep_fault(Fault("words", code="s:Server", detail=detail), "getCompanyInfo")
    assert isinstance(err, errors.AuthenticationError) and err.message == "Authentication failed: Expired (IPS code 10002)."


def test_sentence_and_fault_sniffing() -> None:
    assert sentence("Done") == "Done." and sentence("Done.  ") == "Done."
    assert sentence("Really?") == "Really?" and sentence("Wait…") == "Wait…" and sentence("Stop!") == "Stop!"
    assert looks_like_fault(soap11("<s:Fault/>")) and looks_like_fault(b"<Fault>")
    assert not looks_like_fault(b"<Faulty/>") and not looks_like_fault(b" " * 4096 + b"<s:Fault/>")


def test_http_status_and_parse_errors() -> None:
    assert from_http_status(502, "stopJob").message == "The server answered stopJob with HTTP 502 and no SOAP envelope."
    assert isinstance(from_zeep_parse(DTDForbidden("x", "y", "z"), "op"), errors.MalformedResponse)
    assert from_zeep_parse(TransportError("x"), "op").message == "The server's answer to op is not valid XML."
    assert from_zeep_parse(XMLSyntaxError("x"), "op").message == (
        "The server's answer to op is not the SOAP this client expects.")
    assert from_zeep_parse(KeyError("x"), "op").message == "The server's answer to op does not match the WSDL (KeyError)."


def _with_cause(exc: Exception, cause: Exception) -> Exception:
    exc.__cause__ = cause
    return exc


@pytest.mark.parametrize(("exc", "cls", "message"), [
    (httpx.ReadTimeout("slow"), errors.Timeout, "ips.example:8443 did not answer within 2.5 s."),
    (_with_cause(httpx.ConnectError("boom"), ssl.SSLCertVerificationError("bad")), errors.IpsConnectionError,
     "The TLS certificate of ips.example:8443 could not be verified; if you trust this server, use --insecure."),
    (httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"), errors.IpsConnectionError,
     "The TLS certificate of ips.example:8443 could not be verified; if you trust this server, use --insecure."),
    (_with_cause(httpx.ConnectError("x"), ssl.SSLError("hs")), errors.IpsConnectionError,
     "The TLS handshake with ips.example:8443 failed."),
    (httpx.ConnectError("[Errno -2] Name or service not known"), errors.IpsConnectionError,
     "The host name ips.example:8443 could not be resolved."),
    (httpx.ConnectError("[Errno 111] Connection refused"), errors.IpsConnectionError,
     "Cannot connect to ips.example:8443: connection refused. Is the server running?"),
    (httpx.RemoteProtocolError("Server disconnected"), errors.IpsConnectionError,
     "ips.example:8443 closed the connection before answering."),
    (httpx.ReadError("reset"), errors.IpsConnectionError, "ips.example:8443 closed the connection before answering."),
    (httpx.WriteError("pipe"), errors.IpsConnectionError, "ips.example:8443 closed the connection before answering."),
    (httpx.UnsupportedProtocol("gopher"), errors.IpsConnectionError,
     "The request to ips.example:8443 failed: UnsupportedProtocol."),
])
def test_transport_errors_name_the_host_and_the_cause(exc, cls, message) -> None:
    err = from_transport(exc, "https://ips.example:8443/scene7/services/IpsApiService", 2.5)
    assert type(err) is cls and err.message == message and err.exit_code == 6


def test_a_soap_1_2_detail_with_an_ips_fault_is_typed() -> None:
    body = (f'<e:Envelope xmlns:e="{S12}"><e:Body><e:Fault><e:Code><e:Value>e:Sender</e:Value></e:Code>'
            f'<e:Reason><e:Text>ignored</e:Text></e:Reason><e:Detail><x:ipsApiFault xmlns:x="{NS}"><code>30002</code>'
            f'<reason>Bad handle.</reason></x:ipsApiFault></e:Detail></e:Fault></e:Body></e:Envelope>').encode()
    err = read_fault(body, "stopJob")
    assert isinstance(err, errors.ApiFault) and err.code == 30002
    assert err.message == "stopJob failed: Bad handle (IPS code 30002)."


def test_a_zeep_fault_without_ips_detail_keeps_its_words_and_code() -> None:
    err = from_zeep_fault(Fault("Service busy.", code="s:Server", detail=None), "getJobLogs")
    assert err.message == "getJobLogs failed: Service busy (SOAP fault s:Server)."


def test_a_doctype_in_an_answer_is_refused_naming_the_operation() -> None:
    err = from_zeep_parse(DTDForbidden("x", "y", "z"), "getActiveJobs")
    assert "The server's answer to getActiveJobs" in err.message


def test_fault_sniffing_looks_at_the_first_4096_bytes() -> None:
    assert looks_like_fault(b" " * 4087 + b"<Fault>")  # ends at byte 4094
    assert not looks_like_fault(b" " * 4090 + b"<Fault>")


@pytest.mark.parametrize(("text", "message"), [
    ("[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1000)", "The TLS handshake with h.example failed."),
    ("nodename nor servname provided, or not known", "The host name h.example could not be resolved."),
    ("[Errno 8] getaddrinfo failed", "The host name h.example could not be resolved."),
])
def test_transport_errors_are_told_by_their_words_too(text: str, message: str) -> None:
    assert from_transport(httpx.ConnectError(text), "http://h.example/api", 5).message == message


@pytest.mark.parametrize(("body", "start"), [
    (b"not xml at all", "The server's answer to stopJob is not XML"),
    (b"<a/>", "The server's answer to stopJob is XML but not a SOAP envelope"),
    (soap11(""), "The server's answer to stopJob has an empty SOAP Body."),
])
def test_a_fault_answer_that_is_not_soap_names_the_operation(body: bytes, start: str) -> None:
    with pytest.raises(errors.MalformedResponse) as caught:
        read_fault(body, "stopJob")
    assert caught.value.message.startswith(start)


def test_only_full_stops_are_trimmed_from_a_reason() -> None:
    ips = read_fault(ips_fault("ipsApiFault", "30003", "Unknown format TIFFX"), "submitJob")
    assert ips.message == "submitJob failed: Unknown format TIFFX (IPS code 30003)."
    plain = fault_error("submitJob", "s:Server", "Unknown format TIFFX.", None)
    assert plain.message == "submitJob failed: Unknown format TIFFX (SOAP fault s:Server)."


def test_a_fault_element_outside_the_soap_namespaces_is_not_a_fault() -> None:
    with pytest.raises(errors.MalformedResponse, match="mentions a fault but is not one"):
        read_fault(soap11('<x:Fault xmlns:x="urn:other"><faultstring>no</faultstring></x:Fault>'), "stopJob")
