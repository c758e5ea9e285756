"""The sandbox's own texts in the IPS locale of each request (issue 15; IPS_JOBS_API.md §2.1, §4.4).

A real IPS localizes ``logMessage`` by the ``authHeader`` ``locale`` of the request that reads it
("If absent: ``Accept-Language``, then the server default"), so the sandbox does the same at answer
time: the database keeps each text in English, as the simulation wrote it from the templates below,
and :func:`localize` puts it into the answer's language by matching it against those templates.
Progress messages are made per answer anyway (``sim.progress_message``). docs/DECISIONS.md says why.

Languages: Traditional Chinese for ``zh-TW``, ``zh-Hant``, ``zh-HK``, ``zh-MO`` (and ``_`` spellings);
English for everything else. The translations are the ``common`` catalog's
(:func:`activejob_tui.i18n.translation`), never the operator's language of the process.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from functools import lru_cache

from ..i18n import ENGLISH, N_, language_of_ips_locale, translation

answer_language: ContextVar[str] = ContextVar("answer_language", default=ENGLISH)
"""The language of the answer being built (set per request by ``server.service``)."""


def language_for(locale: str | None, accept_language: str | None = None) -> str:
    """The answer language for a request: its ``authHeader`` ``locale``, else the first language of
    ``Accept-Language``, else English (the sandbox's default)."""
    if locale:
        return language_of_ips_locale(locale)
    if accept_language:
        first = accept_language.split(",", 1)[0].split(";", 1)[0].strip()
        return language_of_ips_locale(first)
    return ENGLISH


# --- progress messages (ActiveJob.progressMessage, TaskProgress.progressMessage) ----------------

STATE_PROGRESS = {
    "New": N_("Job queued"),
    "WaitingCoordinator": N_("Waiting for the scheduling coordinator"),
    "WaitingClient": N_("Waiting for the client to send files"),
    "Stopping": N_("Stopping: cancel requested"),
    "Done": N_("Finishing"),
}
RUNNING_PROGRESS = N_("{task} ({index} of {count} tasks): {share} of {files} files")
"""``share`` is the progress with its unit, ``42%`` (a bare % in a msgid would read as a printf format)."""
TASK_PROGRESS = N_("{task}: {done} of {files}")

# --- job-log detail messages (JobLogDetail.logMessage) -------------------------------------------

BEGUN = N_("{name} has begun")
SUBMITTED = N_("Submitted by {user} via IPS sandbox")
PROCESSED = N_("{asset} processed")
DUPLICATE = N_("{asset}: an identical file exists; skipped")
UPDATED = N_("{asset}: existing asset was overwritten")
ASSET_PROBLEM = N_("{asset}: {problem}")
CANCELLED = N_("Job cancelled by stopJob after {processed} of {files} files")
FATAL = N_("Fatal error after {processed} of {files} files: the processing server stopped responding")
ENDED = N_("{name} has ended")
WARNINGS = (
    N_("Image is larger than the recommended 4096 px; it was downsampled"),
    N_("Embedded color profile is unknown; sRGB assumed"),
    N_("Metadata field 'dc:rights' was truncated to 255 characters"),
    N_("Clipping path ignored: the file has more than one path"),
)
ERRORS = (
    N_("File is corrupt or in an unsupported format"),
    N_("Could not read the source file: permission denied"),
    N_("Source URL returned HTTP 404"),
    N_("Asset was locked by another job"),
)
_PROBLEMS = frozenset(WARNINGS + ERRORS)
_LOG_TEMPLATES = (DUPLICATE, UPDATED, CANCELLED, FATAL, SUBMITTED, PROCESSED, BEGUN, ENDED, ASSET_PROBLEM)
"""Most specific first: ``ASSET_PROBLEM`` matches any ``x: y``, so it comes last and only for known problems."""


def text(template: str, language: str, **values: object) -> str:
    """``template`` (an English msgid above) in ``language``, its placeholders filled."""
    return translation(language).gettext(template).format(**values)


@lru_cache(maxsize=32)
def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", template)
    return re.compile("".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts)),
                      re.DOTALL)


def localize(message: str, language: str) -> str:
    """A stored English ``logMessage`` in ``language``; as stored when it is English or no template
    made it (text that came from elsewhere, e.g. a job's own name)."""
    if language == ENGLISH:
        return message
    for template in _LOG_TEMPLATES:
        found = _pattern(template).fullmatch(message)
        if found is None:
            continue
        values = found.groupdict()
        if template == ASSET_PROBLEM:
            if values["problem"] not in _PROBLEMS:
                continue
            values["problem"] = text(values["problem"], language)
        return text(template, language, **values)
    return message
