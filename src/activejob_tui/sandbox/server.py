"""HTTP side (aiohttp): the two WSDLs and the SOAP endpoint."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

from aiohttp import web

from . import messages, ops, render, soap, xsd
from .chaos import Chaos
from .engine import Engine
from .faults import EXCEPTION, IpsFault
from .paths import API_ENDPOINT_PATH, ENDPOINT_PATH, WSDL_2016_PATH, WSDL_LEGACY_PATH
from .wire_shape import WireShape
from .wsdl import render_wsdl

log = logging.getLogger(__name__)

ENGINE_KEY = web.AppKey("engine", Engine)
CHAOS_KEY = web.AppKey("chaos", Chaos)
WIRE_KEY = web.AppKey("wire", WireShape)

_CT11 = "text/xml; charset=utf-8"
_CT12 = "application/soap+xml; charset=utf-8"
_MALFORMED = (b'<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv='
              b'"http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><getActiveJobsReturn><jobArray><items>'
              b"<companyHandle>c|1</compan")
_HTML_500 = (b"<html><head><title>Apache Tomcat - Error report</title></head><body>"
             b"<h1>HTTP Status 500 - Internal Server Error</h1><p>IPS sandbox chaos: simulated server error</p>"
             b"</body></html>")


def _wsdl_handler(version: str):
    async def handler(request: web.Request) -> web.Response:
        service_url = request.query.get("serviceUrl")
        if service_url is not None:
            parts = urlsplit(service_url)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise web.HTTPBadRequest(text="serviceUrl must be an absolute http(s) URL")
            address = service_url
        else:
            address = f"{request.scheme}://{request.host}{ENDPOINT_PATH}"
        return web.Response(body=render_wsdl(version, address), content_type="text/xml", charset="utf-8")
    return handler


BODY_TIMEOUT = 30.0  # seconds to receive a whole request body


async def _read_body(request: web.Request) -> bytes:
    try:
        return await asyncio.wait_for(_read_capped(request), BODY_TIMEOUT)
    except TimeoutError:
        raise soap.bad_xml(f"Request body not received within {BODY_TIMEOUT:.0f} s") from None


async def _read_capped(request: web.Request) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = await request.content.read(65536)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > soap.MAX_BODY:
            raise soap.bad_xml(f"Request body larger than {soap.MAX_BODY} bytes")
        chunks.append(chunk)


def _is_soap12(request: web.Request) -> bool:
    return request.content_type == "application/soap+xml"


def _fault_response(wire: WireShape, fault: IpsFault, soap12: bool, status: int | None) -> web.Response:
    body, content_type = wire.package(wire.fault(fault, soap12), _CT12 if soap12 else _CT11)
    return web.Response(body=body, status=status or 500,
                        headers={"Content-Type": content_type, "Connection": "close"})


async def service(request: web.Request) -> web.StreamResponse:
    engine = request.app[ENGINE_KEY]
    chaos = request.app[CHAOS_KEY]
    wire = request.app[WIRE_KEY]
    t0 = time.perf_counter()
    soap12 = _is_soap12(request)
    if chaos.enabled:
        delay = chaos.slow_delay()
        if delay:
            await asyncio.sleep(delay)
        kind = chaos.pick()
        if kind == "drop":
            if request.transport is not None:
                request.transport.abort()
            log.info("chaos: dropped a connection")
            return web.Response(status=500)  # never reaches the client: the connection is gone
        if kind == "http500":
            return web.Response(body=_HTML_500, status=500, content_type="text/html")
        if kind == "fault":
            return _fault_response(wire, IpsFault.api(EXCEPTION, "Simulated server fault (sandbox chaos)"), soap12, None)
        if kind == "malformed":
            return web.Response(body=_MALFORMED, status=200, headers={"Content-Type": _CT12 if soap12 else _CT11})
    req: soap.SoapRequest | None = None
    try:
        body = await _read_body(request)
        req = soap.parse_envelope(body, request.headers.get("Authorization"))
        soap12 = req.soap12
        # texts in the request's IPS locale (IPS_JOBS_API.md §2.1: locale, else Accept-Language)
        messages.answer_language.set(messages.language_for(req.creds.locale, request.headers.get("Accept-Language")))
        chunks = ops.dispatch_stream(engine, req) if wire.style == "ips" and not wire.mtom and not req.creds.gzip else None
        if chunks is not None:
            return await _stream(request, chunks, _CT12 if soap12 else _CT11, req.op, t0)
        payload = ops.dispatch(engine, req)
        out = wire.answer(render.envelope(payload, soap12), req.op, req.version)
    except IpsFault as fault:
        log.info("fault %s %s %s (%s)", req.op if req else "-", fault.kind, fault.code,
                 req.creds.user if req else "-")
        return _fault_response(wire, fault, soap12, req.creds.fault_status if req else None)
    except Exception:
        log.exception("unexpected error answering %s", req.op if req else "a request")
        return _fault_response(wire, IpsFault.api(EXCEPTION, "Internal error in the IPS sandbox"), soap12,
                               req.creds.fault_status if req else None)
    out, content_type = wire.package(out, _CT12 if soap12 else _CT11)
    resp = web.Response(body=out, headers={"Content-Type": content_type})
    if req.creds.gzip:
        resp.enable_compression()
    log.debug("%s %s %d bytes %.1f ms", req.op, req.creds.user, len(out), (time.perf_counter() - t0) * 1000)
    return resp


async def _stream(request: web.Request, chunks: Iterator[bytes], content_type: str, op: str,
                  t0: float) -> web.StreamResponse:
    """Send an answer as it is rendered (chunked transfer encoding), letting the loop run between
    chunks: the first bytes of 50,000 jobs leave at once instead of after the whole 79 MB answer is
    built, and other requests (a stopJob) are answered meanwhile. Faults were raised before the
    first chunk; an error while rendering is logged and the connection dropped (the client sees a
    cut answer, never a fault inside a started one)."""
    resp = web.StreamResponse(headers={"Content-Type": content_type})
    await resp.prepare(request)
    size = 0
    try:
        for chunk in chunks:
            size += len(chunk)
            await resp.write(chunk)
            await asyncio.sleep(0)  # the other requests' turn, even when the socket never pushes back
        await resp.write_eof()
    except ConnectionError:
        log.info("%s: the client went away after %d bytes", op, size)
    except Exception:
        log.exception("unexpected error while streaming %s", op)
        if request.transport is not None:
            request.transport.abort()
    log.debug("%s streamed %d bytes %.1f ms", op, size, (time.perf_counter() - t0) * 1000)
    return resp


async def service_get(request: web.Request) -> web.Response:
    if "wsdl" in request.query:
        raise web.HTTPFound(WSDL_2016_PATH)
    return web.Response(text="IPS sandbox: POST SOAP requests here. WSDLs: "
                             f"{WSDL_2016_PATH} and {WSDL_LEGACY_PATH}\n")


def make_app(engine: Engine, chaos: Chaos | None = None, wire: WireShape | None = None) -> web.Application:
    # our own 1 MiB cap (a SOAP fault) sits below aiohttp's, so aiohttp never answers 413 itself
    app = web.Application(client_max_size=soap.MAX_BODY * 4)
    app[ENGINE_KEY] = engine
    app[CHAOS_KEY] = chaos or Chaos()
    app[WIRE_KEY] = wire or WireShape()
    app.router.add_get(WSDL_2016_PATH, _wsdl_handler(xsd.V2016))
    app.router.add_get(WSDL_LEGACY_PATH, _wsdl_handler(xsd.LEGACY))
    for path in (ENDPOINT_PATH, API_ENDPOINT_PATH):
        app.router.add_post(path, service)
        app.router.add_get(path, service_get)
    return app
