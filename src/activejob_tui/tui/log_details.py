"""Log lines for the log pane: progress notes of active jobs, and the log details of finished jobs
(getJobLogDetails, IPS_JOBS_API.md §6), fetched a page at a time in a worker."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.dom import DOMNode

from ..console_state import ConsoleState, ProgressNote
from ..ips.errors import IpsError
from ..model.enums import Severity
from ..poller import View
from .host import ConsoleHost
from .widgets.log_pane import LogEntry, LogPane

DETAIL_PAGE = 500
"""Log details fetched per page for a finished job."""
SELECT_DELAY = 0.25
"""Seconds the cursor must rest on a finished job before its details are fetched."""


class LogDetails:
    """Feeds the screen's :class:`LogPane`; never fetches for a keyless row."""

    def __init__(self, node: DOMNode, host: ConsoleHost, state: ConsoleState) -> None:
        self.node = node
        self.host = host
        self.state = state
        self._timer: Any = None

    @property
    def pane(self) -> LogPane:
        return self.node.query_one(LogPane)

    @staticmethod
    def entries(notes: Iterable[ProgressNote]) -> list[LogEntry]:
        """Progress notes as log lines (server text made safe here)."""
        return [LogEntry.of(note.at, note.severity, *note.parts) for note in notes]

    def follow(self, key: str | None) -> None:
        """Show the log of the selected job ``key``: its progress notes (Active), its details
        (Finished, fetched once the cursor rests), or a note (Scheduled jobs have no log)."""
        pane = self.pane
        if key is None:
            pane.show(None, [])
        elif pane.job_key == key:
            return
        elif self.state.view is View.ACTIVE:
            notes = self.state.progress_log.get(key, ())
            pane.show(key, self.entries(notes), note="progress messages as they arrive")
        elif self.state.view is View.FINISHED:
            self.select(key)
        else:
            pane.show(key, [], note="scheduled jobs have no log")

    def select(self, key: str) -> None:
        """The cursor moved to finished job ``key``: say "loading…", fetch page 1 once it rests."""
        self.pane.show(key, [], note="loading…")
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.node.set_timer(SELECT_DELAY, lambda: self.load(key, 1))

    def more(self, key: str) -> None:
        """The next page of ``key``'s details."""
        self.load(key, self.state.detail_pages.get(key, 1) + 1)

    def load(self, key: str, page: int) -> None:
        self.node.app.run_worker(self._load(key, page), name=f"load the log details of {key}", group="details",
                             exclusive=True, exit_on_error=False)

    async def _load(self, key: str, page: int) -> None:
        source = self.host.source
        if source is None or key.startswith("\x00"):
            return
        pane = self.pane
        try:
            result = await source.job_log_details(key, page=page, per_page=DETAIL_PAGE)
        except IpsError as exc:
            if pane.job_key == key:
                pane.show(key, pane.entries if page > 1 else [], note=f"could not load: {exc}")
            return
        entries = []
        for d in result.details:
            asset = f"({d.asset_name})" if d.asset_name and d.asset_name not in (d.log_message or "") else ""
            entries.append(LogEntry.of(d.date_created, d.severity, d.log_message, asset))
            for aux in d.aux_array or ():
                entries.append(LogEntry.of(aux.date_created, Severity.INFO, "  ↳", aux.log_message))
        self.state.detail_pages[key] = page
        total = f"{result.total_rows} details" if result.total_rows is not None else ""
        if page == 1:
            pane.show(key, entries, has_more=result.has_more, note=total)
        else:
            pane.append(key, entries, has_more=result.has_more)
