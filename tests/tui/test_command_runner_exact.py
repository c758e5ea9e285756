"""What the console's one command sender (tui/command_runner.py) tells the operator, word for word, and
when it asks first — written against the survivors of its mutation run (issue 16). Every toast is read as
Textual shows it: message, severity, title, how long it stays, and whether markup in it is read."""

from __future__ import annotations

import inspect
from dataclasses import dataclass, replace
from typing import Any

import pytest
from textual.app import App

from activejob_tui.ips.errors import ApiFault
from activejob_tui.model.query import parse
from activejob_tui.poller import View
from activejob_tui.tui.command_runner import CommandRunner
from activejob_tui.tui.screens.confirm import ConfirmScreen

from .fakes import FakeSource, make_active
from .helpers import press_confirm, running_console, settle, wait_until


@dataclass(frozen=True)
class Toast:
    message: str
    severity: str = "information"
    title: str = ""
    timeout: float | None = None  # Textual's default when None
    markup: bool = True


@pytest.fixture
def toasts(monkeypatch: pytest.MonkeyPatch) -> list[Toast]:
    """Every toast asked for from now on, with Textual's own defaults filled in."""
    shown: list[Toast] = []
    original = App.notify
    signature = inspect.signature(original)

    def recording(self, message, **kwargs):  # type: ignore[no-untyped-def]
        bound = signature.bind(self, message, **kwargs)
        bound.apply_defaults()
        args = dict(bound.arguments)
        timeout = args["timeout"] if args["timeout"] is not None else self.NOTIFICATION_TIMEOUT
        # markup is read as a flag (Textual parses the text as markup when it is true)
        shown.append(Toast(str(message), args["severity"], args["title"], timeout, bool(args["markup"])))
        return original(self, message, **kwargs)

    monkeypatch.setattr(App, "notify", recording)
    return shown


def ours(toasts: list[Toast]) -> list[Toast]:
    """The command's toasts, not the job-end notices the polls may add."""
    return [t for t in toasts if not t.message.startswith(("Job ", "Jobs "))]


async def commands_done(pilot: Any) -> None:
    await wait_until(pilot, lambda: not any(w.group == "commands" and not w.is_finished for w in pilot.app.workers),
                     step=0.05)
    await pilot.pause(0.05)


def active_jobs(n: int, **names: str) -> list:
    """``n`` active jobs; ``names`` renames some by handle."""
    jobs = make_active(n)
    return [replace(j, name=names.get(j.job_handle, j.name)) for j in jobs]


# --- before anything is asked -----------------------------------------------------------------------


async def test_a_command_key_with_no_job_in_the_list_says_so_and_asks_nothing(toasts) -> None:
    async with running_console(FakeSource(active=[])) as (pilot, app, screen, source):
        toasts.clear()
        await pilot.press("s")
        await pilot.pause()
        assert ours(toasts) == [Toast("No job selected.", "warning", timeout=app.NOTIFICATION_TIMEOUT)]
        assert app.screen is screen and source.calls == []


async def test_read_only_refuses_a_command_that_reaches_the_runner_past_the_keys(toasts) -> None:
    """The keys are greyed in read-only mode; a command that gets past them all the same (an action run
    by name) is still refused, with no dialog and nothing sent."""
    async with running_console(readonly=True) as (pilot, app, screen, source):
        toasts.clear()
        screen.action_command("stop")
        await pilot.pause()
        assert ours(toasts) == [Toast("Read-only mode: jobs cannot be changed.", "warning",
                                      timeout=app.NOTIFICATION_TIMEOUT)]
        assert app.screen is screen
        toasts.clear()
        screen.runner.run("stop", screen.runner.pick()[0])  # and the sender itself refuses too
        await commands_done(pilot)
        assert ours(toasts) == [Toast("Read-only mode: nothing was sent.", "warning", timeout=app.NOTIFICATION_TIMEOUT)]
        assert source.calls == []


async def test_a_job_without_a_handle_cannot_be_commanded(toasts) -> None:
    jobs = make_active(3)
    jobs[0] = replace(jobs[0], job_handle=None)
    async with running_console(FakeSource(active=jobs)) as (pilot, app, screen, source):
        keyless = next(k for k in screen.state.jobs[View.ACTIVE] if screen.state.jobs[View.ACTIVE][k].job_handle is None)
        screen.table.select_key(keyless)
        toasts.clear()
        await pilot.press("s")
        await pilot.pause()
        assert ours(toasts) == [Toast("A job without a handle cannot be commanded.", "error",
                                      timeout=app.NOTIFICATION_TIMEOUT)]
        assert app.screen is screen and source.calls == []


