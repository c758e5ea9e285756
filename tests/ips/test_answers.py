"""Broken and hostile answers: not XML, truncated, wrong SOAP version, too big, DTD/XXE/billion
laughs (to the client and to the demo_sandbox), wrong namespace."""

from __future__ import annotations

import re
import resource

import httpx
import pytest

from activejob_tui.config_error import ConfigError
from activejob_tui.ips import errors
from activejob_tui.ips.client import IpsClient
from support.harness import one_line_error, rogue_cli_args, rogue_settings
from support.rogue_server import (
    DTD_CASES,
    FOREIGN_NAMESPACE,
    NOT_XML,
    NS_2016,
    ONE_JOB,
    OTHER_IPS_VERSION,
    SOAP11,
    SOAP12_LIST,
    SOAP12_STOP,
    TOO_BIG,
    TRUNCATED,
    UNKNOWN_ENVELOPE,
    Reply,
    dtd_answers,
    dtd_wsdl,
    laughs_dtd,
    xxe_dtd,
)
from support.rogue_server import FILE_SECRET as SECRET

# demo_password (support/fixtures.py): run_cli's environment holds the demo password and a wide terminal
pytestmark = pytest.mark.usefixtures("demo_password")


@pytest.fixture
async def rogue_client(rogue):
    client = await IpsClient.open(rogue_settings(rogue, timeout=3.0, max_response_bytes=64 * 1024))
    yield client
    await client.close()


def test_not_xml_cli(run_cli, rogue):
    rogue.answer(NOT_XML)
    result = run_cli("jobs", *rogue_cli_args(rogue))
    assert result.returncode == 7
    line = one_line_error(result)
    assert "The server's answer to getActiveJobs is not XML" in line and "'Service temporarily" in line


def test_truncated_xml_cli(run_cli, rogue):
    rogue.answer(TRUNCATED)
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
    rogue.answer(UNKNOWN_ENVELOPE)
    result = run_cli("jobs", *rogue_cli_args(rogue))
    assert result.returncode == 7
    assert one_line_error(result) == (
        "activejob-tui: The server's answer to getActiveJobs is XML but not a SOAP envelope (root element "
        "'Envelope' in namespace 'http://schemas.xmlsoap.org/soap/envelope/v9')."
    )


async def test_soap12_envelope_to_a_soap11_request(rogue, rogue_client):
    """Lists are read from either SOAP version (same data); zeep refuses it for the control operations."""
    rogue.answer(SOAP12_LIST)
    assert [j.name for j in await rogue_client.active_jobs()] == ["alpha"]
    rogue.answer(SOAP12_STOP)
    with pytest.raises(errors.MalformedResponse) as caught:
        await rogue_client.stop_job("j|1||a|1")
    assert caught.value.message == "The server's answer to stopJob is not the SOAP this client expects."


@pytest.mark.parametrize("size", list(TOO_BIG))
async def test_answer_larger_than_the_cap_is_refused(rogue, rogue_client, size):
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rogue.answer(TOO_BIG[size])
    with pytest.raises(errors.MalformedResponse) as caught:
        await rogue_client.active_jobs()
    assert "is larger than the 64.0 KB limit" in caught.value.message and "refused" in caught.value.message
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before < 64 * 1024  # KiB: < 64 MB
    rogue.answer(Reply(200, ONE_JOB))
    assert [j.name for j in await rogue_client.active_jobs()] == ["alpha"]  # the client carries on


@pytest.mark.parametrize("case", DTD_CASES)
async def test_dtd_entities_in_answers_are_refused(rogue, rogue_client, tmp_path, case):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rogue.answer(Reply(200, dtd_answers(secret)[case]))
    call = rogue_client.stop_job("j|1||a|1") if case == "xxe-control" else rogue_client.active_jobs()
    with pytest.raises(errors.MalformedResponse) as caught:
        await call
    assert "contains a DOCTYPE" in caught.value.message and "refused for safety" in caught.value.message
    assert SECRET not in caught.value.message
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before < 64 * 1024


def test_dtd_in_answer_cli(run_cli, rogue, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    rogue.answer(Reply(200, dtd_answers(secret)["xxe-list"]))
    result = run_cli("jobs", "--debug", *rogue_cli_args(rogue))
    assert result.returncode == 7
    assert "contains a DOCTYPE" in result.stderr
    assert SECRET not in result.stdout + result.stderr


async def test_dtd_in_the_wsdl_is_refused(rogue, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    rogue.wsdl_body = dtd_wsdl(rogue, secret)
    with pytest.raises(ConfigError) as caught:
        await IpsClient.open(rogue_settings(rogue))
    assert "contains a DOCTYPE" in caught.value.message and SECRET not in caught.value.message


def _vm_hwm_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise AssertionError("no VmHWM")


@pytest.mark.skipif(not __import__("os").path.exists("/proc/self/status"), reason="needs /proc")
def test_dtd_entities_in_requests_to_the_sandbox_are_refused(demo_sandbox, tmp_path):
    """The sandbox refuses a DOCTYPE with 30003, reads no file, and does not grow."""
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    auth = ("<e:Header><x:authHeader><x:user>demo@example.com</x:user><x:password>demo-password</x:password>"
            "</x:authHeader></e:Header>")

    def request(dtd: str, handle: str) -> httpx.Response:
        body = (f'<?xml version="1.0"?>{dtd}<e:Envelope xmlns:e="{SOAP11}" xmlns:x="{NS_2016}">{auth}<e:Body>'
                f"<x:stopJobParam><x:companyHandle>c|1</x:companyHandle><x:jobHandle>{handle}</x:jobHandle>"
                "</x:stopJobParam></e:Body></e:Envelope>")
        return httpx.post(demo_sandbox.endpoint, content=body.encode(), headers={"Content-Type": "text/xml"}, timeout=10)

    hwm_before = _vm_hwm_kib(demo_sandbox.pid)
    for dtd, handle in ((xxe_dtd(secret), "&xxe;"), (laughs_dtd(), "&lol9;")):
        answer = request(dtd, handle)
        assert answer.status_code == 500
        assert re.search(r"<(\w+:)?code[^>]*>30003</", answer.text), answer.text
        assert SECRET not in answer.text and "lollol" not in answer.text
    assert _vm_hwm_kib(demo_sandbox.pid) - hwm_before < 32 * 1024
    assert request("", "j|nothing").status_code == 500  # still answering (an ordinary 30001)


async def test_answer_in_a_foreign_namespace_is_refused(rogue, rogue_client):
    rogue.answer(FOREIGN_NAMESPACE)
    with pytest.raises(errors.MalformedResponse) as caught:
        await rogue_client.active_jobs()
    assert "urn:not-ips" in caught.value.message


async def test_answer_in_another_ips_version_namespace_is_read_by_local_name(rogue, rogue_client):
    """The legacy WSDL loaded, a 2016 answer came: same fields by name, extra ones skipped."""
    rogue.answer(OTHER_IPS_VERSION)
    assert [j.name for j in await rogue_client.active_jobs()] == ["alpha"]
