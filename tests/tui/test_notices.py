"""Notifications (issue 13 item 4): policy, coalescing, bell, held under a dialog, history."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.app import App

from activejob_tui.config import ConfigFile, _notifications
from activejob_tui.config_error import ConfigError
from activejob_tui.model.enums import Outcome
from activejob_tui.tui.screens.confirm import ConfirmScreen
from activejob_tui.tui.screens.notices import NoticeHistoryScreen

from .fakes import FakeSource, make_active, make_logs
from .helpers import running_console, settle, wait_until


def end_jobs(source: FakeSource, count: int, failed: int) -> list[str]:
    """Make ``count`` active jobs end; ``failed`` of them with a job log that has errors."""
    ended = list(source.active)[:count]
    template = make_logs()[0]
    for i, handle in enumerate(ended):
        job = source.active.pop(handle)
        outcome_errors = 3 if i < failed else 0
        source.logs.append(replace(template, job_handle=handle, job_name=job.name, file_error_count=outcome_errors,
                                   fatal_error=False, log_type="ImageServingPublishJobCompleted",
                                   start_date=job.start_date))
    return ended


SHOWN: list[str] = []
TITLES: list[str] = []


@pytest.fixture(autouse=True)
def shown_toasts(monkeypatch):
    """Records every toast Textual is asked to show (after the console's hold)."""
    original = App.notify

    def recording(self, message, **kwargs):
        SHOWN.append(str(message))
        TITLES.append(str(kwargs.get("title", "")))
        return original(self, message, **kwargs)

    SHOWN.clear()
    TITLES.clear()
    monkeypatch.setattr(App, "notify", recording)


def toasts(app) -> list[str]:
    return list(SHOWN)


async def test_jobs_ending_together_are_told_once_with_how_many_failed_and_the_bell_rings(monkeypatch):
    source = FakeSource()
    async with running_console(source) as (pilot, app, screen, _):
        rings = []
        monkeypatch.setattr(app, "bell", lambda: rings.append(1))
        ended = end_jobs(source, 3, failed=1)
        assert [log.outcome for log in source.logs[-3:]][0] is Outcome.ERRORS
        await settle(pilot, app, polls=2)
        await wait_until(pilot, lambda: len(screen.announcer.history) == 3)
        assert any("3 jobs finished, 1 with errors" in t for t in toasts(app))
        assert rings == [1]
        assert {n.handle for n in screen.announcer.history} == set(ended)


async def test_policy_failures_and_off_keep_the_history():
    source = FakeSource()
    async with running_console(source, bell_on_failure=False) as (pilot, app, screen, _):
        await pilot.press("a")  # all → failures
        assert screen.announcer.policy == "failures"
        SHOWN.clear()
        end_jobs(source, 2, failed=0)
        await settle(pilot, app, polls=2)
        await wait_until(pilot, lambda: len(screen.announcer.history) == 2)
        assert not any("finished" in t for t in toasts(app))
        await pilot.press("a")  # failures → off
        assert screen.announcer.policy == "off"
        end_jobs(source, 1, failed=1)
        await settle(pilot, app, polls=2)
        await wait_until(pilot, lambda: len(screen.announcer.history) == 3)
        assert not any("errors" in t for t in toasts(app))
        await pilot.press("H")
        await pilot.pause()
        assert isinstance(app.screen, NoticeHistoryScreen)
        table = app.screen.query_one("#notices-table")
        assert table.row_count == 3
        assert str(table.get_row_at(0)[2]) == "3 errors"  # newest first; the outcome said once
        await pilot.press("escape")
        assert not isinstance(app.screen, NoticeHistoryScreen)


def end_one(source: FakeSource, log_type: str, errors: int = 0, warnings: int = 0, fatal: bool = False) -> str:
    """Make one active job end with a job log of ``log_type`` (a stopped job's log is a ``…Cancel`` one)."""
    handle = next(iter(source.active))
    job = source.active.pop(handle)
    source.logs.append(replace(make_logs()[0], job_handle=handle, job_name=job.name, log_type=log_type,
                               file_error_count=errors, file_warning_count=warnings, fatal_error=fatal,
                               start_date=job.start_date))
    return job.name


@pytest.mark.parametrize(("log_type", "errors", "warnings", "fatal", "title", "text"), [
    ("ImageServingPublishCancel", 0, 0, False, "Cancelled", "Job cancelled: {job}"),
    ("UploadSuccess", 0, 0, False, "Succeeded", "Job succeeded: {job}"),
    ("PublishWarning", 0, 1, False, "Finished with warnings", "{job} finished with 1 warning."),
    ("UploadError", 28, 2, False, "Job failed", "{job} ended with 28 errors."),
    ("UploadError", 1, 0, False, "Job failed", "{job} ended with 1 error."),
    ("ExportError", 2, 0, True, "Job failed", "{job} ended with a fatal error."),
])
async def test_a_toast_for_one_ended_job_names_the_outcome_its_job_log_shows(log_type, errors, warnings, fatal,
                                                                             title, text):
    source = FakeSource()
    async with running_console(source, bell_on_failure=False) as (pilot, app, screen, _):
        SHOWN.clear()
        TITLES.clear()
        name = end_one(source, log_type, errors, warnings, fatal)
        await settle(pilot, app, polls=2)
        await wait_until(pilot, lambda: len(screen.announcer.history) == 1 and SHOWN)
        assert (TITLES[-1], SHOWN[-1]) == (title, text.format(job=name)), list(screen.announcer.history)
        assert "finished" not in SHOWN[-1].lower() or log_type.endswith("Warning")


async def test_jobs_ending_together_with_a_cancelled_one_are_not_all_called_finished():
    source = FakeSource()
    async with running_console(source, bell_on_failure=False) as (pilot, app, screen, _):
        SHOWN.clear()
        end_one(source, "ImageServingPublishCancel")
        end_one(source, "UploadSuccess")
        await settle(pilot, app, polls=2)
        await wait_until(pilot, lambda: len(screen.announcer.history) == 2 and SHOWN)
        assert SHOWN[-1].startswith("2 jobs ended, 1 cancelled: ")


async def test_the_history_title_counts_one_event_in_the_singular():
    source = FakeSource()
    async with running_console(source, bell_on_failure=False) as (pilot, app, screen, _):
        end_one(source, "UploadSuccess")
        await settle(pilot, app, polls=2)
        await wait_until(pilot, lambda: len(screen.announcer.history) == 1)
        await pilot.press("H")
        await wait_until(pilot, lambda: isinstance(app.screen, NoticeHistoryScreen))
        title = str(app.screen.query_one("#notices-title").render())
        assert "1 event · policy: all" in title and "events" not in title


async def test_notifications_wait_until_a_dialog_closes_at_80x24():
    source = FakeSource(make_active(12))
    async with running_console(source, size=(80, 24)) as (pilot, app, screen, _):
        while screen.table.selected_job.state.value != "Running":
            await pilot.press("j")
        SHOWN.clear()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        end_jobs(source, 2, failed=1)
        await wait_until(pilot, lambda: len(screen.announcer.history) >= 2)
        assert app.held_notices and not any("finished" in t for t in toasts(app))
        await pilot.press("escape")
        await pilot.pause(0.2)
        assert not app.held_notices and any("jobs finished" in t for t in toasts(app))


def test_config_checks_notify_and_bell(tmp_path):
    assert _notifications(ConfigFile(tmp_path / "c.toml", {})) == ("all", True)
    assert _notifications(ConfigFile(tmp_path / "c.toml", {"notify": "failures", "bell": False})) == ("failures", False)
    with pytest.raises(ConfigError, match="notify must be one of all, failures, off, not 'some'"):
        _notifications(ConfigFile(tmp_path / "c.toml", {"notify": "some"}))
    with pytest.raises(ConfigError, match="bell must be true or false"):
        _notifications(ConfigFile(tmp_path / "c.toml", {"bell": "yes"}))


async def test_the_outcome_lookup_asks_only_for_logs_started_since_the_ended_jobs_started():
    """The lookup asked for every job log of the last day: an answer that grows with the server's history
    (the demo sandbox's by two logs a minute), decoded after every ended job (issue 9)."""
    from activejob_tui.tui.announce import OUTCOME_MARGIN

    source = FakeSource()
    async with running_console(source, bell_on_failure=False) as (pilot, app, screen, _):
        first, second = list(source.active.values())[:2]
        end_jobs(source, 2, failed=1)
        await wait_until(pilot, lambda: len(screen.announcer.history) == 2)
        request = source.log_requests[-1]
        assert request["start"] == min(first.start_date, second.start_date) - OUTCOME_MARGIN
        assert (request["sort_by"], request["descending"]) == ("StartDate", True)
        assert any("2 jobs finished, 1 with errors" in t for t in toasts(app))


@pytest.mark.parametrize("view", ["2", "3"])
async def test_a_job_that_fails_while_another_view_is_shown_is_announced_there(monkeypatch, view):
    """A new user parked on Finished heard nothing of a job that ended with errors until back on Active."""
    from activejob_tui import poller

    monkeypatch.setattr(poller, "BACKGROUND_EVERY", 0.2)
    source = FakeSource()
    async with running_console(source, bell_on_failure=False) as (pilot, app, screen, _):
        await pilot.press(view)
        await settle(pilot, app)
        SHOWN.clear()
        name = source.active[next(iter(source.active))].name
        ended = end_jobs(source, 1, failed=1)
        await wait_until(pilot, lambda: any(name in t and "3 errors" in t for t in toasts(app)), timeout=10)
        assert screen.view.value == {"2": "scheduled", "3": "finished"}[view]
        assert [(n.handle, n.failed) for n in screen.announcer.history][-1:] == [(ended[0], True)]
