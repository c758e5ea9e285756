"""Pure simulation: job plans, the live state of a job at a simulated instant, log lines.

Nothing here touches the database or the clock: a job's state is a function of its plan and
the simulated seconds elapsed since it was born, which makes restarts trivially exact.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import messages
from .xsd import SUBJOB_TYPES

ACTIVE_STATES = ("Unknown", "New", "WaitingClient", "WaitingCoordinator", "Running", "Stopping", "Done")
OUTCOMES = ("success", "warnings", "errors", "fatal")
SERVERS = ("ips-sandbox-a1", "ips-sandbox-a2", "ips-sandbox-b1")

# job type -> (taskTypes, file prefix, file extension, asset type, bytes per file)
_TYPE_TRAITS: dict[str | None, tuple[tuple[str, ...], str, str, str, int]] = {
    "imageServingPublishJob": (("CollectAssets", "Publish"), "catalog", "tif", "OptimizedImage", 2_400_000),
    "imageRenderingPublishJob": (("CollectAssets", "Publish"), "vignette", "vnt", "Vignette", 9_000_000),
    "videoPublishJob": (("Transcode", "Publish"), "clip", "mp4", "Video", 180_000_000),
    "serverDirectoryPublishJob": (("CollectAssets", "Publish"), "static", "pdf", "Pdf", 4_000_000),
    "metadataPublishJob": (("Metadata",), "asset", "xmp", "Xml", 20_000),
    "uploadDirectoryJob": (("Upload", "Optimize"), "img", "jpg", "MasterImage", 6_500_000),
    "uploadUrlsJob": (("Fetch", "Upload", "Optimize"), "url", "png", "MasterImage", 3_200_000),
    "uploadPostJob": (("Upload", "Optimize"), "post", "jpg", "MasterImage", 5_000_000),
    "optimizeImagesJob": (("Optimize",), "img", "tif", "OptimizedImage", 7_000_000),
    "ripPdfsJob": (("Rip", "Optimize"), "brochure", "pdf", "Pdf", 12_000_000),
    "reprocessAssetsJob": (("Reprocess", "Optimize"), "asset", "psd", "MasterImage", 25_000_000),
    "createVideoSitemapJob": (("Sitemap",), "video", "mp4", "Video", 50_000),
    "exportJob": (("Export", "Package"), "export", "jpg", "MasterImage", 3_000_000),
    "automatedSetGenerationJob": (("GenerateSets",), "set", "jpg", "ImageSet", 1_000_000),
    None: (("Cleanup",), "trash", "tmp", "NoType", 100_000),
}

# job type -> (begin, end, success, warning, error) log types, from IPS_JOBS_API.md §6.8 [INFER mapping]
_FAMILIES: dict[str | None, tuple[str, str, str, str | None, str]] = {
    "imageServingPublishJob": ("BeginImageServingPublish", "EndImageServingPublish", "ImageServingPublishSuccess",
                               "ImageServingPublishWarning", "ImageServingPublishError"),
    "imageRenderingPublishJob": ("BeginImageRenderingPublish", "EndImageRenderingPublish",
                                 "ImageRenderingPublishSuccess", None, "ImageRenderingPublishError"),
    "videoPublishJob": ("BeginVideoPublish", "EndVideoPublish", "VideoPublishSuccess", "VideoPublishWarning",
                        "VideoPublishError"),
    "serverDirectoryPublishJob": ("BeginServerDirectoryPublish", "EndServerDirectoryPublish",
                                  "ServerDirectoryPublishSuccess", "ServerDirectoryPublishWarning",
                                  "ServerDirectoryPublishError"),
    "metadataPublishJob": ("BeginMetadata", "EndMetadata", "MetadataSuccess", None, "MetadataFailure"),
    "uploadDirectoryJob": ("BeginUpload", "EndUpload", "UploadSuccess", "UploadWarning", "UploadError"),
    "uploadUrlsJob": ("BeginUploadUrls", "EndUploadUrls", "UploadSuccess", "UploadWarning", "UploadError"),
    "uploadPostJob": ("BeginUpload", "EndUpload", "UploadSuccess", "UploadWarning", "UploadError"),
    "optimizeImagesJob": ("BeginReoptimize", "endReoptimize", "ReoptimizeSuccess", None, "ReoptimizeFailure"),
    "ripPdfsJob": ("BeginPdfRip", "EndUpload", "UploadSuccess", "UploadWarning", "PdfRipError"),
    "reprocessAssetsJob": ("BeginUpload", "EndUpload", "UploadSuccess", "UploadWarning", "UploadError"),
    "createVideoSitemapJob": ("BeginVideoPublish", "EndVideoPublish", "VideoPublishSuccess",
                              "VideoPublishWarning", "VideoPublishError"),
    "exportJob": ("BeginGet", "EndGet", "ReturnSuccess", None, "GetFailure"),
    "automatedSetGenerationJob": ("BeginTemplateMerge", "EndTemplateMerge", "TemplateMergeSuccess", None,
                                  "TemplateMergeError"),
    None: ("BeginDelete", "EndDelete", "DeleteSuccess", None, "DeleteFailure"),
}

STOP_DELAY_REAL = 1.0  # real seconds a stopped job spends in Stopping


def traits(elem: str | None) -> tuple[tuple[str, ...], str, str, str, int]:
    return _TYPE_TRAITS.get(elem, _TYPE_TRAITS[None])


def family(elem: str | None) -> tuple[str, str, str, str | None, str]:
    return _FAMILIES.get(elem, _FAMILIES[None])


def type_string(elem: str | None, fallback: str = "Cleanup") -> str:
    return SUBJOB_TYPES[elem][1] if elem in SUBJOB_TYPES else fallback


def make_plan(rng: random.Random, elem: str | None, *, files: int | None = None, outcome: str | None = None,
              new: float | None = None, wait: float | None = None, run: float | None = None) -> dict[str, Any]:
    """Durations in simulated seconds. Defaults give a job of one to three minutes."""
    tasks, _prefix, _ext, _atype, per_file = traits(elem)
    files = files if files is not None else rng.randint(8, 400)
    if outcome is None:
        outcome = rng.choices(OUTCOMES, weights=(70, 15, 10, 5))[0]
    plan = {
        "new": new if new is not None else rng.uniform(1.0, 4.0),
        "wait": wait if wait is not None else rng.uniform(1.0, 6.0),
        "wait_state": "WaitingClient" if elem == "uploadPostJob" else "WaitingCoordinator",
        "run": run if run is not None else rng.uniform(45.0, 150.0),
        "files": files,
        "outcome": outcome,
        "fatal_at": round(rng.uniform(0.3, 0.8), 3) if outcome == "fatal" else None,
        "size": files * int(per_file * rng.uniform(0.5, 1.5)),
        "tasks": list(tasks),
        "server": rng.choice(SERVERS),
        "seed": rng.randrange(1 << 30),
    }
    return plan


def end_elapsed(plan: dict[str, Any]) -> float:
    """Simulated seconds from birth until the job leaves the active list on its own."""
    run = plan["run"] * (plan["fatal_at"] or 1.0)
    return plan["new"] + plan["wait"] + run


@dataclass(slots=True)
class Snapshot:
    state: str
    progress: int  # 0..100
    frac: float  # 0..1 of the run phase (quantized to progress)
    changed_at: float  # elapsed seconds at the last visible change
    processed: int

    @property
    def key(self) -> tuple[str, int]:
        return (self.state, self.progress)


def snapshot(plan: dict[str, Any], elapsed: float, stopped_at: float | None = None) -> Snapshot:
    t = elapsed if stopped_at is None else min(elapsed, stopped_at)
    new, wait, run = plan["new"], plan["wait"], plan["run"]
    if t < new:
        snap = Snapshot("New", 0, 0.0, 0.0, 0)
    elif t < new + wait:
        snap = Snapshot(plan["wait_state"], 0, 0.0, new, 0)
    else:
        limit = plan["fatal_at"] or 1.0
        frac = min((t - new - wait) / run, limit) if run > 0 else limit
        progress = min(int(frac * 100), 100)
        q = progress / 100
        processed = int(plan["files"] * q)
        snap = Snapshot("Running" if frac < 1.0 else "Done", progress, q, new + wait + q * run, processed)
    if stopped_at is not None:
        snap.state = "Stopping"
        snap.changed_at = stopped_at
    return snap


def progress_message(plan: dict[str, Any], snap: Snapshot, language: str = messages.ENGLISH) -> str:
    """The job's progressMessage in ``language`` (``messages.answer_language`` of the request)."""
    if snap.state in messages.STATE_PROGRESS:
        return messages.text(messages.STATE_PROGRESS[snap.state], language)
    names = plan["tasks"]
    i = min(int(snap.frac * len(names)), len(names) - 1)
    return messages.text(messages.RUNNING_PROGRESS, language, task=names[i], index=i + 1, count=len(names),
                         share=f"{snap.progress}%", files=plan["files"])


