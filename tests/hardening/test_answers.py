"""Broken and hostile answers: not XML, truncated, wrong SOAP version, too big, DTD/XXE/billion
laughs (to the client and to the sandbox), wrong namespace."""

from __future__ import annotations

import re
import resource

import httpx
import pytest

from activejob_tui.ips import errors
from activejob_tui.ips.client import IpsClient

from .conftest import one_line_error, rogue_cli_args, rogue_settings
from .rogue_server import (
    LEGACY_NS,
    NS_2016,
    SOAP11,
    SOAP12,
    Reply,
    active_jobs_answer,
    envelope,
)

ITEM = "<items><companyHandle>c|1</companyHandle><jobHandle>j|1||a|1</jobHandle><name>alpha</name></items>"
SECRET = "TOPSECRET-7c1f-file-content"


def laughs_dtd(levels: int = 10) -> str:
    """The classic billion laughs: 10**levels expansions of "lol"."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, levels)
    ]
    return f"<!DOCTYPE lolz [{''.join(entities)}]>"


def xxe_dtd(path) -> str:
    return f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{path}">]>'


def with_dtd(dtd: str, body: bytes) -> bytes:
    head, _, rest = body.partition(b"?>")
    return head + b"?>" + dtd.encode() + rest


@pytest.fixture
async def rogue_client(rogue):
    client = await IpsClient.open(rogue_settings(rogue, timeout=3.0, max_response_bytes=64 * 1024))
    yield client
    await client.close()


def test_not_xml_cli(run_cli, rogue):
    rogue.answer(Reply(200, b"Service temporarily unavailable, try later", {"Content-Type": "text/plain"}))
    result = run_cli("jobs", *rogue_cli_args(rogue))
    assert result.returncode == 7
    line = one_line_error(result)
    assert "The server's answer to getActiveJobs is not XML" in line and "'Service temporarily" in line


def test_truncated_xml_cli(run_cli, rogue):
    rogue.answer(Reply(200, active_jobs_answer(ITEM)[:-60]))
    result = run_cli("jobs", *rogue_cli_args(rogue))
    assert result.returncode == 7
    assert "The server's answer to getActiveJobs is not XML" in one_line_error(result)


def test_chaos_malformed_sandbox_cli(run_cli, sandbox_factory, shared_wsdl_path):
    server = sandbox_factory(chaos=["malformed=1.0"])
    result = run_cli("jobs", "--wsdl", str(shared_wsdl_path), "--endpoint", server.endpoint,
                     "--user", "demo@example.com", "--company-handle", "c|1")
    assert result.returncode == 7
    assert "The server's answer to getActiveJobs is not XML" in one_line_error(result)


def test_unknown_soap_envelope_version_cli(run_cli, rogue):
    rogue.answer(Reply(200, active_jobs_answer(ITEM, soap_ns="http://schemas.xmlsoap.org/soap/envelope/v9")))
    result = run_cli("jobs", *rogue_cli_args(rogue))
    assert result.returncode == 7
    assert one_line_error(result) == (
        "activejob-tui: The server's answer to getActiveJobs is XML but not a SOAP envelope (root element "
        "'Envelope' in namespace 'http://schemas.xmlsoap.org/soap/envelope/v9')."
    )


async def test_soap12_envelope_to_a_soap11_request(rogue, rogue_client):
    """Lists are read from either SOAP version (same data); zeep refuses it for the control operations."""
    rogue.answer(Reply(200, active_jobs_answer(ITEM, soap_ns=SOAP12)))
    assert [j.name for j in await rogue_client.active_jobs()] == ["alpha"]
    rogue.answer(Reply(200, envelope(f'<stopJobReturn xmlns="{LEGACY_NS}"/>', soap_ns=SOAP12)))
    with pytest.raises(errors.MalformedResponse) as caught:
        await rogue_client.stop_job("j|1||a|1")
    assert caught.value.message == "The server's answer to stopJob is not the SOAP this client expects."


@pytest.mark.parametrize(
    "reply",
    [
        Reply(200, b"<x>" + b"a" * 300_000 + b"</x>"),  # Content-Length announces it
        Reply(200, b"<x>" + b"a" * 300_000 + b"</x>", chunked=True),  # no length: counted while read
        Reply(200, b"<x>", stream_forever=True),  # never ends
    ],
    ids=["content-length", "chunked", "endless"],
)
async def test_answer_larger_than_the_cap_is_refused(rogue, rogue_client, reply):
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rogue.answer(reply)
    with pytest.raises(errors.MalformedResponse) as caught:
        await rogue_client.active_jobs()
    assert "is larger than the 64.0 KB limit" in caught.value.message and "refused" in caught.value.message
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before < 64 * 1024  # KiB: < 64 MB
    rogue.answer(Reply(200, active_jobs_answer(ITEM)))
    assert [j.name for j in await rogue_client.active_jobs()] == ["alpha"]  # the client carries on


def _dtd_answers(secret_path) -> dict[str, bytes]:
    fault = envelope(
        "<soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>x</faultstring><detail>"
        f'<ns1:ipsApiFault xmlns:ns1="{LEGACY_NS}"><ns1:code>30001</ns1:code><ns1:reason>&xxe;</ns1:reason>'
        "</ns1:ipsApiFault></detail></soapenv:Fault>"
    )
    named = active_jobs_answer(ITEM.replace("alpha", "&xxe;"))
    stop = envelope(f'<stopJobReturn xmlns="{LEGACY_NS}">&xxe;</stopJobReturn>')
    laughs = active_jobs_answer(ITEM.replace("alpha", "&lol9;"))
    return {
        "xxe-list": with_dtd(xxe_dtd(secret_path), named),
        "xxe-fault": with_dtd(xxe_dtd(secret_path), fault),
        "xxe-control": with_dtd(xxe_dtd(secret_path), stop),
        "laughs-list": with_dtd(laughs_dtd(), laughs),
        "laughs-fault": with_dtd(laughs_dtd(), fault.replace(b"&xxe;", b"&lol9;")),
    }


@pytest.mark.parametrize("case", ["xxe-list", "xxe-fault", "xxe-control", "laughs-list", "laughs-fault"])
async def test_dtd_entities_in_answers_are_refused(rogue, rogue_client, tmp_path, case):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rogue.answer(Reply(200, _dtd_answers(secret)[case]))
    call = rogue_client.stop_job("j|1||a|1") if case == "xxe-control" else rogue_client.active_jobs()
    with pytest.raises(errors.MalformedResponse) as caught:
        await call
    assert "contains a DOCTYPE" in caught.value.message and "refused for safety" in caught.value.message
    assert SECRET not in caught.value.message
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before < 64 * 1024


def test_dtd_in_answer_cli(run_cli, rogue, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    rogue.answer(Reply(200, _dtd_answers(secret)["xxe-list"]))
    result = run_cli("jobs", "--debug", *rogue_cli_args(rogue))
    assert result.returncode == 7
    assert "contains a DOCTYPE" in result.stderr
    assert SECRET not in result.stdout + result.stderr


async def test_dtd_in_the_wsdl_is_refused(rogue, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    wsdl = rogue.real_wsdl().replace("<documentation>", "<documentation>&xxe;", 1)
    head, _, rest = wsdl.partition("?>")
    rogue.wsdl_body = (head + "?>" + xxe_dtd(secret) + rest).encode()
    with pytest.raises(errors.ConfigError) as caught:
        await IpsClient.open(rogue_settings(rogue))
    assert "contains a DOCTYPE" in caught.value.message and SECRET not in caught.value.message


def _vm_hwm_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise AssertionError("no VmHWM")


@pytest.mark.skipif(not __import__("os").path.exists("/proc/self/status"), reason="needs /proc")
def test_dtd_entities_in_requests_to_the_sandbox_are_refused(sandbox, tmp_path):
    """The sandbox refuses a DOCTYPE with 30003, reads no file, and does not grow."""
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    auth = ("<e:Header><x:authHeader><x:user>demo@example.com</x:user><x:password>demo-password</x:password>"
            "</x:authHeader></e:Header>")

    def request(dtd: str, handle: str) -> httpx.Response:
        body = (f'<?xml version="1.0"?>{dtd}<e:Envelope xmlns:e="{SOAP11}" xmlns:x="{NS_2016}">{auth}<e:Body>'
                f"<x:stopJobParam><x:companyHandle>c|1</x:companyHandle><x:jobHandle>{handle}</x:jobHandle>"
                "</x:stopJobParam></e:Body></e:Envelope>")
        return httpx.post(sandbox.endpoint, content=body.encode(), headers={"Content-Type": "text/xml"}, timeout=10)

    hwm_before = _vm_hwm_kib(sandbox.pid)
    for dtd, handle in ((xxe_dtd(secret), "&xxe;"), (laughs_dtd(), "&lol9;")):
        answer = request(dtd, handle)
        assert answer.status_code == 500
        assert re.search(r"<(\w+:)?code[^>]*>30003</", answer.text), answer.text
        assert SECRET not in answer.text and "lollol" not in answer.text
    assert _vm_hwm_kib(sandbox.pid) - hwm_before < 32 * 1024
    assert request("", "j|nothing").status_code == 500  # still answering (an ordinary 30001)


async def test_answer_in_a_foreign_namespace_is_refused(rogue, rogue_client):
    rogue.answer(Reply(200, active_jobs_answer(ITEM, ns="urn:not-ips")))
    with pytest.raises(errors.MalformedResponse) as caught:
        await rogue_client.active_jobs()
    assert "urn:not-ips" in caught.value.message


async def test_answer_in_another_ips_version_namespace_is_read_by_local_name(rogue, rogue_client):
    """The legacy WSDL loaded, a 2016 answer came: same fields by name, extra ones skipped."""
    rogue.answer(Reply(200, active_jobs_answer(ITEM.replace("</name>", "</name><triggerTime>x</triggerTime>"),
                                               ns=NS_2016)))
    assert [j.name for j in await rogue_client.active_jobs()] == ["alpha"]
