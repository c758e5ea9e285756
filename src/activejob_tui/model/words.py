"""The words shown for IPS enumeration values (states, trigger states, outcomes, severities), in the
operator's language (issue 15).

One table for every part of the program: the console's badges (``tui/states.py``) and the CLI's
``table`` format read their words here, so a translator sees each word once (the ``common`` catalog).
The msgids are the English words the console shows (``Running``, ``Scheduled``, ``WaitClient``…);
server values this client does not know have no word and are shown as sent.
"""

from __future__ import annotations

from .. import i18n
from ..i18n import N_, _
from .enums import ActiveJobState, IpsEnum, Outcome, Severity, TaskState, TriggerState

WORDS: dict[type[IpsEnum], dict[str, str]] = {
    ActiveJobState: {
        ActiveJobState.UNKNOWN: N_("Unknown"),
        ActiveJobState.NEW: N_("New"),
        ActiveJobState.WAITING_CLIENT: N_("WaitClient"),
        ActiveJobState.WAITING_COORDINATOR: N_("WaitCoord"),
        ActiveJobState.RUNNING: N_("Running"),
        ActiveJobState.STOPPING: N_("Stopping"),
        ActiveJobState.DONE: N_("Done"),
    },
    TaskState: {
        TaskState.UNKNOWN: N_("Unknown"),
        TaskState.NEW: N_("New"),
        TaskState.PROCESSING: N_("Processing"),
        TaskState.STOPPING: N_("Stopping"),
        TaskState.DONE: N_("Done"),
        TaskState.FAILED: N_("Failed"),
    },
    TriggerState: {
        TriggerState.BLOCKED: N_("Blocked"),
        TriggerState.COMPLETE: N_("Complete"),
        TriggerState.ERROR: N_("Error"),
        TriggerState.NONE: N_("None"),
        TriggerState.NORMAL: N_("Scheduled"),
        TriggerState.PAUSED: N_("Paused"),
        TriggerState.UNKNOWN: N_("Unknown"),
    },
    Outcome: {
        Outcome.SUCCESS: N_("Success"),
        Outcome.WARNINGS: N_("Warnings"),
        Outcome.ERRORS: N_("Errors"),
        Outcome.FATAL: N_("Fatal"),
        Outcome.CANCELLED: N_("Cancelled"),
        Outcome.UNKNOWN: N_("Unknown"),
    },
    Severity: {
        Severity.INFO: N_("info"),
        Severity.SUCCESS: N_("success"),
        Severity.WARNING: N_("warning"),
        Severity.ERROR: N_("error"),
        Severity.UNKNOWN: N_("unknown"),
    },
}
"""enum class → IPS value → the English word (a msgid)."""


def msgid(value: IpsEnum) -> str | None:
    """The English word (msgid) for a value, or None for a value this client does not know."""
    if not value.recognized:
        return None
    return WORDS.get(type(value), {}).get(value.value)


def word(value: IpsEnum) -> str:
    """The word for ``value`` in the current language; a value without a word is shown as sent."""
    english = msgid(value)
    return _(english) if english is not None else value.value


_FILTER_WORDS: dict[tuple[str, IpsEnum], tuple[str, ...]] = {}


def filter_words(value: IpsEnum) -> tuple[str, ...]:
    """The casefolded words besides the IPS value that a filter matches for ``value``: the English
    word where it differs from the value (``waitclient``, ``scheduled``) and the current language's
    word (``執行中``): what is shown is what can be typed. Cached per language."""
    key = (i18n.language(), value)
    found = _FILTER_WORDS.get(key)
    if found is None:
        english = msgid(value)
        own = value.value.casefold()
        words = [] if english is None else [english.casefold(), _(english).casefold()]
        found = _FILTER_WORDS[key] = tuple(dict.fromkeys(w for w in words if w != own))
    return found


def word_or_value(value: IpsEnum) -> str:
    """The translated word for ``value``, or the IPS value itself where no translation applies (in
    English): what the CLI's table shows, so its English output keeps the IPS values (``WaitingClient``,
    ``success``) while another language shows its words."""
    english = msgid(value)
    if english is None:
        return value.value
    shown = _(english)
    return value.value if shown == english else shown
