"""An in-memory JobSource and deterministic demo data for console tests, snapshots and benchmarks.

The real thing is ``IpsClient`` against the sandbox (see test_sandbox.py); this fake lets widget
tests control every value (a fixed clock, hostile names, faults on demand).
"""

from __future__ import annotations

import asyncio
import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from activejob_tui.ips.errors import ApiFault, IpsError
from activejob_tui.ips.source import ConnectionInfo, DetailPage
from activejob_tui.model import jobs as m
from activejob_tui.model.enums import (
    ActiveJobState,
    EmailSetting,
    PublishType,
    TaskState,
    TriggerState,
)

NOW = datetime(2026, 11, 25, 12, 0, 0, tzinfo=UTC)

INFO = ConnectionInfo(
    endpoint="http://127.0.0.1:8080/scene7/services/IpsApiService",
    label="sandbox",
    user="demo@example.com",
    company_name="Demo Company",
    company_handle="c|1",
    api_version="2016-01-14-beta",
    namespace="http://www.scene7.com/IpsApi/xsd/2016-01-14-beta",
)

SUB_JOBS: list[tuple[str, Any]] = [
    ("ImageServingPublish", m.ImageServingPublishJob(publish_type=PublishType.INCREMENTAL, email_setting=EmailSetting.ERROR,
                                                     context_handle="ctx|is|1")),
    ("ImageRenderingPublish", m.ImageRenderingPublishJob(email_setting=EmailSetting.NONE, context_handle="ctx|ir|1")),
    ("VideoPublish", m.VideoPublishJob(email_setting=EmailSetting.ALL, http_completion_url="https://hooks.example.com/v")),
    ("ServerDirectoryPublish", m.ServerDirectoryPublishJob(email_setting=EmailSetting.NONE)),
    ("MetadataPublish", m.MetadataPublishJob(force_publish=True)),
    ("UploadDirectory", m.UploadDirectoryJob(dest_folder="Demo/incoming/", server_dir="/ftp/incoming", overwrite=True,
                                             include_subfolders=True, ready_for_publish=True,
                                             post_image_serving_publish_job=m.ImageServingPublishJob())),
    ("UploadUrls", m.UploadUrlsJob(url_array=tuple(m.UploadUrl(source_url=f"https://cdn.example.com/img/{i}.jpg",
                                                               dest_path=f"Demo/web/{i}.jpg") for i in range(5)),
                                   num_urls=5, overwrite=False)),
    ("UploadPost", m.UploadPostJob(overwrite=True, post_http_url="https://hooks.example.com/upload")),
    ("OptimizeImages", m.OptimizeImagesJob(email_setting=EmailSetting.JOB_COMPLETION)),
    ("RipPdfs", m.RipPdfsJob(pdf_handle_array=("a|pdf|1", "a|pdf|2"), create_mask=False,
                             pdf_options=(("process", "Rasterize"), ("resolution", "150"), ("colorspace", "Auto")))),
    ("ReprocessAssets", m.ReprocessAssetsJob(asset_handle_array=("a|1", "a|2", "a|3"), preserve_crop=True)),
    ("CreateVideoSitemap", m.CreateVideoSitemapJob(force_update=False)),
    ("Export", m.ExportJob(asset_handle_array=("a|10", "a|11"), fmt="convert", macro="thumb", is_modifier="wid=200")),
    ("AutomatedSetGeneration", m.AutomatedSetGenerationJob(asset_handle_array=("a|20",), dest_folder="Demo/sets/",
                                                           auto_set_creation_options=(("script", "Swatch"),))),
]

NAMES = ["Spring catalog", "Homepage hero", "Product videos", "Nightly reprocess", "Brand refresh", "Press kit",
         "Sale banners", "Lookbook", "Store locator", "Social crops"]
SERVERS = ["ips-a1", "ips-a2", "ips-b1"]
USERS = ["ops@example.com", "ana@example.com", "bot@example.com"]


