"""Which IPS connection the console is on, and ``:profile NAME`` / ``:company NAME`` (k9s ``:ctx``).

:class:`ContextSwitch` owns the connection: the :class:`~activejob_tui.contexts.Context` (profile
and client), the :class:`~activejob_tui.ips.source.JobSource` being polled, the number of
connections made (the screen takes poll reports of the current one only), the user's companies
(getCompanyMembership, IPS_JOBS_API.md §4.7) for completion, and the one switch under way.

A switch runs in an App worker, in this order: the new connection is opened (the old one keeps
polling meanwhile, and stays when the new one fails — the operator is told why); the poller and the
old context's workers stop; :meth:`ContextSwitcher.hand_over` passes an embedded sandbox on; the new
context is put in place and the screen emptied for it; polling starts on it; only then is the old
connection closed (:data:`CLOSE_TIMEOUT`), so a fetch that starts from here on reads the new source.
The App (``tui/app.py``) provides :class:`SwitchHost`; this module never imports it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Protocol

from textual.notifications import SeverityLevel
from textual.worker_manager import WorkerManager

from ..config_error import ConfigError
from ..contexts import Context, ContextSwitcher
from ..i18n import _
from ..ips.errors import IpsError
from ..ips.faults import sentence
from ..ips.source import JobSource
from .screens.context_reset import context_words

log = logging.getLogger(__name__)

CLOSE_TIMEOUT = 5.0
"""Seconds a connection may take to close (logout, an embedded sandbox stopping) before it is left."""
CONTEXT_WORKERS = ("poller", "companies", "live-log", "details")
"""The App's worker groups that read the current connection: cancelled when it is switched away."""


class SwitchHost(Protocol):
    """What the switch needs of the App: toasts, workers, and the poller's start and stop."""

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """A toast (held while a dialog is open)."""
        ...

    def run_worker(self, work: Any, name: str | None = "", group: str = "default", description: str = "",
                   exit_on_error: bool = True) -> Any:
        """Textual's ``App.run_worker``: every console worker runs on the App (``tui/failures.py``)."""
        ...

    @property
    def workers(self) -> WorkerManager:
        """Textual's worker manager of the App."""
        ...

    def start_polling(self, source: JobSource) -> None:
        """Poll ``source`` from now on, its reports tagged with :attr:`ContextSwitch.number`."""
        ...

    def stop_polling(self) -> None:
        """Stop the poller (the poll in flight, if any, is dropped) and cancel the App's workers of
        the groups in :data:`CONTEXT_WORKERS`."""
        ...

    def context_switched(self, number: int, context: Context, old_company: str | None) -> None:
        """Empty the console for ``context`` (connection ``number``); ``old_company`` is the one left."""
        ...

    def companies_known(self, names: Sequence[str]) -> None:
        """The user's company names, for ``:company`` completion."""
        ...


