"""The Textual messages that carry the poller's plain reports to the console screen."""

from __future__ import annotations

from textual.message import Message

from ..poller import PollReport


class PollReported(Message):
    """One :data:`~activejob_tui.poller.PollReport` (started, failed, or a snapshot applied)."""

    def __init__(self, report: PollReport, context: int = 0) -> None:
        super().__init__()
        self.report = report
        self.context = context
        """Which connection's poller sent it (``ActiveJobApp.context_number``); the screen drops
        reports of a context it has left."""
