"""How a state looks: a symbol, a word and a colour — never the colour alone (NO_COLOR, colour blindness).

Styles are Rich style *names* resolved against the app's theme-aware Rich theme (see
``app.ActiveJobApp.get_theme_variable_defaults``/``console`` setup): ``state.running`` etc.
Unknown values the server may add are shown as they came, with a ``?`` marker.
"""

from __future__ import annotations

from rich.text import Text

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

_ACTIVE: dict[str, tuple[str, str, str]] = {
    ActiveJobState.RUNNING: ("▶", "Running", "run"),
    ActiveJobState.NEW: ("○", "New", "idle"),
    ActiveJobState.WAITING_CLIENT: ("◷", SHOWN_WORDS[ActiveJobState.WAITING_CLIENT], "idle"),
    ActiveJobState.WAITING_COORDINATOR: ("◷", SHOWN_WORDS[ActiveJobState.WAITING_COORDINATOR], "idle"),
    ActiveJobState.STOPPING: ("■", "Stopping", "warn"),
    ActiveJobState.DONE: ("✓", "Done", "ok"),
    ActiveJobState.UNKNOWN: ("?", "Unknown", "muted"),
}
_TRIGGER: dict[str, tuple[str, str, str]] = {
    TriggerState.NORMAL: ("◷", SHOWN_WORDS[TriggerState.NORMAL], "ok"),  # the filter matches the shown word
    TriggerState.PAUSED: ("‖", "Paused", "warn"),
    TriggerState.BLOCKED: ("⊘", "Blocked", "warn"),
    TriggerState.ERROR: ("✗", "Error", "bad"),
    TriggerState.COMPLETE: ("✓", "Complete", "muted"),
    TriggerState.NONE: ("·", "None", "muted"),
    TriggerState.UNKNOWN: ("?", "Unknown", "muted"),
}
_OUTCOME: dict[str, tuple[str, str, str]] = {
    Outcome.SUCCESS: ("✓", "Success", "ok"),
    Outcome.WARNINGS: ("!", "Warnings", "warn"),
    Outcome.ERRORS: ("✗", "Errors", "bad"),
    Outcome.FATAL: ("✗", "Fatal", "bad"),
    Outcome.CANCELLED: ("⊘", "Cancelled", "muted"),
    Outcome.UNKNOWN: ("?", "Unknown", "muted"),
}
_TASK: dict[str, tuple[str, str, str]] = {
    TaskState.PROCESSING: ("▶", "Processing", "run"),
    TaskState.NEW: ("○", "New", "idle"),
    TaskState.STOPPING: ("■", "Stopping", "warn"),
    TaskState.DONE: ("✓", "Done", "ok"),
    TaskState.FAILED: ("✗", "Failed", "bad"),
    TaskState.UNKNOWN: ("?", "Unknown", "muted"),
}
_SEVERITY: dict[str, tuple[str, str, str]] = {
    severity: (severity.symbol, word, style)  # the symbol from the enum's one table (model.enums.SEVERITY_TABLE)
    for severity, (word, style) in {
        Severity.INFO: ("info", "idle"),
        Severity.SUCCESS: ("success", "ok"),
        Severity.WARNING: ("warning", "warn"),
        Severity.ERROR: ("error", "bad"),
        Severity.UNKNOWN: ("unknown", "muted"),
    }.items()
}


def _badge(table: dict[str, tuple[str, str, str]], value: IpsEnum | None) -> Text:
    if value is None:
        return Text("· —", style="state.muted", end="")
    entry = table.get(value) if value.recognized else None
    if entry is None:
        # A value this client does not know: shown as sent, marked.
        return Text(f"? {safe_str(str(value))}?", style="state.muted", end="")
    symbol, word, style = entry
    return Text(f"{symbol} {word}", style=f"state.{style}", end="")


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


def stopping() -> Text:
    return Text("■ stopping…", style="state.warn", end="")


def severity_style(value: Severity) -> str:
    entry = _SEVERITY.get(value) if value.recognized else None
    return f"state.{entry[2] if entry else 'muted'}"
