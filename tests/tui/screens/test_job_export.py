"""job_export: the selected job as JSON or XML in a RawScreen, its jobHandle to the clipboard."""

from __future__ import annotations

from activejob_tui.tui.screens.job_export import copy_handle, show_raw
from activejob_tui.tui.screens.raw import RawScreen
from tui.fakes import FakeSource
from tui.helpers import running_console


async def test_raw_views_name_the_job_and_the_form(toasts) -> None:
    async with running_console() as (pilot, app, screen, _source):
        handle = screen.table.selected_key
        show_raw(screen, "json")
        await pilot.pause()
        assert isinstance(app.screen, RawScreen)
        assert app.screen.title_text == f"{handle} · JSON"
        assert app.screen.note == "as `activejob-tui jobs --format json` prints it"
        app.pop_screen()
        show_raw(screen, "xml")
        await pilot.pause()
        assert isinstance(app.screen, RawScreen) and app.screen.title_text == f"{handle} · XML"
        assert "re-serialized" in app.screen.note
        assert any(handle in line for line in app.screen.lines)


async def test_copy_puts_the_handle_on_the_clipboard_and_says_so(toasts, monkeypatch) -> None:
    async with running_console() as (pilot, app, screen, _source):
        copied: list[str] = []
        monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
        copy_handle(screen)
        await pilot.pause()
        assert copied == [screen.table.selected_key]
        assert toasts[-1][0] == (f"Copied the jobHandle {copied[0]} to the clipboard (through the terminal, OSC 52).")


async def test_without_a_job_nothing_is_shown_or_copied(toasts, monkeypatch) -> None:
    async with running_console(FakeSource([])) as (pilot, app, screen, _source):
        copied: list[str] = []
        monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
        show_raw(screen, "json")
        copy_handle(screen)
        await pilot.pause()
        assert not isinstance(app.screen, RawScreen) and copied == []
        assert toasts == [("No job selected.", "warning"),
                          ("Nothing copied: no job selected, or the server sent it without a jobHandle.", "warning")]
