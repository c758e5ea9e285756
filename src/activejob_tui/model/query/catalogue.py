"""The field catalogue: every field name the filter accepts, its kind, and how to read it from a job.

Plain fields come from the model classes (their kind from ``model.schema``), fields of a sub-job may
be named directly, and aliases (``name``, ``type``, ``state``…) read per class.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from ... import i18n
from ...i18n import _, pgettext
from ..jobs import ActiveJob, JobLog, JobLogDetail, ScheduledJob
from ..naming import ips_name
from ..schema import field_spec
from ..sub_jobs import SUB_JOB_TYPES, UnknownSubJob, sub_job_element

Getter = Callable[[Any], Any]
Test = Callable[[Any, datetime], bool]
Pred = Callable[[Any, datetime], bool]

TEXT, NUMBER, DATETIME, BOOL = "text", "number", "datetime", "bool"

# --- the field catalogue ----------------------------------------------------------------------

_CLASSES: tuple[type, ...] = (ActiveJob, ScheduledJob, JobLog, JobLogDetail)

_BARE: dict[type, tuple[str, ...]] = {
    ActiveJob: ("name", "job_handle", "type", "description"),
    ScheduledJob: ("name", "job_handle", "type", "description"),
    JobLog: ("job_name", "original_job_name", "log_type", "description", "job_handle"),
    JobLogDetail: ("log_message", "log_type", "asset_name", "asset_handle"),
}
_BARE_DEFAULT = ("name", "job_handle", "type", "description")

_FUTURE_FIELDS = frozenset({"next_fire_time"})
"""Date fields whose relative values count the time until them rather than their age."""


def _norm(name: str) -> str:
    return name.replace("_", "").casefold()


def _kind_of(cls: type, attr: str) -> str:
    """The filter's kind of one field, from its ``model.schema`` kind."""
    kind = field_spec(cls, attr).kind
    if kind == "datetime":
        return DATETIME
    if kind in ("int", "float"):
        return NUMBER
    if kind == "bool":
        return BOOL
    return TEXT  # strings, enums, records, arrays, nested objects: matched on their text


def _sub_job_element(job: Any) -> str | None:
    sub = getattr(job, "sub_job", None)
    if sub is None:
        return None
    try:
        return sub_job_element(sub)
    except (KeyError, AttributeError, TypeError):
        return type(sub).__name__


def _sub_job_getter(attr: str) -> Getter:
    element_name = ips_name(attr)

    def get(job: Any) -> Any:
        sub = job.sub_job
        if sub is None:
            return None
        if sub.__class__ is UnknownSubJob:
            try:
                found = tuple(v for k, v in sub.fields if k == element_name)
            except (TypeError, ValueError):
                return None
            return found[0] if len(found) == 1 else (found or None)
        return getattr(sub, attr, None)

    return get


@dataclass(frozen=True, slots=True)
class _Field:
    display: str
    kind: str
    attr: str | None = None
    """The model attribute for a plain field; None for an alias."""
    per_class: tuple[tuple[type, tuple[str | Getter, ...]], ...] = ()
    """For an alias: (class, attribute names or getters) pairs."""
    sub_job_field: bool = False

    def getters(self, cls: type) -> tuple[Getter, ...] | None:
        """How to read this field from an object of ``cls``; None when ``cls`` has no such field."""
        if self.attr is None:
            for klass, sources in self.per_class:
                if issubclass(cls, klass):
                    return tuple(operator.attrgetter(s) if isinstance(s, str) else s for s in sources)
            return None
        if hasattr(cls, self.attr):
            return (operator.attrgetter(self.attr),)
        if self.sub_job_field and hasattr(cls, "sub_job"):
            return (_sub_job_getter(self.attr),)
        return None


