"""Notifications on the console's notice cards (issue 9): a fixed set of cards updated in place, so a
notification adds no widget that Textual would keep drawn lines of; Textual's own toasts stay undrawn."""

from __future__ import annotations

from activejob_tui.tui.widgets.notice_rack import CARDS, NoticeCard, NoticeRack

from .helpers import make_app, screen_of, settle, wait_until
from .screen_text import screen_lines


def shown(app) -> list[str]:
    return screen_of(app).query_one(NoticeRack).shown


async def test_notices_take_the_same_cards_newest_last_and_textuals_toasts_are_not_drawn():
    app, _source = make_app()
    async with app.run_test(size=(160, 48), notifications=True) as pilot:
        await settle(pilot, app)
        rack = screen_of(app).query_one(NoticeRack)
        cards = list(rack.query(NoticeCard))
        assert len(cards) == CARDS
        for i in range(12):
            app.notify(f"notice number {i}", title="Finished", timeout=30)
        await pilot.pause(0.2)
        assert list(rack.query(NoticeCard)) and set(rack.query(NoticeCard)) == set(cards)  # no new widget
        assert [" ".join(text.split()) for text in shown(app)] == [f"Finished notice number {i}" for i in range(7, 12)]
        assert any("notice number 11" in line for line in screen_lines(app))
        toasts = list(app.screen.query("Toast"))  # Textual's, by type name: mounted, never drawn
        assert toasts and all(toast.styles.display == "none" for toast in toasts)


async def test_a_notice_goes_after_its_timeout_on_a_click_and_when_notifications_are_cleared():
    app, _source = make_app()
    async with app.run_test(size=(160, 48), notifications=True) as pilot:
        await settle(pilot, app)
        app.notify("short one", timeout=0.3)
        app.notify("long one", timeout=60)
        app.notify("click me", timeout=60)
        await pilot.pause(0.1)
        assert len(shown(app)) == 3
        await wait_until(pilot, lambda: not any("short one" in text for text in shown(app)), timeout=5)
        card = next(c for c in screen_of(app).query(NoticeCard) if c.display and "click me" in str(c.render()))
        await pilot.click(card)
        await wait_until(pilot, lambda: [" ".join(t.split()) for t in shown(app)] == ["long one"], timeout=5)
        app.clear_notifications()
        await pilot.pause(0.1)
        assert shown(app) == []


async def test_a_notice_before_the_console_is_shown_waits_for_its_cards():
    app, _source = make_app()
    rack = app.console_screen.notices
    rack.show("early", title="", severity="warning", timeout=30, markup=False)  # not mounted yet
    async with app.run_test(size=(160, 48), notifications=True) as pilot:
        await settle(pilot, app)
        await wait_until(pilot, lambda: shown(app) == ["early"], timeout=5)
        card = next(c for c in rack.query(NoticeCard) if c.display)
        assert card.has_class("-warning")
