"""Log lines for the log pane (IPS_JOBS_API.md §6): the detail lines of the selected job
(getJobLogDetails, paged) — polled while an active job is selected, fetched once the cursor rests
on a finished one — or the progress messages of an active job (``t`` switches)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.widget import Widget

from ..console_state import ConsoleState, ProgressNote
from ..i18n import N_, _
from ..ips.errors import IpsError
from ..model.enums import severity_of
from ..model.jobs import JobLogDetail
from ..poller import View
from .host import ConsoleHost
from .widgets.log_lines import PROGRESS, LogEntry
from .widgets.log_pane import LogPane

DETAIL_PAGE = 500
"""Log details fetched per page (getJobLogDetails ``numRows``)."""
LIVE_MIN = 1.0
"""Seconds at least between two reads of a running job's new detail lines."""
SELECT_DELAY = 0.25
"""Seconds the cursor must rest on a job before its details are fetched."""
DETAILS, PROGRESS_SOURCE = "details", "progress"
DETAILS_TITLE, PROGRESS_TITLE = N_("detail lines"), N_("progress messages")
"""What the pane's title says the lines are (English msgids: the pane translates them)."""


def detail_entries(details: Iterable[JobLogDetail]) -> list[LogEntry]:
    """Detail lines (and their aux lines, marked ``↳``) as log lines; server text made safe here."""
    entries = []
    for d in details:
        asset = f"({d.asset_name})" if d.asset_name and d.asset_name not in (d.log_message or "") else ""
        entries.append(LogEntry.of(d.date_created, d.severity, d.log_message, asset, log_type=d.log_type))
        for aux in d.aux_array or ():
            severity = severity_of(aux.log_type) if aux.log_type else d.severity
            entries.append(LogEntry.of(aux.date_created, severity, "  ↳", aux.log_message, log_type=aux.log_type))
    return entries


