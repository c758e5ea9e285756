"""Rendering jobs for the headless CLI: aligned tables for eyes; JSON, JSON Lines, CSV and TSV for
machines, keyed by IPS names with raw values (ISO-8601 dates with offset, bytes and counts as integers,
progress as a number; ``model.serialize``). The tables speak the operator's language (headers, state
words, relative times: issue 15); the machine formats never do."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any, TextIO

from .i18n import N_, _
from .model import humanize
from .model.enums import IpsEnum, TriggerState
from .model.jobs import ActiveJob, JobLog, JobLogDetail, ScheduledJob
from .model.naming import ips_name
from .model.serialize import csv_columns, to_row
from .model.text import cell_width, printable, truncate_plain
from .model.words import word_or_value
from .output_fit import FLOOR, FitColumn, fit
from .output_json import as_json, as_jsonl, json_chunks

FORMATS = ("table", "wide", "json", "jsonl", "csv", "tsv")
"""``-o``/``--format`` values: ``wide`` is the table with more columns; ``json`` an array with one job
per line; ``jsonl`` one JSON object per line and nothing else (JSON Lines)."""


class ColumnError(ValueError):
    """An unknown ``--columns`` name; the message lists the names that exist."""


@dataclass(frozen=True)
class OutputColumn:
    """One column of the table: ``field`` is the name ``--columns`` takes (an IPS name where there is
    one), ``raw`` the IPS fields CSV/TSV write for it."""

    field: str
    title: str
    """The header: a msgid (``N_``), translated where the table is drawn (``heading``)."""
    value: Callable[[Any, datetime], str]
    width: int | None = None
    """Truncate to this many cells on a terminal (names and messages); ``None`` keeps the whole value."""
    wide: bool = False
    """Shown only with ``-o wide``."""
    raw: tuple[str, ...] = ()
    """The IPS fields behind it in CSV/TSV; empty means ``(field,)``."""

    @property
    def raw_fields(self) -> tuple[str, ...]:
        return self.raw or (self.field,)

    @property
    def heading(self) -> str:
        """The header in the current language (an IPS name stays as it is)."""
        return _(self.title) if self.title != self.field else self.title


def _text(value: object) -> str:
    return "—" if value is None else printable(value)


def _enum(value: IpsEnum | None) -> str:
    """An enumeration value; one this client does not know is marked with ``?``."""
    if value is None:
        return "—"
    return printable(word_or_value(value)) if value.recognized else f"{printable(value.value)}?"


def _outcome(job: JobLog, now: datetime) -> str:
    return word_or_value(job.outcome)


def _duration(job: JobLog, now: datetime) -> str:
    if job.start_date is None or job.end_date is None:
        return "—"
    return humanize.duration(job.end_date - job.start_date)


def _local_time(value: datetime | None) -> str:
    return value.astimezone().isoformat(timespec="seconds") if value else "—"


ACTIVE_COLUMNS = [
    OutputColumn("state", N_("STATE"), lambda j, now: _enum(j.state)),
    OutputColumn("name", N_("NAME"), lambda j, now: _text(j.name), 40),
    OutputColumn("type", N_("TYPE"), lambda j, now: _text(j.type), 24),
    OutputColumn("progress", N_("PROGRESS"), lambda j, now: humanize.percent(j.progress)),
    OutputColumn("startDate", N_("STARTED"), lambda j, now: humanize.ago(j.start_date, now)),
    OutputColumn("lastProgressUpdate", N_("UPDATED"), lambda j, now: humanize.ago(j.last_progress_update, now)),
    OutputColumn("totalSize", N_("SIZE"), lambda j, now: humanize.size(j.total_size)),
    OutputColumn("serverName", N_("SERVER"), lambda j, now: _text(j.server_name), 20),
    OutputColumn("progressMessage", N_("MESSAGE"), lambda j, now: _text(j.progress_message), 50, wide=True),
    OutputColumn("submitUserEmail", N_("USER"), lambda j, now: _text(j.submit_user_email), 30, wide=True),
    OutputColumn("jobHandle", N_("HANDLE"), lambda j, now: _text(j.job_handle)),
]
SCHEDULED_COLUMNS = [
    OutputColumn("triggerState", N_("TRIGGER"), lambda j, now: _enum(j.trigger_state)),
    OutputColumn("name", N_("NAME"), lambda j, now: _text(j.name), 40),
    OutputColumn("type", N_("TYPE"), lambda j, now: _text(j.type), 24),
    OutputColumn("execSchedule", N_("SCHEDULE"), lambda j, now: _text(j.exec_schedule), 20),
    OutputColumn("nextFireTime", N_("NEXT RUN"), lambda j, now: _next_run(j, now)),
    OutputColumn("timeZone", N_("TIME ZONE"), lambda j, now: _text(j.time_zone), wide=True),
    OutputColumn("submitUserEmail", N_("USER"), lambda j, now: _text(j.submit_user_email), 30, wide=True),
    OutputColumn("jobHandle", N_("HANDLE"), lambda j, now: _text(j.job_handle)),
]


def _next_run(job: ScheduledJob, now: datetime) -> str:
    """``in 5 min``; ``paused`` for a paused trigger (its nextFireTime stays as it was and soon lies in
    the past: it does not run until resumed), ``—`` for a complete one — as the console's Next run
    column; triggerState and nextFireTime: IPS_JOBS_API.md §5.2, §6."""
    if job.trigger_state == TriggerState.PAUSED:
        return _("paused")
    if job.trigger_state == TriggerState.COMPLETE:
        return "—"
    return humanize.ago(job.next_fire_time, now)


LOG_COLUMNS = [
    OutputColumn("outcome", N_("OUTCOME"), _outcome),
    OutputColumn("jobName", N_("NAME"), lambda j, now: _text(j.job_name), 40),
    OutputColumn("logType", N_("LOG TYPE"), lambda j, now: _text(j.log_type), 28),
    OutputColumn("fileSuccessCount", N_("OK"), lambda j, now: _text(j.file_success_count)),
    OutputColumn("fileErrorCount", N_("ERR"), lambda j, now: _text(j.file_error_count)),
    OutputColumn("fileWarningCount", N_("WARN"), lambda j, now: _text(j.file_warning_count)),
    OutputColumn("startDate", N_("STARTED"), lambda j, now: humanize.ago(j.start_date, now)),
    OutputColumn("duration", N_("DURATION"), _duration, raw=("endDate",)),
    OutputColumn("endDate", N_("ENDED"), lambda j, now: _local_time(j.end_date), wide=True),
    OutputColumn("totalFileCount", N_("FILES"), lambda j, now: _text(j.total_file_count), wide=True),
    OutputColumn("submitUserEmail", N_("USER"), lambda j, now: _text(j.submit_user_email), 30, wide=True),
    OutputColumn("jobHandle", N_("HANDLE"), lambda j, now: _text(j.job_handle)),
]
DETAIL_COLUMNS = [
    OutputColumn("dateCreated", N_("DATE"), lambda d, now: _local_time(d.date_created)),
    OutputColumn("severity", N_("SEVERITY"), lambda d, now: word_or_value(d.severity)),
    OutputColumn("logType", N_("LOG TYPE"), lambda d, now: _text(d.log_type), 28),
    OutputColumn("logMessage", N_("MESSAGE"), lambda d, now: _text(d.log_message), 80),
    OutputColumn("assetName", N_("ASSET"), lambda d, now: _text(d.asset_name), 30),
    OutputColumn("assetType", N_("ASSET TYPE"), lambda d, now: _text(d.asset_type), wide=True),
    OutputColumn("assetHandle", N_("ASSET HANDLE"), lambda d, now: _text(d.asset_handle), wide=True),
]

COLUMNS_BY_KIND: dict[type, list[OutputColumn]] = {
    ActiveJob: ACTIVE_COLUMNS,
    ScheduledJob: SCHEDULED_COLUMNS,
    JobLog: LOG_COLUMNS,
    JobLogDetail: DETAIL_COLUMNS,
}
KIND_NAMES = {ActiveJob: N_("active jobs"), ScheduledJob: N_("scheduled jobs"), JobLog: N_("job logs"),
              JobLogDetail: N_("log details")}
"""What a kind of row is called in sentences (msgids: translate with ``_()``)."""
DROP_FIRST: dict[type, tuple[str, ...]] = {
    ActiveJob: ("totalSize", "startDate", "submitUserEmail", "serverName", "type", "progressMessage",
                "lastProgressUpdate", "progress"),
    ScheduledJob: ("submitUserEmail", "timeZone", "type", "execSchedule", "nextFireTime"),
    JobLog: ("submitUserEmail", "totalFileCount", "endDate", "logType", "fileWarningCount", "fileSuccessCount",
             "duration", "startDate", "fileErrorCount"),
    JobLogDetail: ("assetHandle", "assetType", "logType", "assetName", "dateCreated"),
}
"""The default and wide tables' columns a terminal too narrow drops, the first first (``output_fit``);
the state, the name (or message) and the jobHandle always stay. ``-o wide``'s message goes after
the size, start and server: it is what the operator asked the wide table for."""
DERIVED = {JobLog: ("outcome", "severity"), JobLogDetail: ("severity",)}
"""Values computed from IPS fields that CSV can still write (``model.serialize.to_row``)."""


def raw_names(kind: type) -> list[str]:
    """The IPS names CSV/TSV and ``--columns`` accept for ``kind`` (scalar fields, ``subJob``, derived)."""
    return [*csv_columns(kind), *DERIVED.get(kind, ())]


def sortable_fields(kind: type) -> list[str]:
    """The IPS names ``--sort`` accepts for ``kind``: fields with one value per job (no arrays)."""
    return [name for name in csv_columns(kind) if name != "subJob"]


def _canonical(kind: type, name: str) -> str | None:
    """``name`` in its IPS spelling (``job_handle`` → ``jobHandle``, any case), or None if unknown."""
    wanted = name.strip().casefold()
    for known in raw_names(kind):
        if wanted == known.casefold():
            return known
    for f in fields(kind):
        if wanted in (f.name.casefold(), ips_name(f.name).casefold()):
            return ips_name(f.name)
    if "." in name.strip():  # a field of the sub-job, e.g. videoPublishJob.emailSetting
        return name.strip()
    return None


def _by_name(kind: type) -> dict[str, OutputColumn]:
    """``kind``'s table columns by the names ``--columns`` takes for them, casefolded: the header as the
    table prints it (English, and in the language shown) and the field, which wins where they meet."""
    named = {}
    for column in COLUMNS_BY_KIND[kind]:
        for name in (column.title, _(column.title), column.field):
            named[name.strip().casefold()] = column
    return named


def select(kind: type, names: Sequence[str] | None, *, wide: bool = False) -> list[OutputColumn]:
    """The table columns for ``kind``: the default (or wide) set, or exactly ``names`` in that order.
    Raises ``ColumnError`` for a name that is neither a table column (its header or field) nor an IPS
    field of ``kind``."""
    columns = COLUMNS_BY_KIND[kind]
    if not names:
        return [c for c in columns if wide or not c.wide]
    by_field = {c.field.casefold(): c for c in columns}
    named = _by_name(kind)
    chosen = []
    for name in names:
        column = named.get(name.strip().casefold())
        if column is None:
            known = _canonical(kind, name)
            if known is None:
                choices = sorted({c.field for c in columns} | set(raw_names(kind)), key=str.casefold)
                raise ColumnError(_("no column {name!r} for {kind}; columns: {columns}").format(
                    name=name, kind=_(KIND_NAMES[kind]), columns=", ".join(choices)))
            column = by_field.get(known.casefold()) or OutputColumn(known, known, _raw_cell(known))
        chosen.append(column)
    return chosen


def _raw_cell(name: str) -> Callable[[Any, datetime], str]:
    return lambda row, now: to_row(row, [name])[0] or "—"


def raw_columns(kind: type, names: Sequence[str] | None, *, wide: bool = False) -> list[str]:
    """The IPS names CSV/TSV write: the table's columns as their IPS fields, or ``names`` (checked)."""
    if names:
        out: list[str] = []
        named = _by_name(kind)
        for name in names:
            column = named.get(name.strip().casefold())
            known = _canonical(kind, name)
            if known is None and column is not None:
                out.extend(column.raw_fields)
                continue
            if known is None:
                raise ColumnError(_("no column {name!r} for {kind}; columns: {columns}").format(
                    name=name, kind=_(KIND_NAMES[kind]), columns=", ".join(raw_names(kind))))
            out.append(known)
        return out
    return [f for c in select(kind, None, wide=wide) for f in c.raw_fields]


