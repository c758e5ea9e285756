"""How a state looks: a symbol, a word and a colour — never the colour alone (NO_COLOR, colour blindness).

Styles are Rich style *names* resolved against the app's theme-aware Rich theme (see
``app.ActiveJobApp.get_theme_variable_defaults``/``console`` setup): ``state.running`` etc.
Unknown values the server may add are shown as they came, with a ``?`` marker.
"""

from __future__ import annotations

from rich.text import Text

from ..i18n import N_, _
from ..model import words
from ..model.enums import (
    ActiveJobState,
    IpsEnum,
    Outcome,
    Severity,
    TaskState,
    TriggerState,
)
from ..model.jobs import ActiveJob, JobLog, ScheduledJob
from .text import safe_str

STYLE_NAMES = ("ok", "run", "warn", "bad", "idle", "muted")

# value → (symbol, style); the word comes from model.words (one table for the console and the CLI).
_ACTIVE: dict[str, tuple[str, str]] = {
    ActiveJobState.RUNNING: ("▶", "run"),
    ActiveJobState.NEW: ("○", "idle"),
    ActiveJobState.WAITING_CLIENT: ("◷", "idle"),
    ActiveJobState.WAITING_COORDINATOR: ("◷", "idle"),
    ActiveJobState.STOPPING: ("■", "warn"),
    ActiveJobState.DONE: ("✓", "ok"),
    ActiveJobState.UNKNOWN: ("?", "muted"),
}
_TRIGGER: dict[str, tuple[str, str]] = {
    TriggerState.NORMAL: ("◷", "ok"),
    TriggerState.PAUSED: ("‖", "warn"),
    TriggerState.BLOCKED: ("⊘", "warn"),
    TriggerState.ERROR: ("✗", "bad"),
    TriggerState.COMPLETE: ("✓", "muted"),
    TriggerState.NONE: ("·", "muted"),
    TriggerState.UNKNOWN: ("?", "muted"),
}
_OUTCOME: dict[str, tuple[str, str]] = {
    Outcome.SUCCESS: ("✓", "ok"),
    Outcome.WARNINGS: ("!", "warn"),
    Outcome.ERRORS: ("✗", "bad"),
    Outcome.FATAL: ("✗", "bad"),
    Outcome.CANCELLED: ("⊘", "muted"),
    Outcome.UNKNOWN: ("?", "muted"),
}
_TASK: dict[str, tuple[str, str]] = {
    TaskState.PROCESSING: ("▶", "run"),
    TaskState.NEW: ("○", "idle"),
    TaskState.STOPPING: ("■", "warn"),
    TaskState.DONE: ("✓", "ok"),
    TaskState.FAILED: ("✗", "bad"),
    TaskState.UNKNOWN: ("?", "muted"),
}
_SEVERITY: dict[str, tuple[str, str]] = {
    severity: (severity.symbol, style)  # the symbol from the enum's one table (model.enums.SEVERITY_TABLE)
    for severity, style in {
        Severity.INFO: "idle",
        Severity.SUCCESS: "ok",
        Severity.WARNING: "warn",
        Severity.ERROR: "bad",
        Severity.UNKNOWN: "muted",
    }.items()
}


def _badge(table: dict[str, tuple[str, str]], value: IpsEnum | None) -> Text:
    if value is None:
        return Text("· —", style="state.muted", end="")
    entry = table.get(value) if value.recognized else None
    if entry is None:
        # A value this client does not know: shown as sent, marked.
        return Text(f"? {safe_str(str(value))}?", style="state.muted", end="")
    symbol, style = entry
    return Text(f"{symbol} {words.word(value)}", style=f"state.{style}", end="")


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
    return words.word(value if value.recognized else Severity.UNKNOWN)


def severity_style(value: Severity) -> str:
    entry = _SEVERITY.get(value) if value.recognized else None
    return f"state.{entry[1] if entry else 'muted'}"