def make_active(n: int, now: datetime = NOW, seed: int = 7) -> list[m.ActiveJob]:
    rng = random.Random(seed)
    jobs = []
    states = [ActiveJobState.RUNNING] * 6 + [ActiveJobState.NEW, ActiveJobState.WAITING_COORDINATOR, ActiveJobState.STOPPING]
    for i in range(n):
        kind, sub = SUB_JOBS[i % len(SUB_JOBS)]
        state = states[i % len(states)]
        progress = rng.randint(0, 99) if state is ActiveJobState.RUNNING else 0
        started = now - timedelta(seconds=rng.randint(30, 7200))
        tasks = (
            m.TaskProgress(task_type="Upload", task_state=TaskState.DONE, num_processed=40, num_processing=0,
                           num_pending=0, progress=1.0),
            m.TaskProgress(task_type="Process", task_state=TaskState.PROCESSING, num_processed=12, num_processing=4,
                           num_pending=24, progress=progress / 100, progress_message=f"Processing image {12 + i % 7}"),
        ) if state is ActiveJobState.RUNNING else ()
        jobs.append(m.ActiveJob(
            company_handle="c|1", job_handle=f"j|{i:05d}", name=f"{NAMES[i % len(NAMES)]} {i}", type=kind,
            state=state, submit_user_email=USERS[i % len(USERS)], server_name=SERVERS[i % len(SERVERS)],
            start_date=started, total_size=rng.randint(10_000, 5_000_000_000), progress=progress,
            progress_message=f"Processed {progress}%" if state is ActiveJobState.RUNNING else None,
            last_progress_update=now - timedelta(seconds=rng.randint(1, 60)), task_progress_array=tasks,
            description=f"Demo {kind} job", locale="en-US", sub_job=sub,
        ))
    return jobs


def make_scheduled(now: datetime = NOW) -> list[m.ScheduledJob]:
    out = []
    triggers = [TriggerState.NORMAL, TriggerState.PAUSED, TriggerState.NORMAL, TriggerState.ERROR, TriggerState.BLOCKED]
    for i, (kind, sub) in enumerate(SUB_JOBS[:6]):
        out.append(m.ScheduledJob(
            company_handle="c|1", job_handle=f"s|{i:03d}", name=f"Scheduled {NAMES[i]}", type=kind,
            submit_user_email=USERS[i % len(USERS)], exec_schedule=f"0 {i} * * *" if i % 2 else "every 15 minutes",
            next_fire_time=now + timedelta(minutes=7 * (i + 1)), time_zone="Europe/Berlin",
            trigger_state=triggers[i % len(triggers)], sub_job=sub,
        ))
    return out


def make_logs(now: datetime = NOW) -> list[m.JobLog]:
    out = []
    kinds = [("UploadSuccess", 0, 0, False), ("PublishWarning", 0, 3, False), ("UploadError", 5, 1, False),
             ("ReprocessCancel", 0, 0, False), ("ExportError", 2, 0, True), ("VideoPublishSuccess", 0, 0, False)]
    for i, (log_type, errors, warnings, fatal) in enumerate(kinds):
        start = now - timedelta(hours=i + 1)
        out.append(m.JobLog(
            company_handle="c|1", job_handle=f"l|{i:03d}", job_name=f"Finished {NAMES[i]}", submit_user_email=USERS[i % 3],
            log_type=log_type, start_date=start, end_date=start + timedelta(minutes=3 + 7 * i), file_success_count=40 - errors,
            file_error_count=errors, file_warning_count=warnings, total_file_count=40, fatal_error=fatal,
            detail_total_rows=30,
        ))
    return out


def make_details(handle: str, page: int, per_page: int, total: int = 30, now: datetime = NOW) -> list[m.JobLogDetail]:
    types = ["UploadSuccess", "UploadSuccess", "ProcessWarning", "UploadError", "PublishSuccess"]
    start = (page - 1) * per_page
    return [
        m.JobLogDetail(log_message=f"asset {i}: {types[i % len(types)].replace('Upload', 'uploaded ')}",
                       log_type=types[i % len(types)], date_created=now - timedelta(minutes=60 - i),
                       asset_name=f"img_{i:04d}.jpg", asset_handle=f"a|{i}")
        for i in range(start, min(start + per_page, total))
    ]


