"""How long a sandbox takes to stop: its owner (the console, ``q``) must not see it outlive it."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx

from activejob_tui.sandbox.process import SandboxProcess

STOPPED_WITHIN = 5.0
"""Seconds: what an owner waits for its sandbox at exit before a SIGKILL (``sandbox/process.py``): the
grace, then the rest of a clean stop (~0.3 s here)."""


def test_an_answer_in_flight_holds_the_stop_no_longer_than_the_grace(tmp_path: Path) -> None:
    """A request the sandbox is still answering (here every answer comes 30 s late) held a SIGTERM'd
    sandbox until it was answered — aiohttp waits up to 60 s for requests in flight — so it outlived
    the console that quit meanwhile. It gets SHUTDOWN_GRACE, then the shutdown goes on and stays clean."""
    sb = SandboxProcess(db_path=tmp_path / "s.db", chaos=["slow=1:30"])
    sb.start()
    try:
        failed: list[BaseException] = []

        def ask() -> None:
            try:
                httpx.post(sb.endpoint, content=b"<x/>", headers={"Content-Type": "text/xml"}, timeout=60)
            except httpx.HTTPError as exc:  # the connection is closed under it: expected
                failed.append(exc)

        asking = threading.Thread(target=ask, daemon=True)
        asking.start()
        time.sleep(1.0)  # the request is in the handler, waiting out its delay
        started = time.monotonic()
        sb.terminate()
        while sb.running and time.monotonic() - started < 40:
            time.sleep(0.02)
        took = time.monotonic() - started
        assert not sb.running
        assert took < STOPPED_WITHIN, f"stopped after {took:.1f} s"
        assert sb.stop() == 0  # still a clean exit
        asking.join(10)
    finally:
        sb.stop()
