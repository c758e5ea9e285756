"""The console's composition root: connect in a worker, run the poller, route keys.

Usage (the CLI does this)::

    app = ActiveJobApp(connect, readonly=False, poll_interval=2.0, keymap=None, watch_failures=True, insecure=False)
    app.run()

``connect`` is an async callable returning a :class:`JobSource`; it may take seconds (an embedded
sandbox starting, a WSDL loading) so it runs after the first paint. With ``contexts`` (a
:class:`~activejob_tui.contexts.ContextSwitcher`, which the CLI passes) the first connection comes
from it instead, and ``:profile``/``:company`` switch while the console runs (:meth:`switch_context`).
Everything else lives in the screens and widgets; this module only wires them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import os
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from pathlib import PurePath
from typing import Any, ClassVar

from textual import on, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.driver import Driver
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen
from textual.worker import Worker

from ..contexts import Context, ContextSwitcher
from ..i18n import N_, _
from ..ips.source import JobSource
from ..model.dates import utcnow
from ..poller import Poller, PollReport, SnapshotApplied, View, retry_delay, wait_timeout
from .context_switch import CONTEXT_WORKERS, ContextSwitch
from .desktop import DesktopNotifier, terminal_driver_class
from .failures import report_worker_failure
from .heap import QuietCollector
from .keymap import binding_ids, resolve_keymap
from .localized import LocalizedApp
from .messages import PollReported
from .palette import ConsoleCommands, ContextCommands, help_sections
from .screens.confirm import ConfirmScreen
from .screens.console import ConsoleScreen
from .screens.help import HelpScreen
from .screens.notices import NoticeHistoryScreen
from .screens.raw import RawScreen
from .theme import css_paths, rich_theme
from .widgets.command_line import CommandLine
from .widgets.detail_pane import DetailPane
from .widgets.filter_bar import FilterBar
from .widgets.job_table import JobTable
from .widgets.log_pane import LogPane
from .widgets.severity_log import SeverityLog

KEYED_CLASSES: list[type] = [ConsoleScreen, JobTable, DetailPane, LogPane, SeverityLog, FilterBar, CommandLine,
                             ConfirmScreen, HelpScreen, NoticeHistoryScreen, RawScreen]
"""Every class whose BINDINGS a ``[keymap]`` id may name."""

log = logging.getLogger(__name__)

TEXTUAL_COMMANDS = (
    N_("Theme"), N_("Change the current theme"), N_("Quit"), N_("Quit the application as soon as possible"),
    N_("Keys"), N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"), N_("Minimize the widget and restore to normal size"), N_("Maximize"),
    N_("Maximize the focused widget"), N_("Screenshot"), N_("Save an SVG 'screenshot' of the current screen"),
)
"""The titles and help of Textual's system commands (``App.get_system_commands``), for the catalog."""
TEXTUAL_BINDINGS = (
    N_("Copy selected text"), N_("Focus Next"), N_("Focus Previous"), N_("Page Down"), N_("Page Left"),
    N_("Page Right"), N_("Page Up"), N_("Scroll Down"), N_("Scroll End"), N_("Scroll Home"), N_("Scroll Left"),
    N_("Scroll Right"), N_("Scroll Up"),
)
"""The descriptions of Textual's own bindings that the console's panes inherit (``Screen``,
``ScrollableContainer``): the help and the palette list them, translated like ours."""


