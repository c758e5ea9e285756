"""``IpsClient``: the one SOAP adapter between activejob-tui and IPS (or the sandbox).

zeep (its AsyncClient with the httpx transport) loads the WSDL, builds envelopes and the
authHeader, and reads faults and the small answers. The big answers (active jobs, job logs, log
details) are read by ``ips.decode`` in a worker thread, because zeep's generic deserializer costs
~20× the XML parse. Before either reader sees an answer, ``ips.wire.read_answer`` reads it once at
the HTTP level (MTOM root part, charset, HTML pages) and ``ips.faults.read_fault`` reads a fault.
Only zeep's public API is used: ``Settings(raw_response=True)`` so a call returns the HTTP
answer, ``client.wsdl.bindings[...]`` and ``process_reply`` for zeep's reading, and
:class:`CappedTransport` (a subclass of zeep's AsyncTransport) for the streaming size cap.
Every failure leaves as an ``IpsError``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime
from functools import cached_property, partial
from typing import Any, cast
from urllib.parse import urlsplit

import httpx
from lxml import etree
from zeep import AsyncClient
from zeep.exceptions import Error as ZeepError
from zeep.exceptions import Fault
from zeep.wsdl.bindings import Soap11Binding

from ..config_error import ConfigError
from ..i18n import _
from ..model.jobs import ActiveJob, JobLog, ScheduledJob
from . import decode, errors, faults, lazy, membership, wire
from .incremental import ActiveJobsDecoder
from .settings import ClientSettings, wsdl_location
from .source import ConnectionInfo, DetailPage
from .transport import CappedTransport, build_zeep, trace_logger
from .turns import short_turns

__all__ = ["CappedTransport", "ClientSettings", "IpsClient", "wsdl_location"]

log = logging.getLogger(__name__)

TARGET_NAMESPACE = "http://www.scene7.com/IpsApi"
SOAP11_BINDING = f"{{{TARGET_NAMESPACE}}}IpsApiServiceSoapBinding"
LEGACY_SCHEMA = "http://www.scene7.com/IpsApi/xsd"
MAX_DETAIL_PAGE = 1000


def _api_version(namespace: str) -> str:
    return namespace.rpartition("/xsd/")[2] if "/xsd/" in namespace else "legacy"


def _schema_namespace(client: AsyncClient) -> str:
    """The namespace of the job schema this WSDL declares (found by ``getActiveJobsParam``)."""
    for element in client.wsdl.types.elements:
        if element.qname.localname == "getActiveJobsParam":
            return element.qname.namespace
    raise ConfigError(_("The WSDL has no getActiveJobs operation; is it an IPS WSDL?"))


def _check_endpoint(endpoint: str) -> None:
    """The SOAP endpoint (given, or the WSDL's address) must be an absolute http(s) URL."""
    try:
        parts = urlsplit(endpoint)
        valid = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        valid = False
    if not valid:
        raise ConfigError(_("The SOAP endpoint {endpoint!r} is not an absolute http(s) URL.").format(endpoint=endpoint))


def _active_once(data: bytes) -> list[ActiveJob]:
    """A getActiveJobs answer decoded without an index for the next poll (nested parts lazy)."""
    return lazy.decode_answer(data, decode.ACTIVE)[0]


def _scheduled_once(data: bytes) -> list[ScheduledJob]:
    """A getScheduledJobs answer, nested parts lazy."""
    return lazy.decode_answer(data, decode.SCHEDULED)[0]


class IpsClient:
    """Reads and commands IPS jobs; implements ``ips.source.JobSource``."""

    def __init__(self, settings: ClientSettings, zeep_client: AsyncClient, on_close: Callable[[], Any] | None = None) -> None:
        self.settings = settings
        self._zeep = zeep_client
        self._http: httpx.AsyncClient = zeep_client.transport.client
        self.namespace = _schema_namespace(zeep_client)
        self._params: dict[str, frozenset[str]] = {}
        _check_endpoint(self.endpoint)
        self._service = zeep_client.create_service(SOAP11_BINDING, self.endpoint)
        # the WSDL declares IpsApiServiceSoapBinding with soap:binding (SOAP 1.1): zeep builds a Soap11Binding,
        # while wsdl.bindings is typed with the base class, which lacks process_reply
        self._binding = cast(Soap11Binding, zeep_client.wsdl.bindings[SOAP11_BINDING])
        self._active_decoder = ActiveJobsDecoder() if settings.poll_index else None
        self._on_close = on_close
        self.company_handle: str | None = settings.company_handle
        self.info: ConnectionInfo | None = None
        self._soapheaders = {"authHeader": self._auth_header()}

    # --- opening and closing ----------------------------------------------------------------

    @classmethod
    async def open(cls, settings: ClientSettings, on_close: Callable[[], Any] | None = None) -> IpsClient:
        """Load the WSDL off the event loop, resolve the company, and return a ready client."""
        trace = trace_logger(settings) if settings.trace else None
        zeep_client = await asyncio.to_thread(build_zeep, settings, trace)
        try:
            client = cls(settings, zeep_client, on_close)
        except BaseException:
            await zeep_client.transport.client.aclose()
            zeep_client.transport.wsdl_client.close()
            raise
        try:
            await client.connect()
        except BaseException:
            await client.close()
            raise
        return client

    async def connect(self) -> ConnectionInfo:
        """Resolve the company handle (once) and describe the connection."""
        if self.company_handle is None:
            self.company_handle, company_name = await self._resolve_company()
        else:
            company_name = self.settings.company_name
        self.info = ConnectionInfo(
            endpoint=self.endpoint,
            label=self.settings.label or urlsplit(self.endpoint).netloc,
            user=self.settings.user,
            company_name=company_name,
            company_handle=self.company_handle,
            api_version=self.api_version,
            namespace=self.namespace,
        )
        return self.info

    async def close(self) -> None:
        """Close both HTTP clients and run ``on_close`` (e.g. stop an embedded sandbox). Idempotent for ``on_close``."""
        await self._http.aclose()
        self._zeep.transport.wsdl_client.close()
        if self._on_close is not None:
            await asyncio.to_thread(self._on_close)
            self._on_close = None

    @property
    def is_closed(self) -> bool:
        """Whether :meth:`close` has closed the HTTP connection pool."""
        return self._http.is_closed

    def release_on_close(self) -> Callable[[], Any] | None:
        """Give up ``on_close`` (stopping an embedded sandbox) to a client that takes the server over;
        closing this one then leaves the server running."""
        hook, self._on_close = self._on_close, None
        return hook

    def adopt_on_close(self, hook: Callable[[], Any]) -> None:
        """Run ``hook`` (from :meth:`release_on_close` of another client) when this one closes."""
        self._on_close = hook

    @cached_property
    def endpoint(self) -> str:
        """The SOAP endpoint: ``settings.endpoint``, else the SOAP 1.1 address in the WSDL (ConfigError when none)."""
        if self.settings.endpoint:
            return self.settings.endpoint
        for service in self._zeep.wsdl.services.values():
            for port in service.ports.values():
                if port.binding.name.text == SOAP11_BINDING:
                    return port.binding_options["address"]
        raise ConfigError(_("The WSDL names no SOAP 1.1 endpoint; give one with --endpoint."))

    @property
    def api_version(self) -> str:
        """The schema version from the WSDL's namespace: ``2016-01-14-beta``, ``2023-01-15``…, or ``legacy``."""
        return _api_version(self.namespace)

    @property
    def is_legacy(self) -> bool:
        """Whether the WSDL is in the unversioned namespace ``…/IpsApi/xsd`` (IPS_JOBS_API.md §1.4)."""
        return self.namespace == LEGACY_SCHEMA

    def _auth_header(self) -> dict[str, Any]:
        s = self.settings
        header: dict[str, Any] = {"user": s.user, "password": s.password}
        names = self._param_names("authHeader")
        for key, value in (("locale", s.locale), ("appName", s.app_name), ("appVersion", s.app_version)):
            if value is not None and key in names:
                header[key] = value
        return header

    # --- the job operations (big answers decode in a worker thread, off the event loop) -------

    shows_first_page = True
    """:meth:`active_jobs` takes ``first_page`` (``ips.source.JobSource``)."""

    async def active_jobs(self, first_page: Callable[[list[ActiveJob]], Any] | None = None) -> list[ActiveJob]:
        """getActiveJobs of the company → list[ActiveJob] (§4.1); unchanged jobs reuse the last poll's
        objects (unless ``settings.poll_index`` is off). Nested parts decode on first read (``ips.lazy``).
        ``first_page``: called on the event loop with the first jobs of a big cold answer while the
        rest decodes (``lazy.decode_answer``); the list returned is the whole answer as usual."""
        decoder = self._active_decoder
        decode_answer: Callable[[bytes], list[ActiveJob]]
        if decoder is not None:
            decode_answer = decoder.decode
            if first_page is not None:
                loop = asyncio.get_running_loop()

                def hand_over(jobs: list[ActiveJob]) -> None:  # in the decode's thread
                    loop.call_soon_threadsafe(first_page, jobs)

                decode_answer = partial(decoder.decode, first_page=hand_over)
        else:
            decode_answer = _active_once if self.settings.nested_on_read else decode.decode_active_jobs
        return await self._call("getActiveJobs", decode_answer, companyHandle=self._company())

    async def scheduled_jobs(self) -> list[ScheduledJob]:
        """getScheduledJobs of the company → list[ScheduledJob] (§4.2)."""
        decode_answer = _scheduled_once if self.settings.nested_on_read else decode.decode_scheduled_jobs
        return await self._call("getScheduledJobs", decode_answer, companyHandle=self._company())

    async def job_logs(
        self,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        limit: int | None = None,
        sort_by: str | None = None,
        descending: bool = True,
    ) -> list[JobLog]:
        """getJobLogs (§4.3): aware datetimes ``start``/``end``, at most ``limit`` rows, sorted by the IPS field ``sort_by``."""
        return await self._call(
            "getJobLogs",
            decode.decode_job_logs,
            companyHandle=self._company(),
            sortBy=sort_by,
            sortDirection=("Descending" if descending else "Ascending") if sort_by else None,
            startDate=start,
            endDate=end,
            numRows=limit,
        )

    async def job_log_details(
        self, job_handle: str, *, page: int = 1, per_page: int = MAX_DETAIL_PAGE, log_types: list[str] | None = None
    ) -> DetailPage:
        """getJobLogDetails of one job (§4.4), page ``page`` of ``per_page`` (clamped to 1–1000) → DetailPage."""
        per_page = max(1, min(per_page, MAX_DETAIL_PAGE))
        logs = await self._call(
            "getJobLogDetails",
            decode.decode_job_logs,
            companyHandle=self._company(),
            jobHandle=job_handle,
            logTypeArray={"items": log_types} if log_types else None,
            recordsPerPage=per_page,
            resultsPage=page,
        )
        log_entry = logs[0] if logs else None
        details = (log_entry.detail_array or ()) if log_entry else ()
        total = log_entry.detail_total_rows if log_entry else None
        paged = "recordsPerPage" in self._param_names("getJobLogDetailsParam")
        return DetailPage(log_entry, details, total if paged else None, page, per_page)

    async def stop_job(self, job_handle: str) -> None:
        """stopJob (§4.5); returns when the server accepted it, raises IpsError otherwise."""
        await self._control("stopJob", job_handle)

    async def pause_job(self, job_handle: str) -> None:
        """pauseJob of a scheduled job (§4.5)."""
        await self._control("pauseJob", job_handle)

    async def resume_job(self, job_handle: str) -> None:
        """resumeJob of a paused scheduled job (§4.5)."""
        await self._control("resumeJob", job_handle)

    async def execute_job(self, job_handle: str) -> None:
        """executeJob: run a scheduled job now (§4.5)."""
        await self._control("executeJob", job_handle)

    async def delete_job(self, job_handle: str) -> None:
        """deleteJob of a scheduled job (§4.5)."""
        await self._control("deleteJob", job_handle)

    async def _control(self, operation: str, job_handle: str) -> None:
        await self._call(operation, partial(self._zeep_reply, operation), in_thread=False,
                         companyHandle=self._company(), jobHandle=job_handle)

    # --- company ------------------------------------------------------------------------------

    async def company_memberships(self) -> list[membership.CompanyMembership]:
        """getCompanyMembership of the caller (§4.7) → the companies this user belongs to, in the
        server's order (any role; needs no admin rights). Raises IpsError."""
        return await self._call("getCompanyMembership", membership.decode_company_membership, in_thread=False)

    async def _resolve_company(self) -> tuple[str, str | None]:
        """The handle of the configured company name, via getCompanyMembership (no admin needed)."""
        companies = await self.company_memberships()
        wanted = self.settings.company_name
        names = ", ".join(sorted(c.name for c in companies)) or "none"
        if wanted is None:
            if len(companies) == 1:
                return companies[0].company_handle, companies[0].name
            raise ConfigError(_("Choose a company with --company; {user} belongs to: {names}.").format(user=self.settings.user, names=names))
        for company in companies:
            if company.name.casefold() == wanted.casefold():
                return company.company_handle, company.name
        raise errors.AuthorizationError(
            _("{user} is not a member of a company named {wanted!r} (member of: {names}).").format(user=self.settings.user, wanted=wanted, names=names)
        )

    def _company(self) -> str:
        if self.company_handle is None:
            raise ConfigError(_("Not connected: no company handle yet."))
        return self.company_handle

    # --- the wire -------------------------------------------------------------------------------

    def _param_names(self, element: str) -> frozenset[str]:
        """Child names of a request or header element, so we never send what a version lacks."""
        if element not in self._params:
            try:
                declared = self._zeep.get_element(f"{{{self.namespace}}}{element}")
                self._params[element] = frozenset(name for name, _element in declared.type.elements)
            except (ZeepError, LookupError, AttributeError):
                self._params[element] = frozenset()
        return self._params[element]

    async def _call(self, operation: str, read: Callable[[bytes], Any], *, in_thread: bool = True,
                    **params: Any) -> Any:
        """Send one operation and read its answer with ``read`` (big answers in a worker thread, off
        the event loop). The one place where errors leave the client, so the one place that masks
        a password a server echoed back."""
        try:
            content = await self._post(operation, **params)
            if not in_thread:
                return read(content)
            with short_turns():  # the UI thread gets the lock back sooner while this decodes (.turns)
                return await asyncio.to_thread(read, content)
        except errors.IpsError as err:
            raise self._redact(err) from None

    def _redact(self, err: errors.IpsError) -> errors.IpsError:
        """Mask the password wherever a server echoed it into what we tell the operator."""
        secret = self.settings.password
        if secret and len(secret) >= 3 and secret in err.message:
            err.message = err.message.replace(secret, "********")
            err.args = (err.message, *err.args[1:])
            if isinstance(err, errors.ApiFault) and err.reason:
                err.reason = err.reason.replace(secret, "********")
        return err

    async def _post(self, operation: str, **params: Any) -> bytes:
        """Send one operation and return the XML of its answer (``wire.read_answer``); faults, HTML
        pages, HTTP errors and transport errors raise."""
        known = self._param_names(f"{operation}Param")
        kwargs = {k: v for k, v in params.items() if v is not None and k in known}
        try:
            call = self._service[operation]
        except (ZeepError, AttributeError, LookupError) as exc:
            raise ConfigError(_("The WSDL has no {operation} operation ({kind}).").format(operation=operation, kind=type(exc).__name__)) from None
        try:
            response = await call(**kwargs, _soapheaders=self._soapheaders)
        except errors.IpsError:
            raise
        except httpx.HTTPError as exc:
            raise faults.from_transport(exc, self.endpoint, self.settings.timeout) from None
        except (ZeepError, TypeError, ValueError) as exc:
            raise ConfigError(_("Could not build the {operation} request: {kind}.").format(operation=operation, kind=type(exc).__name__)) from None
        return self._answer(operation, response.status_code, response.headers, response.content)

    @staticmethod
    def _answer(operation: str, status: int, headers: Any, content: bytes) -> bytes:
        """An HTTP answer → the XML of a non-fault SOAP answer; the one path every answer takes."""
        content = wire.read_answer(operation, status, headers, content)
        if faults.looks_like_fault(content):
            raise faults.read_fault(content, operation)
        if status != 200:
            raise faults.from_http_status(status, operation)
        return content

    def _zeep_reply(self, operation: str, content: bytes) -> Any:
        """Let zeep read a small answer (the XML ``_post`` returned); map whatever it raises."""
        if wire.has_doctype(content):
            raise wire.doctype_refused(operation)
        response = httpx.Response(200, headers={"Content-Type": "text/xml"}, content=content)
        try:
            return self._binding.process_reply(self._zeep, self._binding.get(operation), response)
        except Fault as fault:
            raise faults.from_zeep_fault(fault, operation) from None
        except (ZeepError, etree.LxmlError, ValueError, AttributeError, TypeError) as exc:
            raise faults.from_zeep_parse(exc, operation) from None