def tasks(plan: dict[str, Any], snap: Snapshot, language: str = messages.ENGLISH) -> list[dict[str, Any]]:
    """The taskProgressArray items (dates as elapsed seconds; the caller maps them to wall time)."""
    names = plan["tasks"]
    n = len(names)
    files = plan["files"]
    out = []
    started = snap.state in ("Running", "Stopping", "Done") and (snap.progress > 0 or snap.state != "Stopping")
    for i, name in enumerate(names):
        lo, hi = i / n, (i + 1) / n
        if not started or snap.frac < lo:
            local, state = 0.0, "New"
        elif snap.frac >= hi:
            local, state = 1.0, "Done"
        else:
            local, state = (snap.frac - lo) * n, "Processing"
        if snap.state == "Stopping" and state == "Processing":
            state = "Stopping"
        done = int(files * local)
        processing = 0 if state in ("New", "Done") else min(files - done, 4)
        out.append({
            "taskType": name, "taskState": state, "numProcessed": done, "numProcessing": processing,
            "numPending": files - done - processing, "progress": round(local, 4),
            "progressMessage": messages.text(messages.TASK_PROGRESS, language, task=name, done=done, files=files),
            "lastProgressUpdate": snap.changed_at,
        })
    return out


# --------------------------------------------------------------------------- job logs
_WARNINGS = messages.WARNINGS
_ERRORS = messages.ERRORS