async def test_a_command_sent_before_any_connection_says_not_connected(toasts) -> None:
    """The runner's host has no source until the first connection is made: nothing can be sent."""
    async with running_console() as (pilot, app, screen, source):

        class Unconnected:
            readonly = False
            source = None

            def poll_now(self) -> None:
                raise AssertionError("no poll without a connection")

        runner = CommandRunner(screen, screen.state, Unconnected(), screen.runner.pick, lambda *_: None,
                               dialog=ConfirmScreen)
        toasts.clear()
        runner.run("stop", screen.runner.pick()[0])
        await commands_done(pilot)
        assert ours(toasts) == [Toast("Not connected.", "warning", timeout=app.NOTIFICATION_TIMEOUT)]
        assert source.calls == []


# --- when it asks ---------------------------------------------------------------------------------------


async def test_pause_asks_first_and_says_when_the_filter_hides_a_target(toasts) -> None:
    async with running_console() as (pilot, app, screen, source):
        await pilot.press("2")
        await settle(pilot, app)
        app.poller.stop()
        first = next(k for k, j in source.scheduled.items() if j.trigger_state.value == "Normal")
        screen.table.select_key(first)
        await pilot.press("p")  # a plain pause of the job under the cursor: asked too (every command is)
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen) and [t.handle for t in dialog.targets] == [first]
        assert dialog.hidden == 0 and source.calls == []
        await press_confirm(pilot, app)
        await commands_done(pilot)
        assert app.screen is screen and source.calls == [("pause", first)]

        await pilot.press("space")  # marks it; then the filter hides it
        screen.state.set_filter(parse("handle:nothing-matches"), "handle:nothing-matches")
        screen.table.set_filter(screen.state.predicate())
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen)  # a hidden target: asked first
        assert [t.handle for t in dialog.targets] == [first] and dialog.hidden == 1 and dialog.note == ""
        assert len(source.calls) == 1
        await press_confirm(pilot, app)
        await commands_done(pilot)
        assert source.calls == [("pause", first), ("pause", first)]


async def test_the_stop_dialog_says_how_a_stop_ends_and_the_delete_dialog_does_not(toasts) -> None:
    async with running_console() as (pilot, app, screen, source):
        key = screen.table.selected_key
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen)
        assert dialog.note == ("The job will stop after its current step; the list shows “stopping…” until the "
                               "server confirms.")
        assert [t.handle for t in dialog.targets] == [key] and dialog.hidden == 0
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("2")
        await settle(pilot, app)
        app.poller.stop()
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and app.screen.note == ""
        await pilot.press("escape")
        await pilot.pause()
        assert source.calls == []


# --- what it says after sending ----------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3, 4])
async def test_the_sent_toast_names_up_to_three_jobs_as_written(toasts, count: int) -> None:
    """Names as the operator wrote them (markup in a name is text, not style), the handle for a job with no
    name, at most three and then "…"."""
    names = {"j|00000": "[b]Spring[/b] catalog", "j|00001": ""}
    async with running_console(FakeSource(active=active_jobs(8, **names))) as (pilot, app, screen, source):
        app.poller.stop()
        for handle in list(source.active)[:count]:
            screen.state.toggle_mark(handle)
        targets = screen.runner.pick()[0]
        assert [t.handle for t in targets] == screen.table.ordered_keys(list(source.active)[:count])  # the list's order
        toasts.clear()
        worker = screen.runner.run("stop", targets)
        assert worker.name == ("stop 1 job" if count == 1 else f"stop {count} jobs") and worker.group == "commands"
        await commands_done(pilot)
        shown = [t.name or t.handle for t in targets]  # as written, markup and all; the handle for no name
        assert ("[b]Spring[/b] catalog" in shown) and (count == 1 or "j|00001" in shown)
        listed = ", ".join(shown[:3]) + ("…" if count > 3 else "")
        noun = "job" if count == 1 else "jobs"
        assert ours(toasts) == [Toast(f"Sent stop to {count} {noun}: {listed}", "information",
                                      timeout=app.NOTIFICATION_TIMEOUT, markup=False)]
        assert sorted(h for _verb, h in source.calls) == sorted(t.handle for t in targets)
        assert set(screen.state.stopping) == {t.handle for t in targets}


