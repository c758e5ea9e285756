"""How the sandbox's answers look on the wire: ``--wire ips`` (the default) or ``--wire axis2``,
optionally wrapped as MTOM/XOP multipart (``--mtom``).

``axis2`` is the wire recorded from real IPS servers (IPS_JOBS_API.md §10), applied to the
rendered answer as a tree rewrite, so the default rendering stays the hot path:

* the XML declaration in single quotes (``<?xml version='1.0' encoding='UTF-8'?>``), ``soapenv``
  prefix, an empty ``<soapenv:Header/>``;
* optional elements the recordings show **empty rather than omitted** (``progressMessage``,
  ``taskProgressArray``, ``taskItemProgressArray``, ``urlArray``, ``httpCompletionUrl``,
  ``mediaOptions``, ``autoSetCreationOptions``), wherever the answer's schema has them;
* an active ``uploadUrlsJob`` does not echo its URLs: ``<urlArray/>`` and no ``numUrls`` (recorded for a
  running job; the sandbox does it in every active state [INFER]);
* bare company handles (``1``, not ``c|1``);
* ``taskType`` values that are Java class names (``com.scene7.upload.UploadAsyncTaskMonitor``);
* faults with ``faultcode soapenv:Server``, the fault element's name as ``faultstring`` and a
  ``tns:``-prefixed detail.

``--mtom`` sends every answer, faults included, as ``multipart/related`` with an
``application/xop+xml`` root part, as Axis2 does when MTOM is enabled.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from lxml import etree

from . import xsd
from .faults import SOAP11_ENV, SOAP12_ENV, IpsFault
from .xmlout import esc

WIRES = ("ips", "axis2")

_EMPTY_INSTEAD = frozenset(("progressMessage", "taskProgressArray", "taskItemProgressArray", "urlArray",
                            "httpCompletionUrl", "mediaOptions", "autoSetCreationOptions"))
_TASK_CLASSES = {
    "Upload": "com.scene7.upload.UploadAsyncTaskMonitor",
    "Fetch": "com.scene7.upload.UploadAsyncTaskMonitor",
    "GenerateSets": "com.scene7.autoset.AutoSetAsyncTaskMonitor",
}
_DECLARATION = b"<?xml version='1.0' encoding='UTF-8'?>"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)


def task_class(task_type: str) -> str:
    """A sandbox task type → the Java class name an Axis2 IPS sends (§10)."""
    return _TASK_CLASSES.get(task_type, f"com.scene7.jobs.{task_type}AsyncTaskMonitor")


def _fill(el: etree._Element, fields: tuple[xsd.Field, ...], version: str, ns: str, in_job: bool) -> None:
    """Rewrite the children of ``el`` (a value of a type with ``fields``) the Axis2 way."""
    groups: dict[str, list[etree._Element]] = {}
    for c in el:
        if isinstance(c.tag, str):
            groups.setdefault(etree.QName(c).localname, []).append(c)
    position = 0
    for f in fields:
        children = groups.get(f.name)
        if not children:
            if f.min_occurs == 0 and f.name in _EMPTY_INSTEAD:
                el.insert(position, etree.Element(f"{{{ns}}}{f.name}"))
                position += 1
            continue
        position = el.index(children[-1]) + 1
        for child in children:
            if f.name == "companyHandle" and child.text and child.text.startswith("c|"):
                child.text = child.text[2:]
            elif f.name == "taskType" and child.text:
                child.text = task_class(child.text)
            elif f.name == "uploadUrlsJob" and in_job:
                for sub in list(child):
                    name = etree.QName(sub).localname
                    if name == "urlArray":
                        sub[:] = []
                    elif name == "numUrls":
                        child.remove(sub)
            if not f.simple:
                _fill(child, xsd.TYPES[version].get(f.type, ()), version, ns, f.type == "ActiveJob")


def axis2_answer(envelope: bytes, op: str, version: str) -> bytes:
    """A rendered SOAP answer rewritten to the Axis2 wire (see the module docstring)."""
    root = etree.fromstring(envelope, _PARSER)
    env_ns = etree.QName(root).namespace
    if root.find(f"{{{env_ns}}}Header") is None:
        root.insert(0, etree.Element(f"{{{env_ns}}}Header"))
    body = root.find(f"{{{env_ns}}}Body")
    answer = next((c for c in body if isinstance(c.tag, str)), None) if body is not None else None
    if answer is not None and etree.QName(answer).localname == f"{op}Return":
        ns = etree.QName(answer).namespace or ""
        _fill(answer, xsd.ELEMENTS[version][f"{op}Return"], version, ns, False)
    return _DECLARATION + etree.tostring(root, encoding="UTF-8")


def axis2_fault(fault: IpsFault, soap12: bool) -> bytes:
    """An IPS fault as Axis2 sends it: Server code, element name as faultstring, ``tns:`` detail."""
    ns = xsd.FAULT_NS
    detail = (f'<tns:{fault.kind} xmlns:tns="{ns}"><tns:code>{fault.code}</tns:code>'
              f"<tns:reason>{esc(fault.reason)}</tns:reason></tns:{fault.kind}>")
    if soap12:
        inner = (f"<soapenv:Fault><soapenv:Code><soapenv:Value>soapenv:Receiver</soapenv:Value></soapenv:Code>"
                 f'<soapenv:Reason><soapenv:Text xml:lang="en-US">{fault.kind}</soapenv:Text></soapenv:Reason>'
                 f"<soapenv:Detail>{detail}</soapenv:Detail></soapenv:Fault>")
    else:
        inner = (f"<soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>{fault.kind}</faultstring>"
                 f"<detail>{detail}</detail></soapenv:Fault>")
    env = SOAP12_ENV if soap12 else SOAP11_ENV
    return _DECLARATION + (f"<soapenv:Envelope xmlns:soapenv=\"{env}\"><soapenv:Header/>"
            f"<soapenv:Body>{inner}</soapenv:Body></soapenv:Envelope>").encode()


@dataclass(frozen=True, slots=True)
class WireShape:
    """The sandbox's wire shape: ``style`` is ``"ips"`` or ``"axis2"``; ``mtom`` wraps answers."""

    style: str = "ips"
    mtom: bool = False

    def answer(self, envelope: bytes, op: str, version: str) -> bytes:
        """A rendered answer envelope in this wire's shape."""
        return axis2_answer(envelope, op, version) if self.style == "axis2" else envelope

    def fault(self, fault: IpsFault, soap12: bool) -> bytes:
        """An IPS fault's envelope in this wire's shape."""
        return axis2_fault(fault, soap12) if self.style == "axis2" else fault.envelope(soap12)

    def package(self, body: bytes, content_type: str) -> tuple[bytes, str]:
        """(body, Content-Type) as sent: unchanged, or an MTOM/XOP multipart with ``body`` as root."""
        if not self.mtom:
            return body, content_type
        soap_type = "application/soap+xml" if content_type.startswith("application/soap+xml") else "text/xml"
        boundary = f"MIMEBoundary_{uuid.uuid4().hex}"
        start = f"<0.{uuid.uuid4().hex}@apache.org>"
        head = (f"--{boundary}\r\nContent-Type: application/xop+xml; charset=UTF-8; type=\"{soap_type}\"\r\n"
                f"Content-Transfer-Encoding: binary\r\nContent-ID: {start}\r\n\r\n").encode("ascii")
        packed = head + body + f"\r\n--{boundary}--\r\n".encode("ascii")
        return packed, (f'multipart/related; boundary="{boundary}"; type="application/xop+xml"; '
                        f'start="{start}"; start-info="{soap_type}"')
