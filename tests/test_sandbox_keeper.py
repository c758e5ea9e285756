"""The embedded sandbox outlives its owner for the processes that joined it (sandbox_keeper.py).

Found by a new user: two consoles shared the demo sandbox; the first one quit, and the second stayed
stale for good ("connection refused", also after ^r); ``jobs --watch`` that had joined a console's
sandbox retried for ever once the console quit."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from pathlib import Path

import pytest

from activejob_tui.sandbox_keeper import alive
from activejob_tui.session import open_source
from processes import running
from test_session import EMBEDDED, data, record, sandboxes_under, wait_gone  # noqa: F401 - data: the fixture

pytestmark = pytest.mark.timeout(120)


async def until_answers(client, timeout: float = 30.0) -> list:
    deadline = time.monotonic() + timeout
    while True:
        try:
            return await client.active_jobs()
        except Exception:
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.2)


async def test_a_joined_sandbox_is_started_again_on_its_port_when_its_owner_closes(data: Path) -> None:
    owner = await open_source(EMBEDDED)
    joiner = await open_source(EMBEDDED)
    first = record(data)
    try:
        before = {job.job_handle for job in await joiner.active_jobs()}
        await owner.close()
        assert wait_gone(first["pid"])
        jobs = await until_answers(joiner)  # the same address: the joiner's client did not change
        again = record(data)
        assert again["base_url"] == first["base_url"] and again["pid"] != first["pid"]
        assert sandboxes_under(data) == [again["pid"]]
        assert before & {job.job_handle for job in jobs}  # the same database: the jobs go on
    finally:
        await owner.close()
        await joiner.close()
    assert wait_gone(again["pid"]), "the sandbox the joiner took over outlived it"
    assert not (data / "sandbox.json").exists()


OWNER = """
import asyncio, os, sys
from activejob_tui.config import Options, resolve
from activejob_tui.session import open_source

async def main():
    source = await open_source(resolve(Options(), os.environ, None))
    print(source.settings.wsdl, flush=True)
    await asyncio.to_thread(sys.stdin.readline)
    await source.close()

asyncio.run(main())
"""


async def test_a_console_that_joined_another_processs_sandbox_keeps_it_when_that_process_quits(
        data: Path, isolated_env: dict) -> None:
    env = dict(isolated_env, XDG_DATA_HOME=str(data.parent))
    holder = subprocess.Popen([sys.executable, "-c", OWNER], env=env, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    joiner = None
    try:
        wsdl = holder.stdout.readline().strip()
        assert wsdl.startswith("http://127.0.0.1:"), holder.stderr.read()
        first = record(data)
        joiner = await open_source(EMBEDDED)
        assert joiner.settings.wsdl == wsdl  # joined, not a second sandbox
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.wait(30) == 0
        assert wait_gone(first["pid"])
        assert await until_answers(joiner)
        taken = record(data)["pid"]
        assert taken != first["pid"]
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait(5)
        if joiner is not None:
            await joiner.close()
    assert wait_gone(taken), "the sandbox the joiner took over outlived it"
    assert sandboxes_under(data) == []


def test_a_zombie_is_not_alive_and_a_running_process_is() -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    deadline = time.monotonic() + 10
    while running(child.pid) and time.monotonic() < deadline:  # ended, not reaped: a zombie
        time.sleep(0.02)
    try:
        assert alive(child.pid) is False
    finally:
        child.wait()
    assert alive(child.pid) is False  # reaped: no such process
    import os
    assert alive(os.getpid()) is True