class ContextSwitch:
    """The console's connection and its switching; ``contexts`` None: one connection, no switching."""

    def __init__(self, host: SwitchHost, contexts: ContextSwitcher | None) -> None:
        self.host = host
        self.contexts = contexts
        """Opens the first connection and the ones ``:profile``/``:company`` switch to."""
        self.context: Context | None = None
        """The profile and client in use (None without ``contexts``, or before the first connection)."""
        self.source: JobSource | None = None
        """The connected source being polled; None until the first connection is made."""
        self.number = 0
        """Counts the connections made; the screen takes poll reports of the current one only."""
        self.companies: tuple[str, ...] = ()
        """The connected user's companies (getCompanyMembership), for ``:company`` completion."""
        self.switching: str | None = None
        """What a switch under way connects to ("profile emea"); one at a time."""
        self.closed = False

    async def open_first(self, connect: Callable[[], Awaitable[JobSource]]) -> JobSource:
        """The first connection: the config context (``contexts``), else ``connect()``; connected
        (``source.info`` read) before it is returned. Raises what opening or connecting raises
        (IpsError, ConfigError, OSError); the App retries with backoff."""
        if self.contexts is not None:
            self.context = await self.contexts.open_first()
            source: JobSource = self.context.source
        else:
            source = await connect()
        if getattr(source, "info", None) is None:
            await source.connect()
        self.source = source
        return source

    def started(self) -> None:
        """Polling started on the current context: read the user's companies in a worker."""
        if self.context is not None:
            self.host.run_worker(self.load_companies(self.context), group="companies", exit_on_error=False,
                                 name=_("read the user's companies"))

    async def load_companies(self, context: Context) -> None:
        """The user's companies for ``:company`` completion; a server that refuses leaves it empty."""
        assert self.contexts is not None
        try:
            companies = await self.contexts.companies(context.source)
        except IpsError as exc:
            log.info("getCompanyMembership failed: %s", exc)
            return
        if context is self.context:
            self.companies = tuple(c.name for c in companies)
            with contextlib.suppress(Exception):  # the line may not be mounted (quitting)
                self.host.companies_known(self.companies)

    def choices(self) -> dict[str, Sequence[str]]:
        """``:profile``/``:company`` completion: the config file's profiles (read now; a file that
        cannot be read is said in a toast), the user's companies."""
        profiles: list[str] = []
        if self.contexts is not None:
            try:
                profiles = self.contexts.profiles()
            except ConfigError as exc:
                self.host.notify(str(exc), title=_("Config file"), severity="error", markup=False)
        return {"profile": profiles, "company": list(self.companies)}

    def switch(self, kind: str, name: str) -> None:
        """``:profile NAME`` (``kind`` ``"profile"``) / ``:company NAME``: connect there in a worker;
        the old context keeps running until the new one is up, and stays if it cannot be reached.
        Refused with a toast before the first connection, without contexts, or during a switch."""
        if self.contexts is None or self.context is None:
            self.host.notify(_("Cannot switch yet: not connected.") if self.contexts is not None else
                             _("This console was started without a config context; restart with --{kind} {name}."
                               ).format(kind=kind, name=name), severity="warning", markup=False)
            return
        if self.switching is not None:
            self.host.notify(_("Still connecting to {what}; wait for it, then switch again.").format(
                what=self.switching), severity="warning", markup=False)
            return
        what = _("profile {name}").format(name=name) if kind == "profile" else _("company {name}").format(name=name)
        self.switching = what
        self.host.run_worker(self._switch(kind, name, what), group="switch", exit_on_error=False,
                             name=_("switch to {kind} {name}").format(kind=kind, name=name))

    async def _switch(self, kind: str, name: str, what: str) -> None:
        try:
            await self._switch_to(kind, name, what)
        finally:
            self.switching = None

    async def _switch_to(self, kind: str, name: str, what: str) -> None:
        assert self.contexts is not None and self.context is not None
        old = self.context
        self.host.notify(_("Connecting to {what}…").format(what=what), markup=False, timeout=3)
        try:
            new = await (self.contexts.open_profile(name) if kind == "profile" else self.contexts.open_company(old, name))
        except asyncio.CancelledError:
            raise
        except (ConfigError, IpsError, OSError) as exc:
            why = sentence(str(exc))  # ends in one stop, also when a translated reason ends in 。
            self.host.notify(_("Could not switch to {what}: {why} Still on {here}, as before.").format(
                what=what, why=why, here=context_words(old.source.info, old.profile)),
                title=_("Context not switched"), severity="error", markup=False, timeout=20)
            return
        old_company = old.source.info.company_name if old.source.info is not None else None
        self.host.stop_polling()
        self.contexts.hand_over(old, new)
        # The new context is in place before the old one closes: a log or detail fetch that starts
        # from here on (a timer, a key) reads the new source, never the one being closed.
        self.context, self.source, self.companies = new, new.source, ()
        self.number += 1
        self.host.context_switched(self.number, new, old_company)
        self.host.start_polling(new.source)
        self.started()
        try:
            await asyncio.wait_for(old.source.close(), CLOSE_TIMEOUT)
        except Exception:  # a failed close must not keep the operator in the old context
            log.warning("closing the old connection failed", exc_info=True)

    async def close(self) -> None:
        """The console quits: stop polling, cancel every worker, close the connection (once; a
        close that fails or takes over :data:`CLOSE_TIMEOUT` is logged, never raised)."""
        if self.closed:
            return
        self.closed = True
        self.host.stop_polling()
        self.host.workers.cancel_all()
        if self.source is not None:
            try:
                await asyncio.wait_for(self.source.close(), CLOSE_TIMEOUT)
            except Exception:
                log.warning("closing the connection failed", exc_info=True)
