"""Plain-zeep helpers for the sandbox tests (deliberately not the project's own client)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import zeep
from zeep.exceptions import Fault

WSDL_NS = "http://www.scene7.com/IpsApi"
NS_LEGACY = "http://www.scene7.com/IpsApi/xsd"
NS_2016 = "http://www.scene7.com/IpsApi/xsd/2016-01-14-beta"
SOAP11 = f"{{{WSDL_NS}}}IpsApiServiceSoapBinding"
SOAP12 = f"{{{WSDL_NS}}}IpsApiServiceSoap12Binding"

SUBJOBS_2016 = (
    "imageServingPublishJob", "imageRenderingPublishJob", "videoPublishJob", "serverDirectoryPublishJob",
    "metadataPublishJob", "uploadDirectoryJob", "uploadUrlsJob", "uploadPostJob", "optimizeImagesJob",
    "ripPdfsJob", "reprocessAssetsJob", "createVideoSitemapJob", "exportJob", "automatedSetGenerationJob",
)
SUBJOBS_LEGACY = ("imageServingPublishJob", "imageRenderingPublishJob", "videoPublishJob",
                  "serverDirectoryPublishJob", "uploadDirectoryJob", "uploadUrlsJob")
ACTIVE_STATES = {"Unknown", "New", "WaitingClient", "WaitingCoordinator", "Running", "Stopping", "Done"}


class Ips:
    """A zeep client + service bound to the sandbox endpoint, with the auth header preset."""

    def __init__(self, wsdl: str, endpoint: str, user: str | None, password: str | None, *, soap12: bool = False,
                 v2016: bool = False, client: zeep.Client | None = None, header: dict[str, Any] | None = None):
        self.client = client or zeep.Client(wsdl)
        self.service = self.client.create_service(SOAP12 if soap12 else SOAP11, endpoint)
        self.ns = NS_2016 if v2016 else NS_LEGACY
        self.header: dict[str, Any] | None = None
        if header is not None:
            self.header = header
        elif user is not None:
            self.header = {"user": user, "password": password}
            if v2016:
                self.header.update(appName="sandbox-tests", appVersion="1.0")

    def call(self, op: str, **kwargs: Any) -> Any:
        extra = {"_soapheaders": {"authHeader": self.header}} if self.header is not None else {}
        return getattr(self.service, op)(**kwargs, **extra)

    def fault(self, op: str, **kwargs: Any) -> tuple[str, int, str]:
        """Call and expect a Fault; returns (detail kind, code, reason)."""
        try:
            self.call(op, **kwargs)
        except Fault as f:
            return parse_fault(self.client, f)
        raise AssertionError(f"{op} did not fault")


def parse_fault(client: zeep.Client, f: Fault) -> tuple[str, int, str]:
    assert f.detail is not None and len(f.detail), f"fault without detail: {f.message}"
    el = f.detail[0]
    kind = el.tag.split("}")[1]
    assert el.tag == f"{{{NS_LEGACY}}}{kind}", el.tag
    parsed = client.get_element(el.tag).parse(el, client.wsdl.types)
    return kind, parsed.code, parsed.reason


@contextmanager
def started_sandbox(folder: Path, **kwargs: Any) -> Iterator[Any]:
    """A sandbox process of a test module's own (``folder/sandbox.db``), stopped on exit;
    ``kwargs`` go to ``SandboxProcess`` (seed, wire, mtom …)."""
    from activejob_tui.sandbox.process import SandboxProcess

    sb = SandboxProcess(db_path=folder / "sandbox.db", **kwargs)
    sb.start()
    try:
        yield sb
    finally:
        sb.stop()
