"""An unknown language in the console: one toast, not a line hidden behind the alternate screen."""

from __future__ import annotations

from typing import Any

from activejob_tui.tui.app import ActiveJobApp
from tui.fakes import FakeSource, fixed_clock


class Recording(ActiveJobApp):
    """The console, with what it tells the operator recorded (``notify`` is Textual's public API)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.told: list[str] = []

    def notify(self, message: str, *args: Any, **kwargs: Any) -> None:
        self.told.append(str(message))
        super().notify(message, *args, **kwargs)


async def _told(notice: str | None) -> list[str]:
    source = FakeSource()

    async def connect() -> Any:
        return source

    app = Recording(connect, now=fixed_clock(), poll_interval=0.05, language_notice=notice)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause(0.3)
    return app.told


async def test_the_language_notice_is_one_toast():
    notice = "no translation for language 'tlh' (from --lang); using English"
    told = await _told(notice)
    assert told.count(notice) == 1


async def test_no_notice_no_toast():
    assert not any("no translation" in message for message in await _told(None))
