"""``w``: save the whole log of the selected job to a file (IPS_JOBS_API.md §6).

Every page of getJobLogDetails is fetched (the title shows a progress bar), then the lines the
pane's severity filter and search let through are written in time order, each with its full date
and time, severity and log type, under a header naming the job, its handle, the company and the
time of export. Progress messages (``t``) are saved as they are held, with the same header.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.widget import Widget

from ..console_state import ConsoleState
from ..i18n import _
from ..ips.errors import IpsError
from .host import ConsoleHost
from .log_details import DETAIL_PAGE, PROGRESS_TITLE, LogDetails, detail_entries
from .widgets.log_lines import LogEntry
from .widgets.log_pane import LogPane

BAR_W = 20


def bar(done: int, total: int) -> str:
    """``[████████░░░░] 3/5 pages``."""
    filled = BAR_W * done // total if total else BAR_W
    return f"[{'█' * filled}{'░' * (BAR_W - filled)}] {done}/{total} pages"


def safe_name(key: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in key)[:60]


def shown_folder(folder: Path) -> str:
    """``folder`` as a toast shows it: ``~/…`` under the home folder, with a trailing ``/``. A toast
    breaks a long path wherever it must, so the file's name goes on a line of its own above it."""
    try:
        relative = folder.relative_to(Path.home())
    except ValueError:
        return str(folder).rstrip("/") + "/"
    return "~/" if relative == Path(".") else f"~/{relative}/"


class LogSaver:
    """Writes logs to :attr:`save_dir` (the working directory by default)."""

    def __init__(self, node: Widget, host: ConsoleHost, state: ConsoleState, details: LogDetails) -> None:
        self.node = node
        self.host = host
        self.state = state
        self.details = details
        self.save_dir = Path.cwd()

    @property
    def pane(self) -> LogPane:
        return self.node.query_one(LogPane)

    def save(self, key: str) -> None:
        self.node.app.run_worker(self._save(key), name=_("save the log of {job}").format(job=key), group="save-log",
                                 exclusive=True, exit_on_error=False)

    async def _save(self, key: str) -> None:
        pane = self.pane
        level, search = pane.level, pane.search
        if pane.source == PROGRESS_TITLE:
            entries = list(pane.entries)
            what = "progress messages"
        else:
            fetched = await self._fetch_all(key)
            if fetched is None:
                return
            entries = sorted(fetched, key=LogEntry.sort_key)
            what = "detail lines"
        needle = search.lower()
        kept = [e for e in entries if e.shown_at(level) and (not needle or needle in e.line().lower())]
        job = self.state.current.get(key)
        name = getattr(job, "name", None) or getattr(job, "job_name", None) or "—"
        info = self.host.source.info if self.host.source is not None else None
        company = f"{info.company_name or '—'} ({info.company_handle})" if info is not None else "—"
        now = datetime.now().astimezone()
        header = [
            f"# job:      {name}",
            f"# handle:   {key}",
            f"# company:  {company}",
            f"# exported: {now.isoformat(timespec='seconds')}",
            f"# log:      {what}, severity {level}" + (f", search “{search}”" if search else "")
            + f"; {len(kept)} of {len(entries)} lines",
            "# columns:  date  severity  log type  message",
        ]
        path = self.save_dir / f"activejob-{safe_name(key)}-{now.strftime('%Y%m%d-%H%M%S')}.log"
        try:
            path.write_text("\n".join(header) + "\n" + "".join(e.saved_line() + "\n" for e in kept), encoding="utf-8")
        except OSError as exc:
            self.node.notify(_("Could not save the log: {error}").format(error=exc.strerror or exc), severity="error")
            return
        self.pane.append(key, [], note="")
        self.node.notify(_("Saved {kept} of {count} lines:\n{name}\nin {folder}").format(
                         kept=len(kept), count=len(entries), name=path.name, folder=shown_folder(path.parent)),
                         markup=False)

    async def _fetch_all(self, key: str) -> list[LogEntry] | None:
        source = self.host.source
        if source is None or key.startswith("\x00"):
            self.node.notify(_("Not connected: nothing to save."), severity="warning")
            return None
        entries: list[LogEntry] = []
        number, pages = 1, 1
        while True:
            self.pane.append(key, [], note=_("saving…") + " " + bar(number - 1, pages))
            try:
                page = await source.job_log_details(key, page=number, per_page=DETAIL_PAGE)
            except IpsError as exc:
                self.pane.append(key, [], note="")
                self.node.notify(_("Could not save the log: page {page}: {error}").format(page=number, error=exc),
                                 severity="error", markup=False)
                return None
            entries.extend(detail_entries(page.details))
            if page.total_rows is not None:
                pages = max(1, -(-page.total_rows // DETAIL_PAGE))
            if not page.has_more or not page.details:
                return entries
            number += 1
