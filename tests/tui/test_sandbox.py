"""The console against a real IPS sandbox over SOAP (IpsClient + SandboxProcess)."""

from __future__ import annotations

import asyncio

import pytest

from activejob_tui.ips.client import ClientSettings, IpsClient
from activejob_tui.model.enums import ActiveJobState, TriggerState
from activejob_tui.poller import View
from activejob_tui.tui.app import ActiveJobApp
from activejob_tui.tui.screens.confirm import ConfirmScreen

from .helpers import screen_of, settle, status_text


def app_for(sandbox, **kwargs) -> ActiveJobApp:
    settings = ClientSettings(wsdl=sandbox.wsdl_url_2016, user="demo@example.com", password="demo-password",
                              company_name="Demo Company", timeout=5.0, label="sandbox")
    kwargs.setdefault("poll_interval", 0.3)
    return ActiveJobApp(lambda: IpsClient.open(settings), **kwargs)


async def wait_until(pilot, predicate, timeout: float = 15.0, step: float = 0.1) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("condition not reached in time")
        await pilot.pause(step)


async def test_jobs_views_and_filter_against_the_sandbox(sandbox):
    app = app_for(sandbox, readonly=True)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot, app, timeout=20)
        screen = screen_of(app)
        assert screen.table.row_count > 0
        assert "sandbox" in status_text(app) and "Demo Company" in status_text(app)
        assert any(j.state == ActiveJobState.RUNNING for j in screen.jobs[View.ACTIVE].values())
        await pilot.press("2")
        await settle(pilot, app)
        scheduled = screen.jobs[View.SCHEDULED]
        assert any(j.trigger_state == TriggerState.PAUSED for j in scheduled.values())
        await pilot.press("3")
        await settle(pilot, app)
        assert screen.table.row_count > 0
        await wait_until(pilot, lambda: screen.log_pane.entries)
        await pilot.press("1")
        await settle(pilot, app)
        total = screen.table.row_count
        await pilot.press("slash")
        for char in "type:video":
            await pilot.press(char)
        await pilot.press("enter")
        await pilot.pause(0.3)
        shown = [screen.table.jobs[k] for k in screen.table.visible_keys()]
        assert 0 < len(shown) < total
        assert all("video" in ((j.type or "") + type(j.sub_job).__name__).lower() for j in shown)
        # Read-only: s does nothing.
        await pilot.press("s")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)


async def test_stop_a_running_job_and_the_sandbox_reports_it(fresh_sandbox):
    app = app_for(fresh_sandbox)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot, app, timeout=20)
        screen = screen_of(app)
        running = [k for k, j in screen.jobs[View.ACTIVE].items() if j.state == ActiveJobState.RUNNING]
        assert running
        target = running[0]
        name = screen.jobs[View.ACTIVE][target].name
        await pilot.press("slash")
        screen.query_one("#filter").input.value = f'"{name}"'
        await pilot.pause(0.3)
        await pilot.press("enter")
        assert screen.table.select_key(target)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert [t.handle for t in app.screen.targets] == [target]
        await pilot.press("y")

        def settled() -> bool:
            job = screen.jobs[View.ACTIVE].get(target)
            return job is None or job.state in (ActiveJobState.STOPPING, ActiveJobState.DONE)

        await wait_until(pilot, settled)
        # The sandbox itself, asked directly, agrees.
        client = app.source
        jobs = {j.job_handle: j for j in await client.active_jobs()}
        assert target not in jobs or jobs[target].state in (ActiveJobState.STOPPING, ActiveJobState.DONE)


async def test_stale_when_the_sandbox_stops_and_recovery_when_it_restarts(fresh_sandbox):
    app = app_for(fresh_sandbox)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot, app, timeout=20)
        screen = screen_of(app)
        rows = screen.table.row_count
        await asyncio.to_thread(fresh_sandbox.stop)
        await wait_until(pilot, lambda: "stale since" in status_text(app), timeout=20)
        assert "retrying in" in status_text(app) or "retrying now" in status_text(app)
        assert screen.table.row_count == rows  # the last good data stays visible
        await asyncio.to_thread(fresh_sandbox.restart)
        app.poller.poll_now()
        await wait_until(pilot, lambda: "stale" not in status_text(app), timeout=30)
        assert "polled" in status_text(app)
        assert screen.table.row_count > 0


@pytest.mark.parametrize("wsdl", ["legacy"])
async def test_legacy_api_console_shows_jobs(sandbox, wsdl):
    settings = ClientSettings(wsdl=sandbox.wsdl_url_legacy, user="demo@example.com", password="demo-password",
                              company_name="Demo Company", timeout=5.0)
    app = ActiveJobApp(lambda: IpsClient.open(settings), poll_interval=0.3)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot, app, timeout=20)
        assert screen_of(app).table.row_count > 0
        assert "legacy" in status_text(app)