def file_times(plan: dict[str, Any], start: float, speed: float) -> Callable[[int], float]:
    """When file ``k`` (0, 1, …) of a job born at wall time ``start`` is processed, in wall seconds: as the
    job's progress reaches it (:func:`snapshot`), so a line's time never changes between two reads of
    a running job's log, nor when the job ends (a new user saw lines reorder: spread over [start, now],
    every read moved them)."""
    ahead = plan["new"] + plan["wait"]
    each = plan["run"] / max(plan["files"], 1)
    return lambda k: start + (ahead + each * (k + 1)) / speed


def log_lines(elem: str | None, plan: dict[str, Any], original_name: str, submit_user: str, type_str: str,
              start: float, end: float, *, processed: int | None = None, cancelled: bool = False,
              company_id: int = 1, at: Callable[[int], float] | None = None,
              ) -> tuple[dict[str, Any], list[tuple[str, str, float, str | None, str | None, str | None]]]:
    """Summary counts and detail lines of a finished (or cancelled) job.

    Each processed file yields exactly one line (success, warning, error, duplicate or updated),
    so the summary counts always equal the number of lines of each kind. File ``k``'s line is at
    ``at(k)`` (:func:`file_times`, a job the engine ran), else spread evenly over [start, end] (seeded history).
    """
    rng = random.Random(plan["seed"])
    begin_t, end_t, ok_t, warn_t, err_t = family(elem)
    _tasks, prefix, ext, asset_type, _per = traits(elem)
    files = plan["files"]
    outcome = plan["outcome"]
    fatal = outcome == "fatal" and not cancelled
    if processed is None:
        processed = int(files * plan["fatal_at"]) if fatal else files
    span = max(end - start, 0.001)
    lines: list[tuple[str, str, float, str | None, str | None, str | None]] = []
    # English, as stored; messages.localize puts them into each answer's locale
    lines.append((messages.BEGUN.format(name=original_name), begin_t, start, None, None, None))
    lines.append((original_name, "OriginalJobName", start, None, None, None))
    lines.append((messages.SUBMITTED.format(user=submit_user), "JobClient", start, None, None, None))
    lines.append((type_str, "JobType", start, None, None, None))
    lines.append((str(files), "TotalFileCount", start, None, None, None))
    counts = {"success": 0, "warning": 0, "error": 0, "duplicate": 0, "updated": 0}
    warn_rate = {"success": 0.0, "warnings": 0.15, "errors": 0.05, "fatal": 0.05}[outcome]
    err_rate = {"success": 0.0, "warnings": 0.0, "errors": 0.12, "fatal": 0.03}[outcome]
    is_upload = elem in ("uploadDirectoryJob", "uploadUrlsJob", "uploadPostJob")
    for k in range(processed):
        t = at(k) if at is not None else start + span * (k + 1) / (processed + 2)
        asset = f"{prefix}_{k + 1:05d}.{ext}"
        ahandle = f"a|{company_id}|1|{plan['seed'] % 100000 + k}"
        r = rng.random()
        if warn_t and r < warn_rate:
            lines.append((messages.ASSET_PROBLEM.format(asset=asset, problem=rng.choice(_WARNINGS)), warn_t, t, asset,
                          asset_type, ahandle))
            counts["warning"] += 1
        elif r < warn_rate + err_rate:
            lines.append((messages.ASSET_PROBLEM.format(asset=asset, problem=rng.choice(_ERRORS)), err_t, t, asset,
                          asset_type, None))
            counts["error"] += 1
        elif is_upload and r > 0.97:
            lines.append((messages.DUPLICATE.format(asset=asset), "DuplicateSkipped", t, asset, asset_type,
                          ahandle))
            counts["duplicate"] += 1
        elif is_upload and r > 0.94:
            lines.append((messages.UPDATED.format(asset=asset), "FileUpdated", t, asset, asset_type, ahandle))
            counts["updated"] += 1
        else:
            lines.append((messages.PROCESSED.format(asset=asset), ok_t, t, asset, asset_type, ahandle))
            counts["success"] += 1
    if cancelled:
        lines.append((messages.CANCELLED.format(processed=processed, files=files), "FileCancel", end,
                      None, None, None))
        log_type = "FileCancel"
    elif fatal:
        lines.append((messages.FATAL.format(processed=processed, files=files), "FatalError", end, None, None, None))
        log_type = "FatalError"
    else:
        lines.append((messages.ENDED.format(name=original_name), end_t, end, None, None, None))
        if counts["error"]:
            log_type = err_t
        elif counts["warning"] and warn_t:
            log_type = warn_t
        else:
            log_type = end_t
    summary = {
        "log_type": log_type, "success": counts["success"], "error": counts["error"],
        "warning": counts["warning"], "duplicate": counts["duplicate"], "updated": counts["updated"],
        "total": files, "t_success": counts["success"] if is_upload else 0,
        "t_error": counts["error"] if is_upload else 0, "t_warning": 0, "fatal": 1 if fatal else 0,
    }
    return summary, lines
