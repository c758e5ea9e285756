"""A tiny purpose-built IPS impostor for faults the sandbox cannot produce.

``RogueServer`` runs an aiohttp server in a thread of its own (its own event loop) on a free
loopback port, so both an in-process ``IpsClient`` and a CLI subprocess can talk to it. It serves

* ``GET /wsdl`` — the real public legacy WSDL (``shared/ips/IpsApi.wsdl``) with both
  ``soap:address`` locations pointing at this server (or a replacement WSDL body, see ``wsdl_body``);
* ``POST /soap`` — whatever the test scripted: per operation (by SOAPAction) or a default
  :class:`Reply` — a canned status/headers/body, a hang, a dropped connection, an endless stream.

Every request is recorded (``requests``: operation, headers, body) so a test can check what was sent.
Optionally over TLS with a self-signed certificate (``tls=(certfile, keyfile)``).
"""

from __future__ import annotations

import asyncio
import re
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import web
from lxml import etree

SOAP_PATH = "/soap"
WSDL_PATH = "/wsdl"
LEGACY_NS = "http://www.scene7.com/IpsApi/xsd"
NS_2016 = "http://www.scene7.com/IpsApi/xsd/2016-01-14-beta"
SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12 = "http://www.w3.org/2003/05/soap-envelope"


@dataclass
class Reply:
    """One scripted answer."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/xml; charset=utf-8"})
    hang: bool = False
    """Never answer (until the server shuts down)."""
    drop: bool = False
    """Close the connection without an answer."""
    stream_forever: bool = False
    """HTTP 200 without Content-Length, then bytes until the client hangs up (bounded at 1 GiB)."""
    chunked: bool = False
    """Send ``body`` chunked (no Content-Length), in 64 KiB pieces."""


DATA = Path(__file__).resolve().parents[1] / "data" / "wire"
"""Answers as real servers send them (IPS_JOBS_API.md §10), one ``.http`` file each."""


def recorded(name: str) -> Reply:
    """The reply stored in ``tests/data/wire/<name>.http``: a line ``HTTP <status>``, header lines, a
    blank line, then the body's exact bytes."""
    raw = (DATA / f"{name}.http").read_bytes()
    head, _, body = raw.partition(b"\n\n")
    lines = head.decode("ascii").split("\n")
    status = int(lines[0].split()[1])
    headers = dict(line.split(": ", 1) for line in lines[1:] if line)
    return Reply(status, body, headers)


def envelope(inner: str, *, soap_ns: str = SOAP11) -> bytes:
    """A SOAP envelope around ``inner`` (the Body's content)."""
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<soapenv:Envelope xmlns:soapenv="{soap_ns}">'
        f"<soapenv:Header/><soapenv:Body>{inner}</soapenv:Body></soapenv:Envelope>"
    ).encode()


def active_jobs_answer(items_xml: str, *, ns: str = LEGACY_NS, soap_ns: str = SOAP11) -> bytes:
    """A getActiveJobs answer whose jobArray holds ``items_xml`` (children written in ``ns``)."""
    return envelope(
        f'<getActiveJobsReturn xmlns="{ns}"><jobArray>{items_xml}</jobArray></getActiveJobsReturn>',
        soap_ns=soap_ns,
    )


def fault_answer(kind: str, code: int, reason: str) -> bytes:
    return envelope(
        "<soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>IpsApiException</faultstring>"
        f'<detail><ns1:{kind} xmlns:ns1="{LEGACY_NS}"><ns1:code>{code}</ns1:code>'
        f"<ns1:reason>{reason}</ns1:reason></ns1:{kind}></detail></soapenv:Fault>"
    )


