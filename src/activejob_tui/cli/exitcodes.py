"""The exit codes of ``activejob-tui``, one table for ``--help``, the README and the code (meanings are
msgids: translate them with ``_()`` where shown)."""

from __future__ import annotations

from ..i18n import N_, _

OK = 0
ERROR = 1
USAGE = 2
AUTHENTICATION = 3
AUTHORIZATION = 4
API_FAULT = 5
UNREACHABLE = 6
MALFORMED = 7
PROXY = 8
DECLINED = 9
JOB_ERRORS = 10
JOB_FATAL = 11
JOB_CANCELLED = 12
WAIT_TIMEOUT = 13
JOB_UNKNOWN_OUTCOME = 14
INTERRUPTED = 130
BROKEN_PIPE = 141

TABLE: tuple[tuple[int, str], ...] = (
    (OK, N_("success (wait, logs -f: every job ended with success or warnings)")),
    (ERROR, N_("other error (run with --debug for details)")),
    (USAGE, N_("usage or configuration error")),
    (AUTHENTICATION, N_("authentication failed (wrong user or password)")),
    (AUTHORIZATION, N_("not authorized (company membership, role)")),
    (API_FAULT, N_("IPS refused the request (no such job, already finished, ...)")),
    (UNREACHABLE, N_("cannot reach the server (refused, DNS, TLS, timeout)")),
    (MALFORMED, N_("the server's answer was not the expected SOAP")),
    (PROXY, N_("a proxy from the environment (HTTPS_PROXY, ALL_PROXY, ...) is unusable")),
    (DECLINED, N_("stop, pause, resume, execute, delete: answered no at the prompt; nothing was done")),
    (JOB_ERRORS, N_("wait, logs -f: a job ended with errors")),
    (JOB_FATAL, N_("wait, logs -f: a job ended with a fatal error")),
    (JOB_CANCELLED, N_("wait, logs -f: a job was stopped or deleted")),
    (WAIT_TIMEOUT, N_("wait: --timeout passed before every job ended")),
    (JOB_UNKNOWN_OUTCOME, N_("wait, logs -f: a job ended but its log tells no outcome")),
    (INTERRUPTED, N_("interrupted (Ctrl-C); the sandbox command, which runs until stopped, exits 0 on it")),
    (BROKEN_PIPE, N_("the reader of the output went away (e.g. | head); nothing is printed")),
)

OUTCOME_CODES = {
    "success": OK,
    "warnings": OK,
    "errors": JOB_ERRORS,
    "fatal": JOB_FATAL,
    "cancelled": JOB_CANCELLED,
    "unknown": JOB_UNKNOWN_OUTCOME,
}
"""A finished job's ``Outcome`` value → exit code."""

WORST_FIRST = (WAIT_TIMEOUT, JOB_FATAL, JOB_ERRORS, JOB_CANCELLED, JOB_UNKNOWN_OUTCOME, OK)
"""With several jobs, ``wait`` exits with the first of these that any job has."""


def help_text() -> str:
    """The exit code table of ``--help``, in the current language."""
    return _("exit codes:") + "\n" + "\n".join(f"  {code:<3} {_(meaning)}" for code, meaning in TABLE)


def worst(codes: list[int]) -> int:
    """The exit code for several jobs: the first of :data:`WORST_FIRST` present."""
    for code in WORST_FIRST:
        if code in codes:
            return code
    return max(codes, default=OK)
