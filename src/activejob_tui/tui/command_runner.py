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

from textual.dom import DOMNode
from textual.screen import Screen
from textual.worker import Worker

from ..console_state import VERBS, ConsoleState, Target
from ..i18n import _, ngettext
from ..ips.errors import IpsError
from ..model.controls import CONTROLS
from .host import ConsoleHost
from .text import safe_str

Picker = Callable[[], tuple[tuple[Target, ...], int]]
"""Returns (targets, how many of them the filter hides), as of now."""
Dialog = Callable[..., Screen[bool]]
"""Builds the confirmation: ``Dialog(verb, targets, hidden=n, note=text)`` (``screens.confirm.ConfirmScreen``)."""


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
        note = self.state.stop_note(targets) if verb == "stop" else ""
        def confirmed(ok: bool | None) -> None:
            if ok:
                self.run(verb, targets)

        app.push_screen(self.dialog(VERBS[verb], targets, hidden=hidden, note=note), confirmed)

    def run(self, verb: str, targets: Sequence[Target]) -> Worker[None]:
        """Send ``verb`` to exactly ``targets`` (those the dialog showed) in a worker."""
        chosen = tuple(targets)
        name = ngettext("{verb} {count} job", "{verb} {count} jobs", len(chosen)).format(verb=_(VERBS[verb]),
                                                                                       count=len(chosen))
        return self.node.app.run_worker(self._send(verb, chosen), name=name, group="commands", exit_on_error=False)

    async def _send(self, verb: str, targets: tuple[Target, ...]) -> None:
        app = self.node.app
        source = self.host.source
        if self.host.readonly or source is None:
            app.notify(_("Read-only mode: nothing was sent.") if self.host.readonly else _("Not connected."),
                       severity="warning")
            return
        method = getattr(source, CONTROLS[verb].method)
        done: list[Target] = []
        failed: list[tuple[Target, IpsError]] = []
        for target in targets:
            try:
                await method(target.handle)
            except IpsError as exc:
                failed.append((target, exc))
            else:
                done.append(target)
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
