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
