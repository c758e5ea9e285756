"""The filter language shared by the CLI (``--filter``) and the console (``/``).

Grammar (terms separated by whitespace, all terms must match — AND)::

    term     := ["!"] (phrase | word | field op value)
    phrase   := '"' chars '"'            (backslash escapes \\" and \\\\ inside quotes)
    op       := ":" | "=" | ">" | "<" | ">=" | "<="
    value    := word | phrase

- A bare word or phrase matches, case-insensitively as a substring, the name, handle, type and
  description of a job (for a JobLog: jobName, originalJobName, logType, description, jobHandle;
  for a JobLogDetail: logMessage, logType, assetName, assetHandle).
- ``field:value`` is a case-insensitive substring match on any field, named in snake_case or as
  IPS writes it (``job_handle:`` or ``jobHandle:``). A field of the job's sub-job may be named
  directly (``emailSetting:error``). Number fields compare by value (``progress:50``), boolean
  fields by truth (``fatalError:true``). ``field=value`` is an exact (case-insensitive) match.
- Aliases: ``name``, ``type`` (also the sub-job element: ``type:video`` matches ``VideoPublish``
  or a ``videoPublishJob``), ``state`` (ActiveJob state, ScheduledJob triggerState, JobLog
  outcome and logType), ``handle``, ``user`` (submitUserEmail), ``server`` (serverName),
  ``severity`` and ``outcome`` (logs), ``size`` (totalSize), ``subJob`` (the element name).
- ``field>N``, ``<``, ``>=``, ``<=``, ``=`` on numbers: ``progress>50``, ``totalSize>1.5gb``
  (units b, kb, mb, gb, tb, pb, 1024-based; ``%`` is ignored). On dates: a relative age
  (``startDate<1h`` = started less than an hour ago; units s, m, h, d, w, combinable as ``1h30m``)
  or an absolute ISO date (``startDate>=2024-05-01``; a date without a time is a whole UTC day).
  For ``nextFireTime`` a relative value is the time *until* it (``nextFireTime<1h`` = fires within
  the hour).
- ``!`` negates a term. A field that the job's class does not have (``server:`` on a JobLog),
  or a field that is None, does not match (so its negation does). A field unknown to every
  class is an error.

``parse()`` raises only :class:`QueryError`; matching never raises for any job.
"""

from __future__ import annotations

from .catalogue import field_names
from .compiled import Query
from .errors import QueryError
from .parser import parse
from .terms import Term

__all__ = ["Query", "QueryError", "Term", "field_names", "parse"]
