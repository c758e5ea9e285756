"""A confirmation that names exactly what will be acted on; Cancel is focused by default.

Only the action button confirms, and only once the dialog has been on screen for :data:`ARM_DELAY`:
keys typed ahead of the dialog — ``s`` then Tab and Enter in one burst, or the ``y`` of the JSON view
pressed right after a stray ``s`` — land while the button is still disabled and do nothing. There is
no one-key "yes". Escape and ``n`` cancel at any time."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ...console_state import Target
from ...i18n import N_, _, ngettext
from ..localized import LocalizedScreen
from ..states import job_state
from ..text import capitalized, safe_text

MAX_LISTED = 20
ARM_DELAY = 0.3
"""Seconds from the dialog's first paint until its action button can be pressed (a human reads the
dialog for longer than that; type-ahead arrives within milliseconds)."""
EFFECTS = {
    "delete": N_("The scheduled job and its schedule are removed from IPS: it will not run again. "
                 "This cannot be undone."),
}
"""What a command does that its word does not say, by verb (the English word of ``model.controls``);
deleteJob removes a scheduled job (IPS_JOBS_API.md §4.5). Stop's sentence comes with the targets
(``ConsoleState.stop_note``: it depends on what was already sent)."""


class ConfirmScreen(LocalizedScreen, ModalScreen[bool]):
    # Textual declares it `ClassVar[...] | None`, which mypy reads as an instance variable
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (32, "-tall")]  # type: ignore[misc]
    """``verb`` the ``targets``? Returns True only if the user pressed the armed action button."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n,q", "cancel", N_("Cancel"), id="confirm.cancel"),  # q closes the dialog, not the console
        Binding("left,h", "app.focus_previous", N_("Previous"), show=False),
        Binding("right,l", "app.focus_next", N_("Next"), show=False),
        # The focus stays on the buttons: these scroll the list of targets when it is taller than
        # the dialog (at 80×24, 5 marked jobs showed 3 and a thin scrollbar)
        Binding("down,j", "scroll_list('scroll_down')", N_("Scroll down"), show=False),
        Binding("up,k", "scroll_list('scroll_up')", N_("Scroll up"), show=False),
        Binding("pagedown", "scroll_list('scroll_page_down')", N_("Page down"), show=False),
        Binding("pageup", "scroll_list('scroll_page_up')", N_("Page up"), show=False),
        Binding("end,G", "scroll_list('scroll_end')", N_("Bottom"), show=False),
        Binding("home,g", "scroll_list('scroll_home')", N_("Top"), show=False),
    ]

    def __init__(self, verb: str, targets: Sequence[Target], *, hidden: int = 0, note: str = "") -> None:
        super().__init__()
        self.verb = verb
        self.targets = tuple(targets)
        self.hidden = hidden
        self.note = note
        self.ended: frozenset[str] = frozenset()
        """The handles of targets known to have ended since the dialog opened (:meth:`show_ended`)."""

    def compose(self) -> ComposeResult:
        count = len(self.targets)
        verb = _(self.verb)
        with Vertical(id="confirm-dialog"):
            title = ngettext("{verb} {count} job?", "{verb} {count} jobs?", count).format(verb=capitalized(verb),
                                                                                       count=count)
            yield Static(Text(title, style="bold", end=""), id="confirm-title")
            lines = []
            if count > 1:
                lines.append(Text(_("{verb} goes to the {count} marked jobs.").format(count=count, verb=capitalized(verb)), end=""))
            if self.hidden:
                lines.append(
                    Text(ngettext("{count} of them is hidden by the current filter.",
                                  "{count} of them are hidden by the current filter.", self.hidden).format(
                                      count=self.hidden), style="state.warn", end="")
                )
            if self.verb in EFFECTS:
                lines.append(Text(_(EFFECTS[self.verb]), style="state.warn", end=""))
            if self.note:
                lines.append(Text(self.note, style="dim", end=""))
            if lines:
                yield Static(Text("\n").join(lines), id="confirm-summary")
            ended = Static("", id="confirm-ended", markup=False)
            ended.display = False
            yield ended
            # not focusable: Tab goes between the buttons only (with Close alone, tab + enter closes)
            with VerticalScroll(id="confirm-list", can_focus=False):
                for row in self._rows():
                    yield Static(row, classes="confirm-target")
                if len(self.targets) > MAX_LISTED:
                    yield Static(Text(_("… and {count} more").format(count=len(self.targets) - MAX_LISTED),
                                      style="dim", end=""))
            more = Static("", id="confirm-more", markup=False)
            more.display = False
            yield more
            with Horizontal(id="confirm-buttons"):
                yield Button(_("Cancel"), id="cancel", variant="primary")
                yield Button(capitalized(verb), id="confirm", variant="error", disabled=True)

    def _rows(self) -> list[Text]:
        """One row per target (the first :data:`MAX_LISTED`): state, name and type; then the
        jobHandle on a line of its own, so a handle never wraps in the middle unless it is wider than
        the dialog. A row may wrap: which rows are in view is measured (:meth:`_show_more`)."""
        rows = []
        for target in self.targets[:MAX_LISTED]:
            state = Text(_("ended, not sent"), style="state.warn") if target.handle in self.ended else job_state(target.job)
            head = Text.assemble(state, "  ", safe_text(target.name or _("(unnamed)")), end="")
            if target.type:
                head.append("  · ")
                head.append_text(safe_text(target.type))
            head.stylize("bold", 0, 0)
            handle = Text("    ", end="")
            handle.append_text(safe_text(target.handle))
            handle.stylize("dim")
            rows.append(Text("\n", end="").join([head, handle]))
        return rows

    @property
    def armed(self) -> bool:
        """Whether the action button can be pressed yet (:data:`ARM_DELAY` after the first paint)."""
        return not self.query_one("#confirm", Button).disabled

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()
        self.call_after_refresh(self.set_timer, ARM_DELAY, self._arm)
        self.watch(self.query_one("#confirm-list", VerticalScroll), "scroll_y", self._show_more_soon, init=False)
        self._show_more_soon()

    def on_resize(self) -> None:
        self._show_more_soon()

    def _show_more_soon(self, _scroll_y: float | None = None) -> None:
        """:meth:`_show_more` once the list is laid out (on the first draw and after a resize)."""
        self.call_after_refresh(self._show_more)

    def action_scroll_list(self, how: str) -> None:
        getattr(self.query_one("#confirm-list", VerticalScroll), how)(animate=False)

    def _show_more(self) -> None:
        """Under a list taller than the dialog: which of the targets are in view (their first line
        is), and how to see the rest. Measured in the list's own coordinates (each row's place in
        the list against the scroll offset): the rows' screen regions are the last frame's until the
        screen is drawn again, and named the rows in view before a scroll."""
        scroll = self.query_one("#confirm-list", VerticalScroll)
        top, height = round(scroll.scroll_y), scroll.scrollable_content_region.height
        more = self.query_one("#confirm-more", Static)
        rows = [w.virtual_region for w in self.query(".confirm-target")]
        shown = [i for i, r in enumerate(rows, 1) if r.height and top <= r.y < top + height]
        cut = bool(shown) and height > 0 and len(shown) < len(rows)
        if cut:
            first, last = shown[0], shown[-1]
            more.update(Text(_("Jobs {first}–{last} of {count} in view · ↑↓ to scroll").format(
                first=first, last=last, count=len(self.targets)), style="state.warn"))
        more.display = cut

    def _arm(self) -> None:
        self.query_one("#confirm", Button).disabled = False

    @property
    def nothing_left(self) -> bool:
        """Every target has ended: there is nothing to confirm."""
        return all(t.handle in self.ended for t in self.targets)

    def show_ended(self, handles: frozenset[str], sentence: str) -> None:
        """``handles`` have ended since the dialog opened (``CommandRunner.polled``): their rows say so
        and ``sentence`` says what happens now; with none left the action button goes and Cancel reads
        Close — the dialog never offers to act on a job known to have ended."""
        if handles == self.ended:
            return
        self.ended = handles
        for widget, row in zip(self.query(".confirm-target").results(Static), self._rows(), strict=True):
            widget.update(row)
        line = self.query_one("#confirm-ended", Static)
        line.update(Text(sentence, style="state.warn"))
        line.display = True
        if self.nothing_left:
            for summary in self.query("#confirm-summary"):  # what the command would do: moot now
                summary.display = False
            self.query_one("#confirm", Button).display = False
            cancel = self.query_one("#cancel", Button)
            cancel.label = _("Close")
            cancel.focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm" and self.armed)

    def action_cancel(self) -> None:
        self.dismiss(False)