def _build_catalogue() -> dict[str, _Field]:
    catalogue: dict[str, _Field] = {}
    for cls in _CLASSES:
        for f in fields(cls):
            if f.name == "sub_job":
                continue
            catalogue.setdefault(_norm(f.name), _Field(ips_name(f.name), _kind_of(cls, f.name), f.name))
    for cls in SUB_JOB_TYPES.values():
        for f in fields(cls):
            key = _norm(f.name)
            if key not in catalogue:
                catalogue[key] = _Field(ips_name(f.name), _kind_of(cls, f.name), f.name, sub_job_field=True)
    jobs = (ActiveJob, ScheduledJob)
    aliases: dict[str, tuple[str, dict[type, tuple[str | Getter, ...]]]] = {
        "name": (TEXT, {**dict.fromkeys(jobs, ("name",)), JobLog: ("job_name",), JobLogDetail: ("asset_name",)}),
        "type": (
            TEXT,
            {
                **dict.fromkeys(jobs, ("type", _sub_job_element)),
                JobLog: ("log_type", "job_sub_type"),
                JobLogDetail: ("log_type", "asset_type"),
            },
        ),
        "state": (TEXT, {ActiveJob: ("state",), ScheduledJob: ("trigger_state",), JobLog: ("outcome", "log_type")}),
        "trigger": (TEXT, {ScheduledJob: ("trigger_state",)}),  # what `trigger:` means (not triggerTime)
        "handle": (TEXT, {**dict.fromkeys((*jobs, JobLog), ("job_handle",)), JobLogDetail: ("asset_handle",)}),
        "user": (TEXT, dict.fromkeys((*jobs, JobLog), ("submit_user_email",))),
        "server": (TEXT, {ActiveJob: ("server_name",)}),
        "severity": (TEXT, dict.fromkeys((JobLog, JobLogDetail), ("severity",))),
        "outcome": (TEXT, {JobLog: ("outcome",)}),
        "size": (NUMBER, {ActiveJob: ("total_size",)}),
        "subJob": (TEXT, dict.fromkeys(jobs, (_sub_job_element,))),
    }
    for display, (kind, per_class) in aliases.items():
        catalogue[_norm(display)] = _Field(display, kind, None, tuple(per_class.items()))
    return catalogue


_CATALOGUE = _build_catalogue()


_LOCALIZED: dict[str, dict[str, str]] = {}
_SHOWN: dict[str, list[str]] = {}
"""Field → English msgids of more words shown for it (:func:`add_field_words`)."""


def add_field_words(field: str, *msgids: str) -> None:
    """``msgids`` — words another part of the program shows for ``field`` (the console's column headers
    and detail labels), English msgids translated per language — name ``field`` in the filter too
    (``工作控制代碼:j|1``); blanks in them are left out (``PDF控制代碼``). English is unchanged."""
    words = _SHOWN.setdefault(field, [])
    words.extend(m for m in msgids if m not in words)
    _LOCALIZED.clear()


def localized_fields() -> dict[str, str]:
    """The current language's words for the common fields (casefolded) → the field's name: ``狀態`` →
    ``state``, so ``狀態:執行中`` works beside ``state:running``; the IPS names always work too. Built
    once per language (``pgettext`` context "filter field": the words a translator picks for these)."""
    language = i18n.language()
    found = _LOCALIZED.get(language)
    if found is None:
        words = {
            pgettext("filter field", "state"): "state",
            pgettext("filter field", "name"): "name",
            pgettext("filter field", "type"): "type",
            pgettext("filter field", "progress"): "progress",
            pgettext("filter field", "size"): "size",
            pgettext("filter field", "server"): "server",
            pgettext("filter field", "user"): "user",
            pgettext("filter field", "handle"): "handle",
            pgettext("filter field", "outcome"): "outcome",
            pgettext("filter field", "severity"): "severity",
            pgettext("filter field", "trigger"): "trigger",
            pgettext("filter field", "description"): "description",
            pgettext("filter field", "locale"): "locale",
        }
        found = {word.casefold(): name for word, name in words.items() if word != name}
        for name, msgids in _SHOWN.items():
            for msgid in msgids:
                word = "".join(_(msgid).split()).casefold()
                if _(msgid) != msgid and word:
                    found.setdefault(word, name)
        _LOCALIZED[language] = found
    return found


def field_names() -> list[str]:
    """Every field name the language accepts, as displayed (IPS spelling or alias), sorted."""
    return sorted({f.display for f in _CATALOGUE.values()}, key=str.casefold)