async def test_a_refused_command_is_told_per_job_and_the_others_still_count_as_sent(toasts) -> None:
    names = {"j|00001": "Press [red]kit[/red]"}
    source = FakeSource(active=active_jobs(4, **names))
    source.command_errors["j|00001"] = ApiFault("Job [j|00001] is not yours.", code=30004)
    async with running_console(source) as (pilot, app, screen, _):
        app.poller.stop()
        for handle in ("j|00000", "j|00001"):
            screen.state.toggle_mark(handle)
        targets = screen.runner.pick()[0]
        assert sorted(t.handle for t in targets) == ["j|00000", "j|00001"]
        taken = next(t for t in targets if t.handle == "j|00000")
        toasts.clear()
        screen.runner.run("stop", targets)
        await commands_done(pilot)
        error = str(source.command_errors["j|00001"])
        assert ours(toasts) == [
            Toast(f"Sent stop to 1 job: {taken.name}", "information", timeout=app.NOTIFICATION_TIMEOUT,
                  markup=False),
            Toast(f"Could not stop Press [red]kit[/red]: {error}", "error", "Command failed", 12, False),
        ]
        assert source.calls == [("stop", t.handle) for t in targets]  # in the dialog's order
        assert set(screen.state.stopping) == {"j|00000"}  # only the one the server took
        assert screen.state.marks == {"j|00001"}  # the refused one stays marked, to try again


async def test_a_failed_command_of_a_job_with_no_name_names_its_handle(toasts) -> None:
    source = FakeSource(active=active_jobs(2, **{"j|00000": ""}))
    source.command_errors["j|00000"] = ApiFault("No.", code=30004)
    async with running_console(source) as (pilot, app, screen, _):
        app.poller.stop()
        screen.state.toggle_mark("j|00000")
        toasts.clear()
        screen.runner.run("stop", screen.runner.pick()[0])
        await commands_done(pilot)
        assert [t.message for t in ours(toasts)] == [f"Could not stop j|00000: {source.command_errors['j|00000']}"]


async def test_a_bug_in_a_command_leaves_the_console_running(toasts, monkeypatch) -> None:
    """A bug after the command went out is reported (tui/failures.py) and the console carries on: the
    worker does not take the app down with it."""
    async with running_console() as (pilot, app, screen, _source):
        app.poller.stop()

        def broken(_verb: str, _handles: list[str]) -> None:
            raise RuntimeError("bookkeeping broke")

        monkeypatch.setattr(screen.state, "sent", broken)
        worker = screen.runner.run("stop", screen.runner.pick()[0])
        await commands_done(pilot)
        assert worker.error is not None
        await pilot.pause(0.2)
        assert app.is_running and app.screen is screen
        assert any("stop 1 job" in t.message and t.severity == "error" for t in toasts)


async def test_jobs_that_ended_under_the_dialog_are_named_in_one_warning_and_not_sent(toasts) -> None:
    """Two of three marked jobs end while the stop dialog is open: at the yes the third alone is sent, and
    one warning names the two left out, as written (markup in a name is text), in the dialog's order."""
    names = {"j|00001": "[b]Spring[/b] catalog"}
    async with running_console(FakeSource(active=active_jobs(6, **names))) as (pilot, app, screen, source):
        from activejob_tui.model.enums import ActiveJobState
        running = [k for k, j in source.active.items() if j.state == ActiveJobState.RUNNING][:3]
        assert len(running) == 3 and "j|00001" in source.active
        if "j|00001" not in running:
            running[0] = "j|00001"
            source.active["j|00001"] = replace(source.active["j|00001"], state=ActiveJobState.RUNNING)
        for key in running:
            assert screen.table.select_key(key)
            await pilot.press("space")
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), timeout=5)
        dialog = app.screen
        assert sorted(t.handle for t in dialog.targets) == sorted(running)
        kept = next(t.handle for t in dialog.targets if t.handle != "j|00001")  # the renamed one ends
        gone = [t for t in dialog.targets if t.handle != kept]
        for target in gone:
            del source.active[target.handle]
        await wait_until(pilot, lambda: screen.runner.ended(screen.runner.asking) == {t.handle for t in gone},
                         timeout=5)
        toasts.clear()
        await press_confirm(pilot, app)
        await commands_done(pilot)
        assert source.calls == [("stop", kept)]
        left_out = ", ".join(t.name or t.handle for t in gone)
        assert "[b]Spring[/b] catalog" in left_out
        assert Toast(f"Stop not sent to {left_out}: no longer listed by the server.", "warning",
                     timeout=app.NOTIFICATION_TIMEOUT, markup=False) in ours(toasts)