def _width(text: str) -> int:
    """Terminal cells of ``text`` (the one place the table measures width)."""
    return cell_width(text)


def table(
    rows: Sequence[Any],
    columns: Sequence[OutputColumn],
    now: datetime,
    *,
    headers: bool = True,
    truncated: bool = True,
    width: int | None = None,
    drop_first: Sequence[str] = (),
) -> str:
    """Aligned columns; widths measured in terminal cells (CJK counts double). ``truncated`` cuts long
    names and messages to their column's width (on a terminal; never when piped). ``width`` (a
    terminal's, in cells) fits each line into it (``output_fit.fit``): the widest names and messages
    are cut with ``…`` first, then the columns named in ``drop_first`` go, the first first; a column
    without a ``width`` (a state, a date, the jobHandle) is never cut."""
    cells = [
        [truncate_plain(c.value(r, now), c.width) if c.width and truncated else c.value(r, now) for c in columns]
        for r in rows
    ]
    titles = [c.heading for c in columns]
    widths = [max([_width(t) if headers else 0] + [_width(row[i]) for row in cells]) for i, t in enumerate(titles)]
    if width is not None:
        columns, titles, cells, widths = _fitted(columns, titles, cells, widths, width, drop_first, headers)

    def line(values: Sequence[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True)).rstrip()

    return "\n".join([*([line(titles)] if headers else []), *(line(row) for row in cells)])