class LogDetails:
    """Feeds the screen's :class:`LogPane`; never fetches for a keyless row.

    Active job, ``details`` (the default): every page once the cursor rests, then the pages from the
    last line seen on each tick of :attr:`host.poll_interval` while the job stays selected.
    Finished job: page 1 once the cursor rests, the next page on each ``m`` — every press counts,
    also during a page load.
    """

    def __init__(self, node: Widget, host: ConsoleHost, state: ConsoleState) -> None:
        self.node = node
        self.host = host
        self.state = state
        self.source = DETAILS
        """What an active job's pane shows: ``details`` or ``progress``."""
        self._timer: Any = None
        self._live: Any = None
        self.live_key: str | None = None
        self.ended_note: str | None = None
        """The note of an ended job the pane stays on (:meth:`ended`), kept by its last fetch."""
        self.seen = 0
        """Detail lines of :attr:`live_key` already shown."""
        self.fetching = False
        self.wanted: dict[str, int] = {}
        """Finished job → the page the operator asked for with ``m``."""
        self.loading: set[str] = set()

    @property
    def pane(self) -> LogPane:
        return self.node.query_one(LogPane)

    @staticmethod
    def entries(notes: Iterable[ProgressNote]) -> list[LogEntry]:
        """Progress notes as log lines (server text made safe here)."""
        return [LogEntry.of(note.at, note.severity, *note.parts, log_type=PROGRESS) for note in notes]

    def follow(self, key: str | None, *, force: bool = False) -> None:
        """Show the log of the selected job ``key``: its detail lines or progress notes (Active),
        its details (Finished), or a note (Scheduled jobs have no log)."""
        pane = self.pane
        if key is not None and pane.job_key == key and not force:
            return
        self._stop_live()
        self.ended_note = None
        if key is None:
            pane.show(None, [])
        elif self.state.view is View.ACTIVE and self.source == PROGRESS_SOURCE:
            notes = self.state.progress_log.get(key, ())
            pane.show(key, self.entries(notes), note=_("progress messages as they arrive  [t] detail lines"),
                      source=PROGRESS_TITLE)
        elif self.state.view is View.ACTIVE:
            pane.show(key, [], note=_("loading…"), source=DETAILS_TITLE)
            self.live_key, self.seen = key, 0
            self._timer = self.node.set_timer(SELECT_DELAY, self._start_live)
        elif self.state.view is View.FINISHED:
            self.select(key)
        else:
            pane.show(key, [], note=_("scheduled jobs have no log"), has_log=False)

    def ended(self, key: str, note: str) -> None:
        """The active job ``key`` the pane shows ended: its remaining detail lines are fetched once
        (the last page, its end), then nothing more; ``note`` stays in the pane's title."""
        if self.pane.job_key != key:
            return
        self._stop_live()
        self.ended_note = note
        self.pane.append(key, [], note=note)
        if self.source == DETAILS:
            self.live_key = key  # a fetch under way goes on to the last page; else one is started
            if self.fetching:
                return
            self.fetching = True
            self.node.app.run_worker(self._fetch_live(key), name=_("follow the log details of {job}").format(job=key),
                                     group="live-log", exit_on_error=False)

    def switch(self) -> None:
        """``t``: the other log of the selected active job."""
        if self.state.view is not View.ACTIVE:
            self.node.notify(_("Only active jobs have progress messages."), severity="warning")
            return
        self.source = PROGRESS_SOURCE if self.source == DETAILS else DETAILS
        self.follow(self.pane.job_key, force=True)

    def stop(self) -> None:
        """Stop polling (the view changed or the screen goes)."""
        self._stop_live()

    # -- active: live detail lines -------------------------------------------------------

    def _stop_live(self) -> None:
        for timer in (self._timer, self._live):
            if timer is not None:
                timer.stop()
        self._timer = self._live = None
        self.live_key = None

    def _start_live(self) -> None:
        self._timer = None
        self._tick()
        self._live = self.node.set_interval(max(self.host.poll_interval, LIVE_MIN), self._tick)

    def _tick(self) -> None:
        key = self.live_key
        if key is None or self.fetching or key.startswith("\x00") or self._gone():
            return
        self.fetching = True
        self.node.app.run_worker(self._fetch_live(key), name=_("follow the log details of {job}").format(job=key), group="live-log",
                                 exit_on_error=False)

    def _gone(self) -> bool:
        """True once the console is closing: nothing is fetched then, and an answer that arrives is
        dropped. Textual cancels the App's workers first and then removes the screens, whose timers
        still fire meanwhile: a live tick then started a fetch whose answer found no log pane
        (NoMatches, printed as a traceback after the console had gone)."""
        return not self.node.is_attached

    async def _fetch_live(self, key: str) -> None:
        try:
            while self.live_key == key and self.host.source is not None:
                number = self.seen // DETAIL_PAGE + 1
                try:
                    page = await self.host.source.job_log_details(key, page=number, per_page=DETAIL_PAGE)
                except IpsError as exc:
                    if not self._gone():
                        self.pane.append(key, [], note=_("could not load: {error}").format(error=exc))
                    return
                if self.live_key != key or self._gone():
                    return
                skip = self.seen if page.total_rows is None else self.seen - (number - 1) * DETAIL_PAGE
                new = list(page.details[max(skip, 0):])
                self.seen += len(new)
                note = self.ended_note or ("" if self.seen else _("no detail lines yet  [t] progress messages"))
                self.pane.append(key, detail_entries(new), note=note)
                if not page.has_more or not new:
                    return
        finally:
            self.fetching = False

    # -- finished: pages on demand -------------------------------------------------------

    def select(self, key: str) -> None:
        """The cursor moved to finished job ``key``: say "loading…", fetch page 1 once it rests."""
        self.pane.show(key, [], note=_("loading…"), source=DETAILS_TITLE)
        self.wanted.pop(key, None)
        self.state.detail_pages.pop(key, None)
        self._timer = self.node.set_timer(SELECT_DELAY, lambda: self.load(key, 1))

    def more(self, key: str) -> None:
        """The next page of ``key``'s details; presses during a load queue up."""
        self.wanted[key] = max(self.wanted.get(key, 0), self.state.detail_pages.get(key, 1)) + 1
        if key not in self.loading:
            self.loading.add(key)
            self.node.app.run_worker(self._load_wanted(key), name=_("load more log details of {job}").format(job=key),
                                     group="details-more", exit_on_error=False)

    def load(self, key: str, page: int) -> None:
        self.node.app.run_worker(self._load(key, page), name=_("load the log details of {job}").format(job=key), group="details",
                                 exclusive=True, exit_on_error=False)

    async def _load_wanted(self, key: str) -> None:
        try:
            while self.pane.job_key == key and self.state.detail_pages.get(key, 0) < self.wanted.get(key, 0):
                if not await self._load(key, self.state.detail_pages.get(key, 0) + 1):
                    return
        finally:
            self.loading.discard(key)

    async def _load(self, key: str, page: int) -> bool:
        source = self.host.source
        if source is None or key.startswith("\x00") or self._gone():
            return False
        pane = self.pane
        try:
            result = await source.job_log_details(key, page=page, per_page=DETAIL_PAGE)
        except IpsError as exc:
            if not self._gone() and pane.job_key == key:
                pane.append(key, [], note=_("could not load: {error}").format(error=exc))
            return False
        if self._gone() or pane.job_key != key:
            return False
        self.state.detail_pages[key] = page
        entries = detail_entries(result.details)
        if page == 1:
            pane.show(key, entries, has_more=result.has_more, source=DETAILS_TITLE, total=result.total_rows)
        else:
            pane.append(key, entries, has_more=result.has_more)
        return True