class RogueServer:
    def __init__(self, wsdl_path: Path, tls: tuple[Path, Path] | None = None) -> None:
        self._wsdl_source = Path(wsdl_path).read_text(encoding="utf-8")
        self._tls = tls
        self.default = Reply(500, b"<html><title>unscripted</title></html>", {"Content-Type": "text/html"})
        self.by_operation: dict[str, Reply | Callable[[bytes], Reply]] = {}
        self.wsdl_body: bytes | None = None
        self.requests: list[tuple[str, dict[str, str], bytes]] = []
        self.extra_routes: dict[str, Reply] = {}
        self._loop = asyncio.new_event_loop()
        self._stopping: asyncio.Event | None = None
        self._runner: web.AppRunner | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, name="rogue-server", daemon=True)
        self.port = 0

    # -- URLs ------------------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"{'https' if self._tls else 'http'}://127.0.0.1:{self.port}"

    @property
    def endpoint(self) -> str:
        return self.base_url + SOAP_PATH

    @property
    def wsdl_url(self) -> str:
        return self.base_url + WSDL_PATH

    def real_wsdl(self) -> str:
        """The real legacy WSDL, its addresses rewritten to this server."""
        return re.sub(r'location="[^"]*"', f'location="{self.endpoint}"', self._wsdl_source)

    # -- scripting -------------------------------------------------------------------------------

    def answer(self, reply: Reply | Callable[[bytes], Reply], operation: str | None = None) -> None:
        """Script ``reply`` for ``operation`` (by SOAPAction), or for every request when None."""
        if operation is None:
            self.by_operation.clear()
            self.default = reply  # type: ignore[assignment]
        else:
            self.by_operation[operation] = reply

    # -- life cycle ------------------------------------------------------------------------------

    def start(self) -> RogueServer:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)
        return self

    def stop(self) -> None:
        async def shutdown() -> None:
            assert self._stopping is not None and self._runner is not None
            self._stopping.set()
            await self._runner.cleanup()

        try:
            asyncio.run_coroutine_threadsafe(shutdown(), self._loop).result(10)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)
            self._loop.close()

    async def _start(self) -> None:
        self._stopping = asyncio.Event()
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get(WSDL_PATH, self._wsdl)
        app.router.add_post(SOAP_PATH, self._soap)
        app.router.add_route("*", "/{tail:.*}", self._other)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=0.5)
        await self._runner.setup()
        context = None
        if self._tls is not None:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(str(self._tls[0]), str(self._tls[1]))
        site = web.TCPSite(self._runner, "127.0.0.1", 0, ssl_context=context)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    # -- handlers --------------------------------------------------------------------------------

    async def _wsdl(self, request: web.Request) -> web.Response:
        body = self.wsdl_body if self.wsdl_body is not None else self.real_wsdl().encode()
        return web.Response(body=body, content_type="text/xml")

    async def _other(self, request: web.Request) -> web.StreamResponse:
        reply = self.extra_routes.get(request.path)
        if reply is None:
            return web.Response(status=404, text="not here")
        return await self._send(request, reply)

    async def _soap(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        operation = request.headers.get("SOAPAction", "").strip('"')
        self.requests.append((operation, dict(request.headers), body))
        reply = self.by_operation.get(operation, self.default)
        if callable(reply):
            reply = reply(body)
        return await self._send(request, reply)

    async def _send(self, request: web.Request, reply: Reply) -> web.StreamResponse:
        if reply.hang:
            assert self._stopping is not None
            await self._stopping.wait()
            return web.Response(status=503)
        if reply.drop:
            if request.transport is not None:
                request.transport.abort()
            return web.Response(status=500)
        if reply.stream_forever or reply.chunked:
            response = web.StreamResponse(status=reply.status, headers=reply.headers)
            response.enable_chunked_encoding()
            await response.prepare(request)
            try:
                if reply.chunked:
                    for i in range(0, len(reply.body), 65536):
                        await response.write(reply.body[i : i + 65536])
                else:
                    await response.write(reply.body)
                    filler = b"<x>" + b"A" * 65536 + b"</x>"
                    for _ in range(16384):  # 1 GiB at most; the client hangs up long before
                        await response.write(filler)
                await response.write_eof()
            except (ConnectionResetError, ConnectionError, RuntimeError):
                pass
            return response
        return web.Response(status=reply.status, body=reply.body, headers=reply.headers)


# -- scripted answers shared by the CLI, client and console tests -------------------------------------


def job_item(handle: str, inner: str) -> str:
    """One jobArray item of company c|1 with ``inner`` after its handle."""
    return f"<items><companyHandle>c|1</companyHandle><jobHandle>{handle}</jobHandle>{inner}</items>"


def running_item(handle: str, name: str, job_type: str = "ImageServingPublish") -> str:
    return job_item(handle, f"<name>{name}</name><type>{job_type}</type><state>Running</state>")


ITEM = job_item("j|1||a|1", "<name>alpha</name>")
"""A minimal item: a handle and a name."""
ONE_JOB = active_jobs_answer(running_item("j|1||a|1", "alpha"))
"""One running job, ``alpha`` (j|1||a|1)."""
STOP_ACCEPTED = envelope(f'<stopJobReturn xmlns="{LEGACY_NS}"/>')


def jobs_answer(*handles: str) -> bytes:
    """Running Export jobs named after their handles, in the given order."""
    return active_jobs_answer("".join(running_item(h, h, "Export") for h in handles))


def stopped_handles(server: RogueServer) -> list[str]:
    """The jobHandle of every stopJob the server received, in order."""
    out = []
    for operation, _, body in server.requests:
        if operation == "stopJob":
            out.append(etree.fromstring(body).findtext(f".//{{{LEGACY_NS}}}jobHandle"))
    return out


# Broken answers to getActiveJobs (and a control operation).

NOT_XML = Reply(200, b"Service temporarily unavailable, try later", {"Content-Type": "text/plain"})
TRUNCATED = Reply(200, active_jobs_answer(ITEM)[:-60])
SOAP_V9 = "http://schemas.xmlsoap.org/soap/envelope/v9"
UNKNOWN_ENVELOPE = Reply(200, active_jobs_answer(ITEM, soap_ns=SOAP_V9))
SOAP12_LIST = Reply(200, active_jobs_answer(ITEM, soap_ns=SOAP12))
SOAP12_STOP = Reply(200, envelope(f'<stopJobReturn xmlns="{LEGACY_NS}"/>', soap_ns=SOAP12))
FOREIGN_NAMESPACE = Reply(200, active_jobs_answer(ITEM, ns="urn:not-ips"))
OTHER_IPS_VERSION = Reply(200, active_jobs_answer(ITEM.replace("</name>", "</name><triggerTime>x</triggerTime>"),
                                                  ns=NS_2016))
"""A 2016 answer to a client that loaded the legacy WSDL: the same fields by name, one extra."""
HTML_500 = Reply(500, b"<html><head><title>502 Proxy Error</title></head><body>upstream</body></html>",
                 {"Content-Type": "text/html"})
TOO_BIG = {
    "content-length": Reply(200, b"<x>" + b"a" * 300_000 + b"</x>"),  # Content-Length announces it
    "chunked": Reply(200, b"<x>" + b"a" * 300_000 + b"</x>", chunked=True),  # no length: counted while read
    "endless": Reply(200, b"<x>", stream_forever=True),  # never ends
}
"""Answers over a 64 KiB cap (``ClientSettings.max_response_bytes``), by how their size shows."""


def redirect(status: int, location: str) -> Reply:
    return Reply(status, b"", {"Location": location})


# DTDs: an external entity naming a local file, and the billion laughs.

FILE_SECRET = "TOPSECRET-7c1f-file-content"
"""What the tests write in the file an external entity names: it must never show anywhere."""


def laughs_dtd(levels: int = 10) -> str:
    """The classic billion laughs: 10**levels expansions of "lol"."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels)
    ]
    return f"<!DOCTYPE lolz [{''.join(entities)}]>"


def xxe_dtd(path) -> str:
    return f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{path}">]>'


def with_dtd(dtd: str, body: bytes) -> bytes:
    head, _, rest = body.partition(b"?>")
    return head + b"?>" + dtd.encode() + rest


DTD_CASES = ("xxe-list", "xxe-fault", "xxe-control", "laughs-list", "laughs-fault")


def dtd_answers(secret_path) -> dict[str, bytes]:
    """Answers holding a DOCTYPE, by case: an entity reading ``secret_path``, or the billion laughs, in
    a list answer, a fault, or a control answer."""
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


def dtd_wsdl(server: RogueServer, secret_path) -> bytes:
    """The server's real WSDL with an external entity (reading ``secret_path``) declared and used."""
    wsdl = server.real_wsdl().replace("<documentation>", "<documentation>&xxe;", 1)
    return with_dtd(xxe_dtd(secret_path), wsdl.encode())


# Odd but well-formed data: one item per case, decoded generically.

XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
ODD_ITEMS = {
    "unknown-subjob": "<name>teleport</name><type>Teleport</type><state>Running</state>"
    "<teleportJob><where>Mars</where><when><year>2100</year></when></teleportJob>",
    "unknown-state": "<name>hibernating</name><type>ImageServingPublish</type><state>Hibernating</state>",
    "unknown-enum": "<name>quantum</name><type>ImageServingPublish</type><state>Running</state>"
    "<imageServingPublishJob><publishType>Quantum</publishType><emailSetting>CarrierPigeon</emailSetting>"
    "</imageServingPublishJob>",
    "extra": "<name>extra</name><futureField>x</futureField><future><deep>1</deep></future><type>Export</type>"
    "<state>Running</state><progress>10</progress>",
    "minimal": "",
    "empty-arrays": "<name>empty</name><state>Running</state><taskProgressArray/>"
    "<ripPdfsJob><pdfHandleArray/></ripPdfsJob>",
    "nil": f'<name {XSI} xsi:nil="true"/><state>Running</state><progress {XSI} xsi:nil="true"/>'
    f'<startDate {XSI} xsi:nil="true"/><totalSize {XSI} xsi:nil="true"></totalSize>',
    "dates": "<name>dates</name><state>Running</state><startDate>2026-11-25T10:00:00</startDate>"
    "<lastProgressUpdate>yesterday-ish</lastProgressUpdate><triggerTime>99999-99-99T99:99:99Z</triggerTime>",
    "progress-high": "<name>progress-high</name><state>Running</state><progress>150</progress>"
    "<taskProgressArray><items><taskName>t</taskName><progress>7.5</progress></items></taskProgressArray>",
    "progress-low": "<name>progress-low</name><state>Running</state><progress>-5</progress>",
    "negative-size": "<name>negative-size</name><state>Running</state><totalSize>-1024</totalSize>",
    "not-numbers": "<name>nan</name><state>Running</state><totalSize>lots</totalSize><progress>NaN</progress>",
}
ODD_ANSWER = active_jobs_answer("".join(job_item(f"j|{key}", inner) for key, inner in ODD_ITEMS.items()))
"""Every odd item in one getActiveJobs answer; item ``key`` has the handle ``j|key``."""


# Hostile server text, and a server echoing the password it was sent.

ODD_PASSWORD = "Pa55-w0rd-<&>-Zq9"
"""Not the sandbox's password; has XML specials, so it is escaped on the wire."""

HOSTILE_FAULT = Reply(500, fault_answer("ipsApiFault", 30000, "boom \u202eevil\x9b31m"))
HOSTILE_STATE = Reply(200, active_jobs_answer(
    "<items><companyHandle>c|1</companyHandle><jobHandle>j|\u202ex</jobHandle><name>n\x9b</name>"
    "<state>Run\u202ening</state></items>"))
"""A job whose handle, name and (unknown) state hold bidi and C1 characters."""
HOSTILE_STOP_FAULT = Reply(500, fault_answer("ipsApiFault", 30001, "no \u2066such\u2069 job \x9b"))
HOSTILE_HTML = Reply(502, b"<html><title>\x1b]0;pwned\x07 Bad Gateway</title></html>", {"Content-Type": "text/html"})


def xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def echoing_replies(password: str) -> dict[str, Reply]:
    """Answers that repeat ``password``: in an authentication fault's reason, an HTML title, garbage."""
    return {
        "fault": Reply(500, fault_answer("authenticationFault", 10001, xml_escape(f"Invalid password '{password}'"))),
        "html": Reply(502, f"<html><title>bad {password}</title></html>".encode(), {"Content-Type": "text/html"}),
        "garbage": Reply(200, f"{password} is not XML".encode()),
    }