class ActiveJobApp(LocalizedApp):
    """The operations console for IPS jobs."""

    TITLE = "activejob-tui"
    CSS_PATH: ClassVar[list[str | PurePath]] = [*css_paths()]
    COMMANDS: ClassVar = App.COMMANDS | {ConsoleCommands, ContextCommands}
    ENABLE_COMMAND_PALETTE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", N_("Quit"), id="app.quit"),
        Binding("question_mark", "help", N_("Help"), id="app.help"),
        Binding("ctrl+r", "poll_now", N_("Refresh"), id="app.refresh"),
        # Textual adds this one itself unless declared; declared, the help lists it from BINDINGS.
        Binding(App.COMMAND_PALETTE_BINDING, "command_palette", N_("Palette"), show=False,
                key_display=App.COMMAND_PALETTE_DISPLAY, priority=True, tooltip=N_("Open the command palette")),
    ]

    def __init__(
        self,
        connect: Callable[[], Awaitable[JobSource]],
        *,
        readonly: bool = False,
        poll_interval: float = 2.0,
        keymap: dict[str, str] | None = None,
        watch_failures: bool = True,
        now: Callable[[], datetime] | None = None,
        insecure: bool = False,
        notify_policy: str = "all",
        bell_on_failure: bool = True,
        columns: Sequence[str] | None = None,
        wide_columns: bool = False,
        language_notice: str | None = None,
        contexts: ContextSwitcher | None = None,
        desktop_notify: str | None = None,
        terminal_write: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__()
        self.language_notice = language_notice
        """``--lang``/``lang``/``LANG`` named a language without a catalog: shown once as a toast (issue 15)."""
        self.terminal_driver: Driver | None = None
        """The driver of a real terminal, once running (see :meth:`get_driver_class`); None headless."""
        self.desktop = DesktopNotifier(desktop_notify, terminal_write or self.write_to_terminal,
                                       tmux=bool(os.environ.get("TMUX")))
        """Desktop notifications through the terminal (config ``desktop_notify``; ``tui/desktop.py``);
        ``terminal_write`` replaces the terminal (a test's seam)."""
        self._connect_fn = connect
        self.contexts = contexts
        """Opens the first connection and the ones ``:profile``/``:company`` switch to (None: no switching)."""
        self.connection = ContextSwitch(self, contexts)
        """The connection in use and its switching (``tui/context_switch.py``)."""
        self.readonly = readonly
        self.insecure = insecure
        """TLS certificates are not verified (``--insecure``): the header says so for the whole session."""
        self.poll_interval = poll_interval
        self.watch_failures = watch_failures
        self.notify_policy = notify_policy
        self.bell_on_failure = bell_on_failure
        self.held_notices: list[tuple[str, dict[str, Any]]] = []
        """Notifications that came while a dialog was open (see :meth:`notify`)."""
        self.clock: Callable[[], datetime] = now or utcnow
        self.poller: Poller | None = None
        self.console.push_theme(rich_theme())  # named styles exist before the first paint
        self._theme_pushed = True
        self.keymap_config = dict(keymap or {})
        """Binding id → keys, from the config file (applied with ``set_keymap``)."""
        self.heap = QuietCollector()
        self.console_screen = ConsoleScreen(self, self.clock, columns=columns, wide_columns=wide_columns)
        self._retry_now = asyncio.Event()

    # -- notifications -------------------------------------------------------------------

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True, desktop: bool = False) -> None:
        """A toast — held while a dialog (a modal screen) is open, so it never covers its buttons;
        :meth:`release_notices` shows the held ones when the console is back. ``desktop``: also a
        desktop notification (if configured), sent when the toast is shown, never while it is held."""
        options: dict[str, Any] = {"title": title, "severity": severity, "timeout": timeout, "markup": markup}
        if desktop:
            options["desktop"] = True
        if self.screen_stack and isinstance(self.screen, ModalScreen):
            self.held_notices.append((message, options))
            return
        self._show_notice(message, options)

    def _show_notice(self, message: str, options: dict[str, Any]) -> None:
        desktop = options.pop("desktop", False)
        super().notify(message, **options)  # Textual's list of notifications; its toasts are not drawn
        self.console_screen.notices.show(
            str(message), title=options["title"], severity=options["severity"], markup=options["markup"],
            timeout=self.NOTIFICATION_TIMEOUT if options["timeout"] is None else options["timeout"])
        if desktop:
            self.desktop.send(options["title"] or self.TITLE, message)

    def get_driver_class(self) -> type[Driver]:
        """The platform's driver, made to say it is the terminal (``tui/desktop.py``)."""
        return terminal_driver_class(super().get_driver_class())

    def write_to_terminal(self, text: str) -> None:
        """Write an escape sequence to the terminal (nothing when headless or not yet running)."""
        if self.terminal_driver is not None and not self.is_headless:
            self.terminal_driver.write(text)

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        """A dialog opens: the toasts on screen go first, so none covers its buttons (the ended
        jobs stay in the notification history, H); new ones wait until it closes (:meth:`notify`)."""
        if isinstance(screen, ModalScreen):
            self.clear_notifications()
        return super().push_screen(screen, *args, **kwargs)

    def clear_notifications(self) -> None:
        """Clear every notification: Textual's and the console's cards."""
        super().clear_notifications()
        self.console_screen.notices.clear()

    def release_notices(self) -> None:
        held, self.held_notices = self.held_notices, []
        for message, options in held:
            self._show_notice(message, options)

    # -- lifecycle -----------------------------------------------------------------------

    def get_default_screen(self) -> ConsoleScreen:
        return self.console_screen

    def on_mount(self) -> None:
        if self.keymap_config:
            self.keymap_config, errors = resolve_keymap(self.keymap_config, binding_ids([*KEYED_CLASSES, type(self)]))
            self.set_keymap(self.keymap_config)
            for error in errors:
                self.notify(error, title=_("Config file"), severity="error", timeout=20, markup=False)
        if self.language_notice:
            self.notify(self.language_notice, severity="warning", timeout=10, markup=False)
        self._install_styles()
        self.theme_changed_signal.subscribe(self, lambda _theme: self._install_styles())
        self.call_after_refresh(self._connect)

    @work(group="connect", exclusive=True, exit_on_error=False)
    async def _connect(self) -> None:
        """Connect (retrying with backoff), then start polling and read the user's companies."""
        screen = self.console_screen
        failures = 0
        since = self.clock()
        while True:
            try:
                source = await self.connection.open_first(self._connect_fn)
                break
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - any failure to start is shown, then retried
                failures += 1
                delay = retry_delay(exc, self.poll_interval, failures)  # refused credentials: inf, wait for ctrl+r
                log.warning("connect failed (%s); %s", type(exc).__name__,
                            "waiting for ctrl+r (not retried)" if math.isinf(delay) else f"retrying in {delay:.1f} s")
                screen.status.connect_failed(exc, delay, since)
                self._retry_now.clear()
                with contextlib.suppress(TimeoutError):  # ctrl+r cuts the wait short
                    await asyncio.wait_for(self._retry_now.wait(), wait_timeout(delay))
        screen.status.connected(source.info, self.context.profile if self.context is not None else None)
        self.start_polling(source)
        self.connection.started()

    def start_polling(self, source: JobSource) -> None:
        """Poll ``source``; its reports reach the screen tagged with the connection's number."""
        screen, number = self.console_screen, self.context_number

        def post(report: PollReport) -> None:
            screen.post_message(PollReported(report, number))
            if isinstance(report, SnapshotApplied):  # runs once the screen has handled the report
                screen.call_later(poller.applied)  # (its own queue: a dialog on top does not hold it)

        poller = Poller(source, post, interval=self.poll_interval, view=screen.view, now=self.clock,
                        fetch_guard=self.heap.paused, acknowledged=True, background_active=True)
        self.poller = poller
        self.run_worker(poller.run(), group="poller", exit_on_error=False, name=_("poll the server"))

    def stop_polling(self) -> None:
        """Stop the poller and the workers that read the connection (``context_switch.CONTEXT_WORKERS``)."""
        if self.poller is not None:
            self.poller.stop()
        for group in CONTEXT_WORKERS:
            self.workers.cancel_group(self, group)

    # -- the connection and its switching (tui/context_switch.py) ---------------------------

    @property
    def source(self) -> JobSource | None:
        """The connected :class:`JobSource`, or None before the first connection is made."""
        return self.connection.source

    @property
    def context(self) -> Context | None:
        """The profile and client in use (None without a ContextSwitcher)."""
        return self.connection.context

    @property
    def context_number(self) -> int:
        """Counts the connections made; the screen takes poll reports of the current one only."""
        return self.connection.number

    @property
    def companies(self) -> tuple[str, ...]:
        """The connected user's companies (getCompanyMembership), for ``:company`` completion."""
        return self.connection.companies

    @property
    def switching(self) -> str | None:
        """What a switch under way connects to ("profile emea"); one at a time."""
        return self.connection.switching

    def context_choices(self) -> dict[str, Sequence[str]]:
        """``:profile``/``:company`` completion (``ContextSwitch.choices``)."""
        return self.connection.choices()

    def switch_context(self, kind: str, name: str) -> None:
        """``:profile NAME`` / ``:company NAME`` (``ContextSwitch.switch``)."""
        self.connection.switch(kind, name)

    def context_switched(self, number: int, context: Context, old_company: str | None) -> None:
        """Empty the console for ``context``: it takes poll reports of connection ``number`` from now on."""
        self.console_screen.new_context(number, context.source.info, context.profile, old_company)

    def companies_known(self, names: Sequence[str]) -> None:
        """``:company`` completes from ``names`` from now on."""
        self.console_screen.query_one(CommandLine).set_choices("company", names)

    async def action_quit(self) -> None:
        await self.connection.close()
        self.exit()

    async def on_unmount(self) -> None:
        await self.connection.close()
        self.heap.close()  # no full collection on the way out: q is not held up by it

    @on(Worker.StateChanged)
    def _worker_state_changed(self, event: Worker.StateChanged) -> None:
        report_worker_failure(self, event)

    # -- hooks for the screens -----------------------------------------------------------

    def view_changed(self, view: View) -> None:
        if self.poller is not None:
            self.poller.set_view(view)

    def poll_now(self) -> None:
        if self.poller is not None:
            self.poller.poll_now()

    def action_poll_now(self) -> None:
        if self.poller is None:
            self.notify(_("Not connected yet; trying again now."), severity="warning")
            self._retry_now.set()
        self.poll_now()

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        intro = _("The right column is each key's binding id: a [keymap] line of the config names it to remap the key.")
        if self.readonly:
            intro = _("Read-only mode: stop, pause, resume, run now and delete are disabled.") + "\n" + intro
        self.push_screen(HelpScreen(help_sections(self, self.keymap_config), intro=intro))

    # -- styles --------------------------------------------------------------------------

    def _install_styles(self) -> None:
        """Rich named styles (``state.ok`` …) used in cells and logs, from the current theme."""
        if self._theme_pushed:
            self.console.pop_theme()
        self._theme_pushed = True
        self.console.push_theme(rich_theme(self.get_css_variables()))
        self.refresh(layout=False)
        for screen in self.screen_stack:
            for widget in screen.walk_children():
                widget.refresh()

