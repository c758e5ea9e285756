"""How a state looks: a symbol, a word and a colour — never the colour alone (NO_COLOR, colour blindness).

Styles are Rich style *names* resolved against the app's theme-aware Rich theme (see
``app.ActiveJobApp.get_theme_variable_defaults``/``console`` setup): ``state.running`` etc.
Unknown values the server may add are shown as they came, with a ``?`` marker.
"""

from __future__ import annotations

from rich.text import Text

from ..i18n import N_, _
from ..model.enums import (
    ActiveJobState,
    IpsEnum,
    Outcome,
    Severity,
    TaskState,
    TriggerState,
)
from ..model.jobs import ActiveJob, JobLog, ScheduledJob
from ..model.query import SHOWN_WORDS
from .text import safe_str

STYLE_NAMES = ("ok", "run", "warn", "bad", "idle", "muted")

SHOWN_WORD_MSGIDS = (N_("Scheduled"), N_("WaitCoord"), N_("WaitClient"))
"""The words of ``model.query.SHOWN_WORDS`` (translated where shown), for the catalog."""

_ACTIVE: dict[str, tuple[str, str, str]] = {
    ActiveJobState.RUNNING: ("▶", N_("Running"), "run"),
    ActiveJobState.NEW: ("○", N_("New"), "idle"),
    ActiveJobState.WAITING_CLIENT: ("◷", SHOWN_WORDS[ActiveJobState.WAITING_CLIENT], "idle"),
    ActiveJobState.WAITING_COORDINATOR: ("◷", SHOWN_WORDS[ActiveJobState.WAITING_COORDINATOR], "idle"),
    ActiveJobState.STOPPING: ("■", N_("Stopping"), "warn"),
    ActiveJobState.DONE: ("✓", N_("Done"), "ok"),
    ActiveJobState.UNKNOWN: ("?", N_("Unknown"), "muted"),
}
_TRIGGER: dict[str, tuple[str, str, str]] = {
    TriggerState.NORMAL: ("◷", SHOWN_WORDS[TriggerState.NORMAL], "ok"),  # the filter matches the shown word
    TriggerState.PAUSED: ("‖", N_("Paused"), "warn"),
    TriggerState.BLOCKED: ("⊘", N_("Blocked"), "warn"),
    TriggerState.ERROR: ("✗", N_("Error"), "bad"),
    TriggerState.COMPLETE: ("✓", N_("Complete"), "muted"),
    TriggerState.NONE: ("·", N_("None"), "muted"),
    TriggerState.UNKNOWN: ("?", N_("Unknown"), "muted"),
}
_OUTCOME: dict[str, tuple[str, str, str]] = {
    Outcome.SUCCESS: ("✓", N_("Success"), "ok"),
    Outcome.WARNINGS: ("!", N_("Warnings"), "warn"),
    Outcome.ERRORS: ("✗", N_("Errors"), "bad"),
    Outcome.FATAL: ("✗", N_("Fatal"), "bad"),
    Outcome.CANCELLED: ("⊘", N_("Cancelled"), "muted"),
    Outcome.UNKNOWN: ("?", N_("Unknown"), "muted"),
}
_TASK: dict[str, tuple[str, str, str]] = {
    TaskState.PROCESSING: ("▶", N_("Processing"), "run"),
    TaskState.NEW: ("○", N_("New"), "idle"),
    TaskState.STOPPING: ("■", N_("Stopping"), "warn"),
    TaskState.DONE: ("✓", N_("Done"), "ok"),
    TaskState.FAILED: ("✗", N_("Failed"), "bad"),
    TaskState.UNKNOWN: ("?", N_("Unknown"), "muted"),
}
_SEVERITY: dict[str, tuple[str, str, str]] = {
    Severity.INFO: ("·", N_("info"), "idle"),
    Severity.SUCCESS: ("✓", N_("success"), "ok"),
    Severity.WARNING: ("!", N_("warning"), "warn"),
    Severity.ERROR: ("✗", N_("error"), "bad"),
    Severity.UNKNOWN: ("?", N_("unknown"), "muted"),
}


def _badge(table: dict[str, tuple[str, str, str]], value: IpsEnum | None) -> Text:
    if value is None:
        return Text("· —", style="state.muted", end="")
    entry = table.get(value) if value.recognized else None
    if entry is None:
        # A value this client does not know: shown as sent, marked.
        return Text(f"? {safe_str(str(value))}?", style="state.muted", end="")
    symbol, word, style = entry
    return Text(f"{symbol} {_(word)}", style=f"state.{style}", end="")


def active_state(state: ActiveJobState | None) -> Text:
    return _badge(_ACTIVE, state)


def trigger_state(state: TriggerState | None) -> Text:
    return _badge(_TRIGGER, state)


def outcome(value: Outcome | None) -> Text:
    return _badge(_OUTCOME, value)


def task_state(state: TaskState | None) -> Text:
    return _badge(_TASK, state)


def severity(value: Severity | None) -> Text:
    return _badge(_SEVERITY, value)


def job_state(job: object) -> Text:
    """The badge of any job: its state (ActiveJob), trigger state (ScheduledJob) or outcome (JobLog)."""
    if isinstance(job, ActiveJob):
        return active_state(job.state)
    if isinstance(job, ScheduledJob):
        return trigger_state(job.trigger_state)
    if isinstance(job, JobLog):
        return outcome(job.outcome)
    return Text("?", end="")


NOTICE_OUTCOMES = (N_("success"), N_("warnings"), N_("errors"), N_("fatal"), N_("cancelled"), N_("ended"))
"""The outcome words of the notification history: the IPS values (lower-case, as sent), and ``ended``."""


def outcome_word(value: str) -> str:
    """An outcome as :class:`~.announce.Notice` keeps it (the IPS value, or ``ended`` when it was
    not looked up) in the current language; a value this client does not know stays as sent."""
    return _(value) if value in NOTICE_OUTCOMES else value


def stopping() -> Text:
    return Text("■ " + _("stopping…"), style="state.warn", end="")


def severity_word(value: Severity) -> str:
    """The word of a log line's severity (``info``, ``success`` …) in the current language."""
    entry = _SEVERITY.get(value) if value.recognized else None
    return _(entry[1] if entry else _SEVERITY[Severity.UNKNOWN][1])


def severity_style(value: Severity) -> str:
    entry = _SEVERITY.get(value) if value.recognized else None
    return f"state.{entry[2] if entry else 'muted'}"
