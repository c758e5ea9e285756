"""Rendering jobs for the headless CLI: aligned tables, JSON keyed by IPS names, CSV."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .model import humanize
from .model.enums import IpsEnum
from .model.jobs import ActiveJob, JobLog, JobLogDetail, ScheduledJob
from .model.serialize import to_ips_dict
from .model.text import cell_width, printable, truncate


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[Any, datetime], str]
    width: int | None = None
    """Truncate to this many cells (names and messages); ``None`` keeps the whole value."""


def _text(value: object) -> str:
    return "—" if value is None else printable(value)


def _enum(value: IpsEnum | None) -> str:
    """An enumeration value; one this client does not know is marked with ``?``."""
    if value is None:
        return "—"
    return printable(value.value) if value.recognized else f"{printable(value.value)}?"


def _outcome(job: JobLog, now: datetime) -> str:
    return job.outcome.value


def _duration(job: JobLog, now: datetime) -> str:
    if job.start_date is None or job.end_date is None:
        return "—"
    return humanize.duration(job.end_date - job.start_date)


ACTIVE_COLUMNS = [
    Column("STATE", lambda j, now: _enum(j.state)),
    Column("NAME", lambda j, now: _text(j.name), 40),
    Column("TYPE", lambda j, now: _text(j.type), 24),
    Column("PROGRESS", lambda j, now: humanize.percent(j.progress)),
    Column("STARTED", lambda j, now: humanize.ago(j.start_date, now)),
    Column("UPDATED", lambda j, now: humanize.ago(j.last_progress_update, now)),
    Column("SIZE", lambda j, now: humanize.size(j.total_size)),
    Column("SERVER", lambda j, now: _text(j.server_name), 20),
    Column("HANDLE", lambda j, now: _text(j.job_handle)),
]
SCHEDULED_COLUMNS = [
    Column("TRIGGER", lambda j, now: _enum(j.trigger_state)),
    Column("NAME", lambda j, now: _text(j.name), 40),
    Column("TYPE", lambda j, now: _text(j.type), 24),
    Column("SCHEDULE", lambda j, now: _text(j.exec_schedule), 20),
    Column("NEXT RUN", lambda j, now: humanize.ago(j.next_fire_time, now)),
    Column("HANDLE", lambda j, now: _text(j.job_handle)),
]
LOG_COLUMNS = [
    Column("OUTCOME", _outcome),
    Column("NAME", lambda j, now: _text(j.job_name), 40),
    Column("LOG TYPE", lambda j, now: _text(j.log_type), 28),
    Column("OK", lambda j, now: _text(j.file_success_count)),
    Column("ERR", lambda j, now: _text(j.file_error_count)),
    Column("WARN", lambda j, now: _text(j.file_warning_count)),
    Column("STARTED", lambda j, now: humanize.ago(j.start_date, now)),
    Column("DURATION", _duration),
    Column("HANDLE", lambda j, now: _text(j.job_handle)),
]
DETAIL_COLUMNS = [
    Column("DATE", lambda d, now: d.date_created.astimezone().isoformat(timespec="seconds") if d.date_created else "—"),
    Column("SEVERITY", lambda d, now: d.severity.value),
    Column("LOG TYPE", lambda d, now: _text(d.log_type), 28),
    Column("MESSAGE", lambda d, now: _text(d.log_message), 80),
    Column("ASSET", lambda d, now: _text(d.asset_name), 30),
]


def table(rows: Sequence[Any], columns: Sequence[Column], now: datetime) -> str:
    """Aligned columns; widths measured in terminal cells (CJK counts double)."""
    cells = [[truncate(c.value(r, now), c.width) if c.width else c.value(r, now) for c in columns] for r in rows]
    widths = [max([cell_width(c.title)] + [cell_width(row[i]) for row in cells]) for i, c in enumerate(columns)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v + " " * (w - cell_width(v)) for v, w in zip(values, widths)).rstrip()

    return "\n".join([line([c.title for c in columns]), *(line(row) for row in cells)])


_JSON_UNSAFE = re.compile(
    "[\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b\u200e\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001]"
)
"""The characters ``model.text.printable`` escapes (Unicode Cc, Cf, Zl, Zp) above U+001F, which JSON
already escapes: C1 controls, bidi overrides and other format characters a terminal may act on or
reorder. ``json.dumps(ensure_ascii=False)`` would write them raw."""


def as_json(rows: Sequence[Any]) -> str:
    """A JSON array keyed by IPS names, one job per line (grep- and diff-friendly; ``jq`` pretty-prints).
    ``indent`` would switch json to its pure-Python encoder, 4x slower on 10,000 jobs. UTF-8 text as
    is, but every control or bidi character as a ``\\uXXXX`` escape, so the exact text round-trips
    through a JSON parser and nothing reaches the terminal raw."""
    if not rows:
        return "[]"
    encode = json.JSONEncoder(ensure_ascii=False).encode
    return "[\n" + ",\n".join(_escape_unsafe(encode(to_ips_dict(r))) for r in rows) + "\n]"


def _escape_unsafe(line: str) -> str:
    if line.isascii():  # the common case, and a C-speed check
        return line
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", line)


def as_csv(rows: Sequence[Any], columns: Sequence[Column], now: datetime) -> str:
    """CSV of the table's columns, untruncated."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([c.title.lower().replace(" ", "_") for c in columns])
    for r in rows:
        writer.writerow([c.value(r, now) for c in columns])
    return buffer.getvalue().rstrip("\n")


def render(rows: Sequence[Any], columns: Sequence[Column], fmt: str, now: datetime) -> str:
    if fmt == "json":
        return as_json(rows)
    if fmt == "csv":
        return as_csv(rows, columns, now)
    return table(rows, columns, now)


COLUMNS_BY_KIND: dict[type, list[Column]] = {
    ActiveJob: ACTIVE_COLUMNS,
    ScheduledJob: SCHEDULED_COLUMNS,
    JobLog: LOG_COLUMNS,
    JobLogDetail: DETAIL_COLUMNS,
}