class FakeSource:
    """A JobSource over plain lists; ``fail`` makes reads raise, ``command_errors`` makes commands raise."""

    def __init__(self, active: list[m.ActiveJob] | None = None, scheduled: list[m.ScheduledJob] | None = None,
                 logs: list[m.JobLog] | None = None, info: ConnectionInfo | None = INFO, delay: float = 0.0) -> None:
        self.info = info
        self.active = {j.job_handle: j for j in (active if active is not None else make_active(12))}
        self.scheduled = {j.job_handle: j for j in (scheduled if scheduled is not None else make_scheduled())}
        self.logs = logs if logs is not None else make_logs()
        self.fail: IpsError | None = None
        self.command_errors: dict[str, IpsError] = {}
        self.command_delay = 0.0
        """Seconds each command waits before it is carried out (a slow or hung server)."""
        self.calls: list[tuple[str, str]] = []
        self.polls = 0
        self.closed = False
        self.delay = delay
        self.log_requests: list[dict[str, Any]] = []
        self.live_details: dict[str, list[m.JobLogDetail]] = {}
        """Detail lines of active jobs (a test appends to them as a running job would)."""

    async def connect(self) -> ConnectionInfo:
        return self.info or INFO

    async def _read(self) -> None:
        self.polls += 1
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.fail is not None:
            raise self.fail

    async def active_jobs(self) -> list[m.ActiveJob]:
        await self._read()
        return list(self.active.values())

    async def scheduled_jobs(self) -> list[m.ScheduledJob]:
        await self._read()
        return list(self.scheduled.values())

    async def job_logs(self, *, start: datetime | None = None, end: datetime | None = None, limit: int | None = None,
                       sort_by: str | None = None, descending: bool = True) -> list[m.JobLog]:
        """As the sandbox's getJobLogs (IPS_JOBS_API.md §4.3): the logs that started within [start, end], sorted
        by start date (the default ``sortBy``), newest first unless ``descending`` is false, at most ``limit``.
        ``self.log_requests`` records each call's arguments."""
        await self._read()
        self.log_requests.append({"start": start, "end": end, "limit": limit, "sort_by": sort_by,
                                  "descending": descending})
        if sort_by not in (None, "StartDate"):
            raise ApiFault(f"The fake sorts only by StartDate, not {sort_by}.", code=20001)
        chosen = [log for log in self.logs
                  if (start is None or (log.start_date is not None and log.start_date >= start))
                  and (end is None or (log.start_date is not None and log.start_date <= end))]
        chosen.sort(key=lambda log: log.start_date or datetime.min.replace(tzinfo=UTC), reverse=descending)
        return chosen if limit is None else chosen[:limit]

    async def job_log_details(self, job_handle: str, *, page: int = 1, per_page: int = 1000,
                              log_types: list[str] | None = None) -> DetailPage:
        await self._read()
        if job_handle in self.live_details:
            lines = self.live_details[job_handle]
            start = (page - 1) * per_page
            return DetailPage(None, tuple(lines[start:start + per_page]), len(lines), page, per_page)
        log = next((entry for entry in self.logs if entry.job_handle == job_handle), None)
        total = log.detail_total_rows or 0 if log else 0
        return DetailPage(log, tuple(make_details(job_handle, page, per_page, total)), total, page, per_page)

    async def _command(self, verb: str, handle: str) -> None:
        self.calls.append((verb, handle))
        if self.command_delay:
            await asyncio.sleep(self.command_delay)
        if handle in self.command_errors:
            raise self.command_errors[handle]
        if verb == "stop":
            if handle not in self.active:
                raise ApiFault(f"Job {handle} not found.", code=30002)
            self.active[handle] = replace(self.active[handle], state=ActiveJobState.STOPPING)
        elif verb in ("pause", "resume"):
            job = self.scheduled[handle]
            self.scheduled[handle] = replace(job, trigger_state=TriggerState.PAUSED if verb == "pause" else TriggerState.NORMAL)
        elif verb == "delete":
            del self.scheduled[handle]

    async def stop_job(self, job_handle: str) -> None:
        await self._command("stop", job_handle)

    async def pause_job(self, job_handle: str) -> None:
        await self._command("pause", job_handle)

    async def resume_job(self, job_handle: str) -> None:
        await self._command("resume", job_handle)

    async def execute_job(self, job_handle: str) -> None:
        await self._command("execute", job_handle)

    async def delete_job(self, job_handle: str) -> None:
        await self._command("delete", job_handle)

    async def close(self) -> None:
        self.closed = True


def fixed_clock(now: datetime = NOW):
    return lambda: now
