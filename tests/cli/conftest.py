"""Fixtures of the CLI tests: a sandbox's connection flags, the demo password, handles of each kind."""

from __future__ import annotations

import json
import sqlite3

import pytest

from support.harness import dead_port as dead_port  # a loopback port nothing listens on (re-exported)

DEMO = ["--user", "demo@example.com", "--company", "Demo Company"]


def connect_args(sandbox) -> list[str]:
    """Flags for a separate sandbox, through its 2016 WSDL over HTTP."""
    return ["--wsdl", sandbox.wsdl_url_2016, *DEMO]


def stderr_line(result) -> str:
    """The one line the CLI printed on stderr (no traceback); returns it."""
    text = result.stderr.strip()
    assert "Traceback" not in text, text
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    return lines[0]


def plans(db_path) -> dict[str, dict]:
    """Each active job's plan, read from the sandbox's SQLite file (its outcome is decided at birth)."""
    with sqlite3.connect(db_path) as db:
        return {handle: json.loads(plan) for handle, plan in db.execute("SELECT handle, plan FROM active_jobs")}


@pytest.fixture
def with_password(isolated_env):
    return {**isolated_env, "IPS_PASSWORD": "demo-password", "COLUMNS": "200"}


@pytest.fixture(scope="session")
def handles(sandbox):
    """One handle of each kind in the session sandbox: running, scheduled, finished (a log)."""
    import asyncio

    from activejob_tui.ips.client import ClientSettings, IpsClient

    async def look() -> dict[str, str]:
        client = await IpsClient.open(ClientSettings(wsdl=sandbox.wsdl_url_2016, user="demo@example.com",
                                                     password="demo-password", company_name="Demo Company"))
        try:
            active = await client.active_jobs()
            scheduled = await client.scheduled_jobs()
            logs = await client.job_logs()
        finally:
            await client.close()
        running = next(j for j in active if j.state is not None and j.state.value == "Running")
        finished = max(logs, key=lambda log: log.total_file_count or 0)
        paused = next(j for j in scheduled if j.trigger_state is not None and j.trigger_state.value == "Paused")
        normal = next(j for j in scheduled if j.trigger_state is not None and j.trigger_state.value == "Normal")
        return {"running": running.job_handle, "scheduled": scheduled[0].job_handle,
                "paused": paused.job_handle, "normal": normal.job_handle,
                "finished": finished.job_handle, "finished_outcome": finished.outcome.value}

    return asyncio.run(look())


ENV_NS = "http://schemas.xmlsoap.org/soap/envelope/"
NS_2016 = "http://www.scene7.com/IpsApi/xsd/2016-01-14-beta"


def submit_job(sandbox, name: str) -> str:
    """Submit an optimizeImagesJob named ``name`` through the sandbox's SOAP endpoint; returns its handle."""
    import httpx
    from lxml import etree

    envelope = etree.Element(f"{{{ENV_NS}}}Envelope", nsmap={"e": ENV_NS, "x": NS_2016})
    header = etree.SubElement(etree.SubElement(envelope, f"{{{ENV_NS}}}Header"), f"{{{NS_2016}}}authHeader")
    for key, value in (("user", "demo@example.com"), ("password", "demo-password"), ("appName", "t"),
                       ("appVersion", "1")):
        etree.SubElement(header, f"{{{NS_2016}}}{key}").text = value
    param = etree.SubElement(etree.SubElement(envelope, f"{{{ENV_NS}}}Body"), f"{{{NS_2016}}}submitJobParam")
    for key, value in (("companyHandle", "c|1"), ("jobName", name)):
        etree.SubElement(param, f"{{{NS_2016}}}{key}").text = value
    job = etree.SubElement(param, f"{{{NS_2016}}}optimizeImagesJob")
    etree.SubElement(job, f"{{{NS_2016}}}emailSetting").text = "None"
    answer = httpx.post(sandbox.endpoint, content=etree.tostring(envelope), headers={"Content-Type": "text/xml"},
                        timeout=10, trust_env=False)
    handle = etree.fromstring(answer.content).findtext(f".//{{{NS_2016}}}jobHandle")
    assert handle, answer.text[:300]
    return handle
