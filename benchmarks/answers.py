"""The sandbox's own getActiveJobs answers for the benchmarks: compact as it sends them, and indented.

``fetch(n)`` starts a sandbox with ``n`` demo jobs (seed 1), asks it for getActiveJobs over HTTP and
returns the answer document (the bytes a client parses). ``indented`` re-serializes it with one
element per line; ``changed`` makes every k-th job report a different progress, as a steady poll sees.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import httpx
from lxml import etree

from activejob_tui.sandbox.process import SandboxProcess

NS = "http://www.scene7.com/IpsApi/xsd/2016-01-14-beta"


def _request(ns: str, body: str) -> bytes:
    return f'''<?xml version="1.0" encoding="utf-8"?>
<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/"><soap-env:Header>
<ns0:authHeader xmlns:ns0="{ns}"><ns0:user>demo@example.com</ns0:user><ns0:password>demo-password</ns0:password>
<ns0:appName>bench</ns0:appName><ns0:appVersion>1</ns0:appVersion></ns0:authHeader></soap-env:Header>
<soap-env:Body>{body}</soap-env:Body></soap-env:Envelope>'''.encode()


def _post(endpoint: str, operation: str, body: str) -> bytes:
    answer = httpx.post(endpoint, content=_request(NS, body), timeout=120,
                        headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"{operation}"'})
    answer.raise_for_status()
    return answer.content


def fetch(n: int, wire: str = "ips") -> bytes:
    """The sandbox's getActiveJobs answer for ``n`` demo jobs, as it sent it."""
    with tempfile.TemporaryDirectory() as tmp, SandboxProcess(db_path=Path(tmp) / "bench.db", demo_jobs=n, seed=1,
                                                              speed=0.0001, wire=wire) as sandbox:
        companies = _post(sandbox.endpoint, "getCompanyMembership",
                          f'<ns0:getCompanyMembershipParam xmlns:ns0="{NS}"/>')
        handle = re.search(rb"<(?:\w+:)?companyHandle>([^<]+)<", companies).group(1).decode()
        return _post(sandbox.endpoint, "getActiveJobs",
                     f'<ns0:getActiveJobsParam xmlns:ns0="{NS}"><ns0:companyHandle>{handle}</ns0:companyHandle>'
                     "</ns0:getActiveJobsParam>")


def indented(data: bytes) -> bytes:
    """The same document with one element per line, indented (what a pretty-printing server sends)."""
    return etree.tostring(etree.fromstring(data), pretty_print=True, xml_declaration=True, encoding="UTF-8")


_PROGRESS = re.compile(rb"(<(?:\w+:)?progress>)(\d+)(<)")
_ITEM_START = re.compile(rb"<(?:\w+:)?items>\s*<(?:\w+:)?companyHandle>")


def changed(data: bytes, every: int = 20) -> bytes:
    """``data`` with the first ``progress`` of every ``every``-th job moved by 1 (5% of jobs at 20)."""
    starts = [m.start() for m in _ITEM_START.finditer(data)]
    parts, last = [], 0
    for k in range(0, len(starts), every):
        a = starts[k]
        b = starts[k + 1] if k + 1 < len(starts) else len(data)
        piece = _PROGRESS.sub(lambda m: m.group(1) + b"%d" % ((int(m.group(2)) + 1) % 101) + m.group(3),
                              data[a:b], count=1)
        parts += [data[last:a], piece]
        last = b
    parts.append(data[last:])
    return b"".join(parts)
