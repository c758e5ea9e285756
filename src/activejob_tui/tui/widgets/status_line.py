"""The header: where we are connected, the view, the poll state, the read-only and TLS markers.

Two lines. The first says where: ``activejob-tui ▸ profile emea · Demo Company · demo@example.com ·
API 2016-01-14-beta · EMEA s7sps3apissl.scene7.com`` (profile, company, user, API version, region
and host — ``ips.regions.where``), after a ``READ-ONLY`` marker and a ``TLS NOT VERIFIED`` one
(``--insecure``); below 120 columns without the brand, the words "profile" and "API" (and "no
profile" when there is none), and a known region without its host.
The second says how fresh the data is: ``Active · 124 jobs · polled 3 s ago, every 2 s``, or — when
polls fail — ``stale since 12:03:04 — connection refused, retrying in 8 s``; before the first
connection succeeded there is no data to be stale and no count: ``Active · not connected yet —
connection refused, retrying in 8 s``.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

from rich.text import Text
from textual.widgets import Static

from ...i18n import _, ngettext
from ...ips.regions import where
from ...ips.source import ConnectionInfo
from ...poller import Pace
from .. import display as fmt
from ..localized import key_of
from ..text import safe_str


class StatusLine(Static):
    """Re-rendered on every poll event and once a second (for the ages)."""

    def __init__(self, clock: fmt.Clock, **kwargs: Any) -> None:
        super().__init__("", markup=False, **kwargs)
        self.clock = clock
        self.info: ConnectionInfo | None = None
        self.profile: str | None = None
        """The config file's profile of this connection (None: flags, environment or the embedded sandbox)."""
        self.connecting: str | None = _("connecting…")
        self.readonly = False
        self.insecure = False
        self.view_title = _("Active")
        self.count = 0
        self.shown = 0
        self.marked = 0
        self.hidden_marked = 0
        self.filter_text = ""
        self.filter_note = ""
        """Why the filter cannot match in this view (a field its rows do not have), or empty."""
        self.interval = 2.0
        self.last_poll: datetime | None = None
        self.pace: Pace | None = None
        """The poller's timing after the last poll: the header says when the interval stretched."""
        self.polling = False
        self.stale_since: datetime | None = None
        self.error = ""
        self.retry_at: datetime | None = None
        self.text = Text()
        """What the header shows now (tests read ``text.plain``)."""

    def on_mount(self) -> None:
        self.render_status()
        self.set_interval(1.0, self.render_status)

    def connected(self, info: ConnectionInfo | None, profile: str | None = None) -> None:
        """The connection is up (``info`` says where; ``profile`` is the config file's name for it)."""
        self.set(info=info, profile=profile, connecting=None, stale_since=None, error="", retry_at=None)

    def connect_failed(self, error: BaseException, retry_in: float, since: datetime) -> None:
        """Connecting failed; the next try is in ``retry_in`` seconds."""
        self.set(connecting=_("not connected"), stale_since=since, error=safe_str(str(error) or type(error).__name__),
                 retry_at=self._retry_at(retry_in))

    def poll_failed(self, stale_since: datetime, error: object, retry_in: float) -> None:
        """A poll failed: the data shown is stale since ``stale_since``."""
        self.set(stale_since=stale_since, error=str(error), retry_at=self._retry_at(retry_in))

    def _retry_at(self, retry_in: float) -> datetime | None:
        """When the next try is due; ``None`` for ``math.inf``: only the operator tries again."""
        return None if math.isinf(retry_in) else self.clock() + timedelta(seconds=retry_in)

    def polled(self, at: datetime, pace: Pace | None = None) -> None:
        """A poll succeeded at ``at``; ``pace``: the poller's timing after it."""
        self.set(last_poll=at, pace=pace, stale_since=None, error="", retry_at=None)

    def set(self, **changes: Any) -> None:
        for name, value in changes.items():
            setattr(self, name, value)
        self.render_status()

    def render_status(self) -> None:
        if not self.is_mounted:
            return
        now = self.clock()
        top = Text(no_wrap=True, overflow="ellipsis", end="")
        wide = self.size.width == 0 or self.size.width >= 120
        if wide:
            top.append(" activejob-tui ", style="status.brand")
        if self.readonly:
            top.append(" " + _("READ-ONLY") + " ", style="status.readonly")
        if self.insecure:
            top.append(" " + _("TLS NOT VERIFIED") + " ", style="status.readonly")
        top.append(" ▸ ")
        info = self.info
        if info is None:
            top.append(safe_str(self.connecting or _("not connected")), style="status.warn")
        else:
            if self.profile:
                top.append(_("profile {name}").format(name=safe_str(self.profile)) if wide else safe_str(self.profile),
                           style="bold")
                top.append(" · ")
            elif wide:
                top.append(_("no profile"), style="dim")
                top.append(" · ")
            top.append(safe_str(info.company_name or info.company_handle), style="bold")
            top.append(" · ")
            top.append(safe_str(info.user))
            top.append(" · ")
            top.append(_("API {version}").format(version=safe_str(info.api_version)) if wide
                       else safe_str(info.api_version), style="dim")
            top.append(" · ")
            top.append(safe_str(where(info.endpoint, info.label, short=not wide)))

        bottom = Text(no_wrap=True, overflow="ellipsis", end="")
        bottom.append(f" {self.view_title}", style="bold")
        never = self.info is None and self.last_poll is None  # nothing was read yet: no count, nothing stale
        if never:
            pass  # the first line says "connecting…" / "not connected"; a count of 0 jobs would be wrong
        elif self.filter_text:
            bottom.append(" · " + _("{shown} of {count} jobs match").format(shown=self.shown, count=self.count) + " ")
            bottom.append(safe_str(self.filter_text), style="status.filter")
            if self.filter_note:
                bottom.append(" (" + self.filter_note + ")", style="status.warn")
        else:
            bottom.append(" · " + ngettext("{count} job", "{count} jobs", self.count).format(count=self.count))
        if self.marked:
            bottom.append(" · " + _("{count} marked").format(count=self.marked))
            if self.hidden_marked:
                bottom.append(" " + _("({count} hidden by the filter)").format(count=self.hidden_marked),
                              style="status.warn")
        if self.stale_since is not None:
            if self.retry_at is not None:
                seconds = max(0, round((self.retry_at - now).total_seconds()))
                retry = (_(", retrying in {seconds} s").format(seconds=seconds) if seconds
                         else _(", retrying now"))
            else:  # refused credentials: every try is one more failed login
                retry = _(", not retried: press {key} to try again (failed logins can lock the account)").format(
                    key=key_of(self.app, "poll_now") or "poll_now")
            error = safe_str(self.error).rstrip(".。")
            if retry and error.endswith(("?", "!", "？", "！")):  # the error is a whole sentence: so is the retry
                retry = " — " + retry.lstrip(",， ")
            if never:
                stale = _("not connected yet — {error}{retry}").format(error=error, retry=retry)
            else:
                stale = _("stale since {time} — {error}{retry}").format(
                    time=fmt.clock_time(self.stale_since), error=error, retry=retry)
            bottom.append(" ·")  # the block pads itself with a space on each side (it has a background)
            bottom.append(f" {stale} ", style="status.stale")
            if self.last_poll is not None:
                bottom.append("· " + _("rows as of {time}").format(time=fmt.clock_time(self.last_poll)),
                              style="status.warn")
        elif self.last_poll is not None:
            bottom.append(" · ")
            age = max(0, int((now - self.last_poll).total_seconds()))
            pace = self.pace
            if pace is not None and pace.stretched:
                bottom.append(_("polled {age} s ago, every {interval} s → {wait} s: polls take {took} s").format(
                    age=age, interval=f"{self.interval:g}", wait=f"{pace.wait:g}", took=f"{pace.took:.1f}"),
                    style="status.warn")
            else:
                bottom.append(_("polled {age} s ago, every {interval} s").format(age=age, interval=f"{self.interval:g}"),
                              style="dim")
        elif self.info is not None:
            bottom.append(" · ")
            bottom.append(_("loading…"), style="dim")
        self.text = Text.assemble(top, "\n", bottom, no_wrap=True, overflow="ellipsis")
        self.update(self.text, layout=False)  # height 2 in styles: a new text never changes the layout

