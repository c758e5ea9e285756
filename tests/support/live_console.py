"""A real console on a real client, driven and read as the operator sees it: ``running(settings)`` opens
``ActiveJobApp`` (Textual's ``run_test``) on an ``IpsClient`` to the sandbox or the rogue server, past its first
good poll; the readers give the screen's rows, the header, the notifications, the detail pane and the cells;
``open_stop``/``confirm`` drive a stop. Used by the console's fault tests (tests/tui/test_console_faults.py)
and the real-wire tests (tests/ips/test_real_wire.py)."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Awaitable

from rich.console import Console
from textual.widgets import Static

from activejob_tui.ips.client import ClientSettings, IpsClient
from activejob_tui.model.enums import ActiveJobState
from activejob_tui.poller import View
from activejob_tui.tui.app import ActiveJobApp
from activejob_tui.tui.screens.confirm import ConfirmScreen
from activejob_tui.tui.theme import rich_theme
from tui.helpers import press_confirm, screen_of, settle, status_text, wait_until

POLL = 0.25
"""Seconds between polls: short, so a fault and a recovery show within a test's patience."""
SIZE = (160, 48)


def until(pilot, predicate, timeout: float = 15.0) -> Awaitable[None]:
    """Let the console run until ``predicate()`` holds (checked every 20 ms); fail after ``timeout`` s."""
    return wait_until(pilot, predicate, timeout, step=0.02)


# --- building and reading a console ------------------------------------------------------------------


class Connector:
    """The console's ``connect``: opens a real IpsClient, and counts the attempts."""

    def __init__(self, settings: ClientSettings) -> None:
        self.settings = settings
        self.attempts = 0

    async def __call__(self) -> IpsClient:
        self.attempts += 1
        return await IpsClient.open(self.settings)


def console(settings: ClientSettings | Connector, **kwargs) -> ActiveJobApp:
    connect = settings if isinstance(settings, Connector) else Connector(settings)
    return ActiveJobApp(connect, poll_interval=kwargs.pop("poll_interval", POLL), **kwargs)


@contextlib.asynccontextmanager
async def running(settings: ClientSettings, size: tuple[int, int] = SIZE, **kwargs):
    """A console on ``settings``, painted and past its first good poll: ``(app, pilot)``."""
    app = console(settings, **kwargs)
    async with app.run_test(size=size) as pilot:
        await settle(pilot, app, timeout=10)
        yield app, pilot


def plain(renderable) -> str:
    """A renderable as the app's console would write it, without colour, on a very wide line."""
    out = Console(width=20_000, file=io.StringIO(), color_system=None, theme=rich_theme(), legacy_windows=False)
    out.print(renderable)
    return out.file.getvalue()


def flat(text: str) -> str:
    return " ".join(text.split())


def screen_lines(app: ActiveJobApp) -> list[str]:
    """The terminal as the operator sees it now: one string per screen row."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def screen_text(app: ActiveJobApp) -> str:
    return "\n".join(screen_lines(app))


def notes(app: ActiveJobApp) -> list[str]:
    """What the operator has been told or will be told: the toasts, and those held while a dialog
    is open (shown when it closes)."""
    return [n.message for n in app._notifications] + [message for message, _ in app.held_notices]


def cell(app: ActiveJobApp, key: str, column: str) -> str:
    return plain(screen_of(app).table.get_cell(key, column)).strip()


def detail_text(app: ActiveJobApp) -> str:
    """The detail pane's content, whitespace collapsed (its grid pads the labels)."""
    return flat(plain(screen_of(app).query_one("#detail-body", Static).content))


def row_line(app: ActiveJobApp, key: str) -> str:
    """The screen row on which the job list draws ``key``."""
    table = screen_of(app).table
    region = table.content_region
    y = region.y + table.header_height + table.get_row_index(key) - round(table.scroll_y)
    assert region.y + table.header_height <= y < region.bottom, f"{key} is not on screen"
    return screen_lines(app)[y]


def everything_shown(app: ActiveJobApp) -> str:
    """The screen, the header, every notification, the detail pane and every cell of the list."""
    table = screen_of(app).table
    cells = [plain(value) for key in table.visible_keys() for value in table.get_row(key)]
    return "\n".join([screen_text(app), status_text(app), *notes(app), detail_text(app), *cells])


def steady_job(app: ActiveJobApp) -> str:
    """The running job furthest from its end (least progress), so it does not finish by itself during a test."""
    jobs = screen_of(app).state.jobs[View.ACTIVE].values()
    return min((j for j in jobs if j.state == ActiveJobState.RUNNING), key=lambda j: j.progress or 0).job_handle


async def stale_with(pilot, app: ActiveJobApp, sentence: str, *, first_failure: str | None = None) -> set[str]:
    """The header says ``sentence`` and that the data is stale and a retry is coming (or, for refused
    credentials, that only ctrl+r tries again); the console still runs and still shows the rows of the
    last good poll. Returns them.

    The outage is announced once, with its first failure: ``first_failure`` (default ``sentence``) is
    what that note says. A kill -9 may first show as a dropped connection, then as refused ones."""
    await until(pilot, lambda: sentence in status_text(app), timeout=8)
    header = status_text(app)
    assert "stale since" in header and ("retrying" in header or "not retried" in header), header
    announced = sentence if first_failure is None else first_failure
    # notify() only posts a message, handled after the header was drawn: wait for it, don't race it.
    await until(
        pilot,
        lambda: any(announced in note for note in notes(app) if note.startswith("Poll failed: ")),
        timeout=8,
    )
    assert app.is_running and app.return_code is None
    rows = set(screen_of(app).table.visible_keys())
    assert rows and rows == set(app.poller.snapshot(View.ACTIVE))
    return rows


async def fresh(pilot, app: ActiveJobApp, timeout: float = 8) -> None:
    """Poll now and wait until the header says the data is fresh again."""
    app.poller.poll_now()
    await until(pilot, lambda: "polled" in status_text(app), timeout=timeout)
    assert "stale" not in status_text(app)


async def select(pilot, app: ActiveJobApp, handle: str) -> None:
    """Put the cursor on ``handle`` and wait until the detail pane shows that job."""
    screen = screen_of(app)
    assert screen.table.select_key(handle)
    await until(pilot, lambda: getattr(screen.detail.job, "job_handle", None) == handle)


async def open_stop(pilot, app: ActiveJobApp, handle: str) -> ConfirmScreen:
    """Select ``handle`` and press ``s``: the dialog names exactly that job."""
    assert screen_of(app).table.select_key(handle)
    await pilot.press("s")
    await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), timeout=5)
    assert [t.handle for t in app.screen.targets] == [handle]
    return app.screen


async def confirm(pilot, app: ActiveJobApp, outcome: str | tuple[str, ...]) -> str:
    """Press the dialog's action button and wait for the notification starting with ``outcome`` (or one
    of them); returns it."""
    before = len(notes(app))
    await press_confirm(pilot, app)
    await until(pilot, lambda: any(n.startswith(outcome) for n in notes(app)[before:]), timeout=8)
    return next(n for n in notes(app)[before:] if n.startswith(outcome))
