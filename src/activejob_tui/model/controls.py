"""The job controls (IPS_JOBS_API.md §4.5): one table that the CLI and the console both read.

Each :class:`Control` names the IPS operation, the ``JobSource`` method that sends it, the words the
operator reads for it, and the lists it applies to: ``stopJob`` acts on running jobs
(``getActiveJobs``), the other four on scheduled jobs (``getScheduledJobs``). Every one of them
changes a job on the server, so the console asks first for each, as the CLI does (a stray ``e``
would otherwise start a publish or a Cleanup at once). The words are the
English msgids (``N_``, the ``common`` catalog); translate them with ``_()`` where they are shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..i18n import N_, _
from .enums import IpsEnum
from .jobs import ScheduledJob
from .words import word_or_value

__all__ = ["CONTROLS", "Control", "needless"]


@dataclass(frozen=True, slots=True)
class Control:
    """One job control: what is sent, how it reads, where it applies."""

    verb: str
    """The CLI's subcommand and the console's ``command('…')`` argument: ``stop``, ``execute``…"""
    operation: str
    """The IPS operation: ``stopJob``, ``executeJob``… (IPS_JOBS_API.md §4.5)."""
    method: str
    """The ``JobSource`` method that sends it: ``stop_job``, ``execute_job``…"""
    word: str
    """The word inside a sentence: ``stop``, ``run now``."""
    title: str
    """The word as a heading or button: ``Stop``, ``Run now``."""
    done: str
    """What the server's acceptance means, after the handle: ``stop requested``, ``paused``, ``started``."""
    summary: str
    """The CLI's one-line help: ``stop running jobs``."""
    views: frozenset[str]
    """The lists it applies to, as ``poller.View`` values: ``active`` or ``scheduled``."""


_ACTIVE, _SCHEDULED = frozenset({"active"}), frozenset({"scheduled"})

CONTROLS: dict[str, Control] = {
    control.verb: control
    for control in (
        Control("stop", "stopJob", "stop_job", N_("stop"), N_("Stop"), N_("stop requested"), N_("stop running jobs"),
                _ACTIVE),
        Control("pause", "pauseJob", "pause_job", N_("pause"), N_("Pause"), N_("paused"), N_("pause scheduled jobs"),
                _SCHEDULED),
        Control("resume", "resumeJob", "resume_job", N_("resume"), N_("Resume"), N_("resumed"),
                N_("resume paused scheduled jobs"), _SCHEDULED),
        Control("execute", "executeJob", "execute_job", N_("run now"), N_("Run now"), N_("started"),
                N_("run scheduled jobs now"), _SCHEDULED),
        Control("delete", "deleteJob", "delete_job", N_("delete"), N_("Delete"), N_("deleted"),
                N_("delete scheduled jobs"), _SCHEDULED),
    )
}
"""verb → :class:`Control`, in the order the CLI lists them."""


def needless(verb: str, job: object, word: Callable[[IpsEnum], str] = word_or_value) -> str | None:
    """Why ``verb`` has nothing to do for ``job`` as last listed, translated, or ``None``: pause a job whose
    trigger is already ``Paused``, resume one whose trigger is not (``triggerState``, IPS_JOBS_API.md §4.4).
    Anything else (an active job, a scheduled job without a ``triggerState``, another verb) is ``None``:
    the server decides. ``word`` names the trigger state as the caller's table shows it (the CLI's IPS
    values by default; the console passes its badge words, ``Scheduled`` for ``Normal``); a state the
    client does not know is the server's, unfiltered: print the reason through ``printable`` or
    ``safe_str``. The CLI skips such a job with this reason; the console leaves it out of the
    confirmation and says why."""
    if not isinstance(job, ScheduledJob) or job.trigger_state is None:
        return None
    paused = job.trigger_state.value == "Paused"
    if verb == "pause" and paused:
        return _("already paused")
    if verb == "resume" and not paused:
        return _("not paused (its trigger is {state})").format(state=word(job.trigger_state))
    return None
