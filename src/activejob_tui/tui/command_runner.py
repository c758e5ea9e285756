"""The one place the console changes jobs: confirm, send in a worker, report.

Only :meth:`CommandRunner._send` calls ``stop_job``/``pause_job``/``resume_job``/``execute_job``/
``delete_job`` of the :class:`~activejob_tui.ips.source.JobSource`. The jobs it acts on are the
:class:`~activejob_tui.console_state.Target` tuple taken when the key was pressed and shown in the
confirmation — never recomputed when the operator confirms, so a re-sort, a poll or a new filter
while the dialog is open cannot change what is sent (htop's scar).

How a keypress becomes a stopJob: ``s`` → ``ConsoleScreen.action_stop`` → :meth:`request` takes the
targets from :class:`ConsoleState` → :class:`ConfirmScreen` lists them → on "Stop",
:meth:`run` starts a worker → :meth:`_send` awaits ``source.stop_job(handle)`` per target →
``ConsoleState.sent`` marks them "stopping…" → notifications → ``poll_now``. A bug anywhere in
the worker reaches the App's one worker-failure handler (``tui/failures.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, cast

from textual.dom import DOMNode
from textual.screen import Screen
from textual.worker import Worker

from ..console_state import VERBS, ConsoleState, Target
from ..i18n import _, ngettext
from ..ips.errors import IpsError
from ..model.controls import CONTROLS, needless
from ..model.words import word
from ..poller import View
from .host import ConsoleHost
from .text import capitalized, safe_str

Picker = Callable[[], tuple[tuple[Target, ...], int]]
"""Returns (targets, how many of them the filter hides), as of now."""


class ConfirmDialog(Protocol):
    """The confirmation as the runner uses it (``screens.confirm.ConfirmScreen``)."""

    def show_ended(self, handles: frozenset[str], sentence: str) -> None:
        """``handles`` (some of its targets) are known to have ended: mark them, say ``sentence``, and
        offer no confirmation if none is left."""


Dialog = Callable[..., ConfirmDialog]
"""Builds the confirmation: ``Dialog(verb, targets, hidden=n, note=text)``, a ``Screen[bool]``."""


@dataclass(frozen=True, slots=True)
class Asking:
    """A confirmation on screen: what it asks about, and the view its targets were taken from."""

    verb: str
    targets: tuple[Target, ...]
    view: View
    dialog: ConfirmDialog


SLOW_SEND = 2.0
"""Seconds a command may wait for the server before the console says it is still waiting (a stop
sent to a hung server showed nothing at all until the server came back)."""


class CommandRunner:
    """Confirms and sends the console's commands; ``on_sent(verb, handles)`` redraws afterwards."""

    def __init__(self, node: DOMNode, state: ConsoleState, host: ConsoleHost, pick: Picker,
                 on_sent: Callable[[str, list[str]], None], dialog: Dialog) -> None:
        self.node = node
        self.dialog = dialog
        self.state = state
        self.host = host
        self.pick = pick
        self.on_sent = on_sent

    def request(self, verb: str) -> None:
        """The operator pressed the key of ``verb``: refuse, or ask (every command asks; nothing is sent
        until the dialog's action button is pressed)."""
        app = self.node.app
        if self.host.readonly:
            app.notify(_("Read-only mode: jobs cannot be changed."), severity="warning")
            return
        targets, hidden = self.pick()
        if not targets:
            app.notify(_("No job selected."), severity="warning")
            return
        if any(t.handle.startswith("\x00") for t in targets):
            app.notify(_("A job without a handle cannot be commanded."), severity="error")
            return
        targets, skipped = self._needed(verb, targets)
        if not targets:
            return
        note = self.state.stop_note(targets) if verb == "stop" else skipped
        dialog = self.dialog(VERBS[verb], targets, hidden=hidden, note=note)
        asking = self.asking = Asking(verb, targets, self.state.view, dialog)

        def confirmed(ok: bool | None) -> None:
            if self.asking is asking:
                self.asking = None
            if ok:
                self._send_to_listed(asking)

        app.push_screen(cast(Screen[bool], dialog), confirmed)

    def _needed(self, verb: str, targets: tuple[Target, ...]) -> tuple[tuple[Target, ...], str]:
        """``targets`` without the jobs ``verb`` has nothing to do for as listed (``model.controls.needless``:
        resume a job that is not paused, pause a paused one), and the dialog's sentence naming those left
        out. None left: says so and returns no targets (no dialog opens)."""
        reasons = [(t, why) for t in targets if (why := needless(verb, t.job, word)) is not None]
        if not reasons:
            return targets, ""
        skipped = {t.handle for t, _why in reasons}
        words = _("; ").join(_("{job}: {why}").format(job=safe_str(t.name or t.handle), why=safe_str(why)) for t, why in reasons[:3])
        words += "…" if len(reasons) > 3 else ""
        left = tuple(t for t in targets if t.handle not in skipped)
        if not left:
            self.node.app.notify(_("Nothing to {verb}: {reasons}.").format(verb=_(VERBS[verb]), reasons=words),
                                 severity="warning", markup=False)
            return (), ""
        return left, ngettext("Left out, nothing to do: {reasons}.", "Left out {count} jobs, nothing to do: {reasons}.",
                              len(reasons)).format(count=len(reasons), reasons=words)

    asking: Asking | None = None
    """The confirmation on screen, if any (:meth:`polled` keeps it up to date)."""

    def ended(self, asking: Asking) -> frozenset[str]:
        """The handles among ``asking.targets`` that the server no longer lists in their view (an active
        job that ended, a scheduled job deleted meanwhile), as of the last poll."""
        listed = self.state.jobs.get(asking.view, {})
        return frozenset(t.handle for t in asking.targets if t.handle not in listed)

    def polled(self) -> None:
        """A poll was applied: tell the open confirmation which of its jobs have ended since it opened."""
        asking = self.asking
        if asking is None:
            return
        ended = self.ended(asking)
        if ended:
            asking.dialog.show_ended(ended, ended_sentence(asking, len(ended)))

    def _send_to_listed(self, asking: Asking) -> None:
        """The operator confirmed: send to the confirmed jobs that are still listed — never to one known
        to have ended (the server would refuse it, or a new job could have its handle) — and say which
        were left out."""
        ended = self.ended(asking)
        left = tuple(t for t in asking.targets if t.handle not in ended)
        if ended:
            names = _(", ").join(safe_str(t.name or t.handle) for t in asking.targets if t.handle in ended)
            self.node.app.notify(_("{verb} not sent to {names}: no longer listed by the server.").format(
                verb=capitalized(_(VERBS[asking.verb])), names=names), severity="warning", markup=False)
        if left:
            self.run(asking.verb, left)

    def run(self, verb: str, targets: Sequence[Target]) -> Worker[None]:
        """Send ``verb`` to exactly ``targets`` (those the dialog showed) in a worker."""
        chosen = tuple(targets)
        name = ngettext("{verb} {count} job", "{verb} {count} jobs", len(chosen)).format(verb=_(VERBS[verb]),
                                                                                       count=len(chosen))
        return self.node.app.run_worker(self._send(verb, chosen), name=name, group="commands", exit_on_error=False)

    async def _send(self, verb: str, targets: tuple[Target, ...]) -> None:  # the one sender (module docstring)
        app = self.node.app
        source = self.host.source
        if self.host.readonly or source is None:
            app.notify(_("Read-only mode: nothing was sent.") if self.host.readonly else _("Not connected."),
                       severity="warning")
            return
        method = getattr(source, CONTROLS[verb].method)
        done: list[Target] = []
        failed: list[tuple[Target, IpsError]] = []
        waiting = self.node.set_timer(SLOW_SEND, lambda: app.notify(
            ngettext("Still sending {verb} to {count} job: the server has not answered yet.",
                     "Still sending {verb} to {count} jobs: the server has not answered yet.",
                     len(targets)).format(verb=_(VERBS[verb]), count=len(targets)),
            severity="warning", markup=False, timeout=10))
        try:
            for target in targets:
                try:
                    await method(target.handle)
                except IpsError as exc:
                    failed.append((target, exc))
                else:
                    done.append(target)
        finally:
            waiting.stop()
        handles = [t.handle for t in done]
        self.state.sent(verb, handles)
        self.on_sent(verb, handles)
        label = _(VERBS[verb])
        if done:
            names = _(", ").join(safe_str(t.name or t.handle) for t in done[:3]) + ("…" if len(done) > 3 else "")
            app.notify(ngettext("Sent {verb} to {count} job: {names}", "Sent {verb} to {count} jobs: {names}",
                                len(done)).format(verb=label, count=len(done), names=names), markup=False)
        for target, error in failed:
            app.notify(_("Could not {verb} {job}: {error}").format(verb=label, job=safe_str(target.name or target.handle),
                                                                 error=error), title=_("Command failed"),
                       severity="error", markup=False, timeout=12)
        self.host.poll_now()


def ended_sentence(asking: Asking, count: int) -> str:
    """What the confirmation says when ``count`` of its jobs have ended: an active job "has ended", a
    job of another view "is no longer listed"; nothing to do if that is all of them."""
    verb = _(VERBS[asking.verb])
    active = asking.view is View.ACTIVE
    if count == len(asking.targets):
        if active:
            return ngettext("This job has ended: nothing to {verb}.", "These {count} jobs have ended: nothing to {verb}.",
                            count).format(count=count, verb=verb)
        return ngettext("This job is no longer listed by the server: nothing to {verb}.",
                        "These {count} jobs are no longer listed by the server: nothing to {verb}.",
                        count).format(count=count, verb=verb)
    rest = len(asking.targets) - count
    if active:
        return ngettext("{count} of these jobs has ended: {verb} goes to the other {rest} only.",
                        "{count} of these jobs have ended: {verb} goes to the other {rest} only.",
                        count).format(count=count, verb=verb, rest=rest)
    return ngettext("{count} of these jobs is no longer listed by the server: {verb} goes to the other {rest} only.",
                    "{count} of these jobs are no longer listed by the server: {verb} goes to the other {rest} only.",
                    count).format(count=count, verb=verb, rest=rest)