def _fitted(columns: Sequence[OutputColumn], titles: list[str], cells: list[list[str]], widths: list[int],
            width: int, drop_first: Sequence[str], headers: bool):
    """The columns, titles, cells and widths that ``output_fit.fit`` keeps in ``width`` cells."""
    plan = [FitColumn(natural, min(natural, max(_width(t) if headers else 1, FLOOR)), bool(c.width),
                      max(_width(t) if headers else 1, 2))
            for c, t, natural in zip(columns, titles, widths, strict=True)]
    order = [i for name in drop_first for i, c in enumerate(columns) if c.field == name]
    layout = fit(plan, width, order)
    cut = {i: w for i, w in zip(layout.shown, layout.widths, strict=True) if w < widths[i]}
    kept = list(layout.shown)
    return ([columns[i] for i in kept], [titles[i] for i in kept],
            [[truncate_plain(row[i], cut[i]) if i in cut else row[i] for i in kept] for row in cells],
            list(layout.widths))


def as_delimited(
    rows: Sequence[Any], columns: Sequence[str], *, delimiter: str = ",", headers: bool = True, event: str | None = None
) -> str:
    """CSV (or TSV with ``delimiter="\\t"``) with IPS names as headers and raw values: ISO-8601 dates
    with offset, sizes and counts as integers, progress as a number, booleans as true/false, a nested
    value as compact JSON, a missing one empty. Control and bidi characters in text are escaped as
    ``model.text.printable`` shows them (a cell never moves the cursor or breaks a line). ``event`` (``--watch``) adds a first column "event"."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    lead = [] if event is None else [event]
    if headers:
        writer.writerow([*(["event"] if event is not None else []), *columns])
    writer.writerows([*lead, *map(printable, to_row(r, columns))] for r in rows)
    return buffer.getvalue().rstrip("\n")


def render(
    rows: Sequence[Any],
    kind: type,
    fmt: str,
    now: datetime,
    *,
    columns: Sequence[str] | None = None,
    headers: bool = True,
    truncated: bool = True,
    fit_width: int | None = None,
) -> str:
    """``rows`` of ``kind`` in one of :data:`FORMATS`. Raises ``ColumnError`` for an unknown column.
    ``fit_width`` (a terminal's width in cells; tables only) fits each line into it: names cut
    first, then the default or wide set's least needed columns dropped (:data:`DROP_FIRST`); columns
    chosen with ``columns`` are only cut, never dropped. None (piped) leaves every line whole."""
    if fmt == "json":
        return as_json(rows)
    if fmt == "jsonl":
        return as_jsonl(rows)
    if fmt in ("csv", "tsv"):
        names = raw_columns(kind, columns)
        return as_delimited(rows, names, delimiter="," if fmt == "csv" else "\t", headers=headers)
    chosen = select(kind, columns, wide=fmt == "wide")
    return table(rows, chosen, now, headers=headers, truncated=truncated, width=fit_width,
                 drop_first=() if columns else DROP_FIRST[kind])


def write(rows: Sequence[Any], kind: type, fmt: str, now: datetime, stream: TextIO, **options: Any) -> None:
    """``render`` onto ``stream`` with a final newline (nothing at all for an empty text); JSON goes out
    in pieces as it is encoded."""
    if fmt in ("json", "jsonl"):
        chunks = json_chunks(rows, array=fmt == "json")
    else:
        text = render(rows, kind, fmt, now, **options)
        chunks = iter([text] if text else [])
    wrote = False
    for chunk in chunks:
        if chunk:
            stream.write(chunk)
            wrote = True
    if wrote:
        stream.write("\n")
