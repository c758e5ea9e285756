"""refusals: which keys are job commands (after the config's keymap), and the sentence for a refused one."""

from __future__ import annotations

from activejob_tui.console_state import ConsoleState
from activejob_tui.poller import View
from activejob_tui.tui.refusals import command_keys, refused_key
from activejob_tui.tui.screens.console import ConsoleScreen

from .fakes import fixed_clock

BINDINGS = ConsoleScreen.BINDINGS


def test_the_command_keys_follow_the_keymap() -> None:
    assert command_keys(BINDINGS, {}) == {"s": "stop", "p": "pause", "r": "resume", "e": "execute", "D": "delete"}
    remapped = command_keys(BINDINGS, {"job.stop": "k, ctrl+k"})
    assert remapped["k"] == "stop" and remapped["ctrl+k"] == "stop" and "s" not in remapped


def test_a_refused_command_key_gets_a_sentence_and_other_keys_none() -> None:
    state = ConsoleState(fixed_clock())
    assert refused_key("s", BINDINGS, {}, state, readonly=False) is None  # stop applies to Active jobs
    assert refused_key("p", BINDINGS, {}, state, readonly=False) == (
        "Pause does not apply to Active jobs: it works in the Scheduled view.")
    assert refused_key("s", BINDINGS, {}, state, readonly=True) == (
        "Read-only mode (--readonly or readonly = true in the config): stop is refused, nothing was sent.")
    assert refused_key("j", BINDINGS, {}, state, readonly=True) is None  # not a command key
    state.set_view(View.SCHEDULED)
    assert refused_key("s", BINDINGS, {}, state, readonly=False) == (
        "Stop does not apply to Scheduled jobs: it works in the Active view.")
    assert refused_key("k", BINDINGS, {"job.stop": "k"}, state, readonly=False) is not None
