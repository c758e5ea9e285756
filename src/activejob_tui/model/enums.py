"""IPS string constants as StrEnums that never reject a value.

IPS sends every enumeration as a plain ``xsd:string``; a server release may add a value at any
time. Parsing an unlisted value gives a *pseudo-member*: an instance of the same enum whose value is
the raw string and whose ``recognized`` is False, so it compares, prints and serialises as what the
server sent while the UI can still mark it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class IpsEnum(StrEnum):
    """Base of every IPS enumeration; see the module docstring for unlisted values."""

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        if not isinstance(value, str):
            return None
        pseudo = str.__new__(cls, value)
        pseudo._name_ = "UNRECOGNIZED"
        pseudo._value_ = value
        return pseudo

    @property
    def recognized(self) -> bool:
        """False for a value this client does not know (shown with a marker)."""
        return self._name_ != "UNRECOGNIZED"


class ActiveJobState(IpsEnum):
    """``ActiveJob/state`` (IPS_JOBS_API.md §6.1): Unknown, New, WaitingClient, WaitingCoordinator,
    Running, Stopping, Done. IPS has no Paused, Failed or Stopped state: how a job ended is in its
    JobLog (:class:`Outcome`). An unlisted value becomes a pseudo-member (see :class:`IpsEnum`).
    """

    UNKNOWN = "Unknown"
    NEW = "New"
    WAITING_CLIENT = "WaitingClient"
    WAITING_COORDINATOR = "WaitingCoordinator"
    RUNNING = "Running"
    STOPPING = "Stopping"
    DONE = "Done"


class TaskState(IpsEnum):
    """``TaskProgress/taskState`` (2016, added in 6.0; IPS_JOBS_API.md §6.2): Unknown (between
    states), New, Processing, Stopping (stop requested), Done, Failed.
    """

    UNKNOWN = "Unknown"
    NEW = "New"
    PROCESSING = "Processing"
    STOPPING = "Stopping"
    DONE = "Done"
    FAILED = "Failed"


class TriggerState(IpsEnum):
    """``ScheduledJob/triggerState`` (IPS_JOBS_API.md §6.3): Quartz's trigger states Blocked, Complete,
    Error, None, Normal, Paused. pauseJob makes it Paused, resumeJob Normal again (§4.5, inferred).
    """

    BLOCKED = "Blocked"
    COMPLETE = "Complete"
    ERROR = "Error"
    NONE = "None"
    NORMAL = "Normal"
    PAUSED = "Paused"
    UNKNOWN = "Unknown"


class EmailSetting(IpsEnum):
    """``emailSetting`` of a sub-job (IPS_JOBS_API.md §6.6): who is mailed about the job — All, Error,
    ErrorAndWarning, JobCompletion, None.
    """

    ALL = "All"
    ERROR = "Error"
    ERROR_AND_WARNING = "ErrorAndWarning"
    JOB_COMPLETION = "JobCompletion"
    NONE = "None"
    UNKNOWN = "Unknown"


class PublishType(IpsEnum):
    """``ImageServingPublishJob/publishType`` (IPS_JOBS_API.md §6.7): Full, FullWithSearch, Incremental."""

    FULL = "Full"
    FULL_WITH_SEARCH = "FullWithSearch"
    INCREMENTAL = "Incremental"
    UNKNOWN = "Unknown"


class Severity(IpsEnum):
    """Our own reading of a log type's suffix; IPS has no severity field."""

    INFO = "info"
    SUCCESS = "success"
    WARNING = "warning"
    ERROR = "error"
    UNKNOWN = "unknown"

    @property
    def rank(self) -> int:
        """How bad, for "this severity or worse" filters: unknown and info 0, success 1, warning 2, error 3."""
        return SEVERITY_TABLE.get(self.value, (0, "?"))[0]

    @property
    def symbol(self) -> str:
        """One cell that tells the severity without colour: ``·`` ``✓`` ``!`` ``✗``, ``?`` for unknown."""
        return SEVERITY_TABLE.get(self.value, (0, "?"))[1]


SEVERITY_TABLE: dict[str, tuple[int, str]] = {
    "info": (0, "·"),
    "success": (1, "✓"),
    "warning": (2, "!"),
    "error": (3, "✗"),
    "unknown": (0, "?"),
}
"""The one table of severities: value → (rank, symbol); read through ``Severity.rank``/``.symbol``."""


class Outcome(IpsEnum):
    """How a finished job ended, derived from its JobLog summary (see docs/DECISIONS.md)."""

    SUCCESS = "success"
    WARNINGS = "warnings"
    ERRORS = "errors"
    FATAL = "fatal"
    CANCELLED = "cancelled"
    UNKNOWN = "unknown"


def severity_of(log_type: str | None) -> Severity:
    """Severity from an IPS log type's suffix (``…Error``/``…Failure``, ``…Warning``, ``…Success``)."""
    if not log_type:
        return Severity.UNKNOWN
    lowered = log_type.lower()
    if lowered.endswith(("error", "failure")) or lowered == "fatalerror" or "gcuploaderror" in lowered:
        return Severity.ERROR
    if lowered.endswith("warning"):
        return Severity.WARNING
    if lowered.endswith("success"):
        return Severity.SUCCESS
    return Severity.INFO
