"""SQLite persistence (stdlib sqlite3, WAL). Every mutation commits before returning.

Active and scheduled jobs are mirrored in memory (they are read on every poll); job logs
and their detail lines are only read from the database. A job's live state (progress,
tasks...) is not stored: it is a pure function of its stored plan and the persisted
simulated clock (see :mod:`.sim`), so a restart resumes exactly where it was.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS companies(
  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, root_path TEXT NOT NULL, expires REAL, ims_org_id TEXT);
CREATE TABLE IF NOT EXISTS users(
  id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE COLLATE NOCASE, salt BLOB NOT NULL, pw_hash BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS memberships(
  user_id INTEGER NOT NULL, company_id INTEGER NOT NULL, role TEXT NOT NULL, PRIMARY KEY(user_id, company_id));
CREATE TABLE IF NOT EXISTS active_jobs(
  id INTEGER PRIMARY KEY, handle TEXT NOT NULL UNIQUE, company_id INTEGER NOT NULL, name TEXT NOT NULL,
  original_name TEXT NOT NULL, type TEXT NOT NULL, submit_user TEXT NOT NULL, locale TEXT, description TEXT,
  start_date REAL NOT NULL, trigger_time REAL NOT NULL, subjob_elem TEXT, subjob TEXT NOT NULL,
  plan TEXT NOT NULL, born_sim REAL NOT NULL, stop_sim REAL, stop_real REAL);
CREATE TABLE IF NOT EXISTS scheduled_jobs(
  id INTEGER PRIMARY KEY, handle TEXT NOT NULL UNIQUE, company_id INTEGER NOT NULL, name TEXT NOT NULL,
  original_name TEXT NOT NULL, type TEXT NOT NULL, submit_user TEXT NOT NULL, locale TEXT, description TEXT,
  exec_schedule TEXT, exec_time REAL, next_fire REAL, time_zone TEXT, trigger_state TEXT NOT NULL,
  subjob_elem TEXT, subjob TEXT NOT NULL, plan_hint TEXT NOT NULL DEFAULT '{}');
CREATE TABLE IF NOT EXISTS job_logs(
  id INTEGER PRIMARY KEY, handle TEXT NOT NULL, company_id INTEGER NOT NULL, job_name TEXT NOT NULL,
  original_job_name TEXT NOT NULL, submit_user TEXT NOT NULL, log_type TEXT NOT NULL, job_sub_type TEXT NOT NULL,
  start_date REAL, end_date REAL, description TEXT NOT NULL, success INTEGER NOT NULL, error INTEGER NOT NULL,
  warning INTEGER NOT NULL, duplicate INTEGER NOT NULL, updated INTEGER NOT NULL, total INTEGER NOT NULL,
  t_success INTEGER NOT NULL, t_error INTEGER NOT NULL, t_warning INTEGER NOT NULL, fatal INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS job_logs_company ON job_logs(company_id, start_date);
CREATE INDEX IF NOT EXISTS job_logs_handle ON job_logs(handle);
CREATE TABLE IF NOT EXISTS job_log_details(
  id INTEGER PRIMARY KEY, log_id INTEGER NOT NULL, message TEXT NOT NULL, log_type TEXT NOT NULL,
  date_created REAL NOT NULL, asset_name TEXT, asset_type TEXT, asset_handle TEXT);
CREATE INDEX IF NOT EXISTS job_log_details_log ON job_log_details(log_id, id);
"""

PBKDF2_ITERATIONS = 200_000


def _rowid(cursor: sqlite3.Cursor) -> int:
    """The id SQLite gave the row an INSERT just added (never None after an INSERT)."""
    rowid = cursor.lastrowid
    assert rowid is not None, "lastrowid after an INSERT"
    return rowid


def hash_password(password: str, salt: bytes | None = None) -> tuple[bytes, bytes]:
    salt = salt or os.urandom(16)
    return salt, hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, PBKDF2_ITERATIONS)


@dataclass(slots=True)
class Company:
    id: int
    name: str
    root_path: str
    expires: float | None = None
    ims_org_id: str | None = None

    @property
    def handle(self) -> str:
        return f"c|{self.id}"


@dataclass(slots=True, eq=False)
class ActiveJobRow:
    """One row of the sandbox's ``active_jobs`` table (not the model's ``ActiveJob``; render.py turns it into one)."""

    id: int
    handle: str
    company_id: int
    name: str
    original_name: str
    type: str
    submit_user: str
    locale: str | None
    description: str | None
    start_date: float
    trigger_time: float
    subjob_elem: str | None
    subjob: dict[str, Any]
    plan: dict[str, Any]
    born_sim: float
    stop_sim: float | None = None
    stop_real: float | None = None
    # render cache: version -> (state key, xml); sub-job xml per version
    cache: dict[str, tuple[Any, str]] = field(default_factory=dict)
    subjob_xml: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True, eq=False)
class ScheduledJobRow:
    """One row of the sandbox's ``scheduled_jobs`` table (not the model's ``ScheduledJob``; render.py turns it into one)."""

    id: int
    handle: str
    company_id: int
    name: str
    original_name: str
    type: str
    submit_user: str
    locale: str | None
    description: str | None
    exec_schedule: str | None
    exec_time: float | None
    next_fire: float | None
    time_zone: str | None
    trigger_state: str
    subjob_elem: str | None
    subjob: dict[str, Any]
    plan_hint: dict[str, Any]


_ACTIVE_COLS = ["id", "handle", "company_id", "name", "original_name", "type", "submit_user", "locale", "description", "start_date", "trigger_time", "subjob_elem", "subjob", "plan", "born_sim", "stop_sim", "stop_real"]
_SCHED_COLS = ["id", "handle", "company_id", "name", "original_name", "type", "submit_user", "locale", "description", "exec_schedule", "exec_time", "next_fire", "time_zone", "trigger_state", "subjob_elem", "subjob", "plan_hint"]
_LOG_COLS = ["handle", "company_id", "job_name", "original_job_name", "submit_user", "log_type", "job_sub_type", "start_date", "end_date", "description", "success", "error", "warning", "duplicate", "updated", "total", "t_success", "t_error", "t_warning", "fatal"]


class Store:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA busy_timeout=5000")
        self.db.executescript(SCHEMA)
        self.lock = threading.RLock()
        self.active: dict[int, ActiveJobRow] = {}
        self.by_handle: dict[str, ActiveJobRow] = {}
        self.scheduled: dict[int, ScheduledJobRow] = {}
        self.companies: dict[int, Company] = {}
        self._secret = os.urandom(32)
        self._verified: dict[tuple[str, bytes], tuple[int, bytes]] = {}
        self.load()

    # ------------------------------------------------------------------ plumbing
    def close(self) -> None:
        self.db.close()

    def tx(self):
        """``with store.tx() as db:`` one committed transaction."""
        return _Tx(self)

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: Any, db: sqlite3.Connection | None = None) -> None:
        (db or self.db).execute("INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET "
                                "value=excluded.value", (key, str(value)))

    def next_counter(self, db: sqlite3.Connection, key: str = "job_counter") -> int:
        n = int(self.get_meta(key) or "0") + 1
        self.set_meta(key, n, db)
        return n

    @property
    def is_new(self) -> bool:
        return self.get_meta("seeded") is None

    def load(self) -> None:
        self.companies = {r["id"]: Company(r["id"], r["name"], r["root_path"], r["expires"], r["ims_org_id"])
                          for r in self.db.execute("SELECT * FROM companies")}
        self.active.clear()
        self.by_handle.clear()
        for r in self.db.execute("SELECT * FROM active_jobs ORDER BY id"):
            job = self._active_from_row(r)
            self.active[job.id] = job
            self.by_handle[job.handle] = job
        self.scheduled = {}
        for r in self.db.execute("SELECT * FROM scheduled_jobs ORDER BY id"):
            d = {k: r[k] for k in _SCHED_COLS}
            d["subjob"] = json.loads(d["subjob"])
            d["plan_hint"] = json.loads(d["plan_hint"])
            self.scheduled[r["id"]] = ScheduledJobRow(**d)

    @staticmethod
    def _active_from_row(r: sqlite3.Row) -> ActiveJobRow:
        d = {k: r[k] for k in _ACTIVE_COLS}
        d["subjob"] = json.loads(d["subjob"])
        d["plan"] = json.loads(d["plan"])
        return ActiveJobRow(**d)

    # ------------------------------------------------------------------ companies & users
    def add_company(self, db: sqlite3.Connection, name: str, root_path: str | None = None,
                    ims_org_id: str | None = None) -> Company:
        cur = db.execute("INSERT INTO companies(name, root_path, ims_org_id) VALUES(?, ?, ?)",
                         (name, root_path or name.replace(" ", "") + "/", ims_org_id))
        c = Company(_rowid(cur), name, root_path or name.replace(" ", "") + "/", None, ims_org_id)
        self.companies[c.id] = c
        return c

    def add_user(self, db: sqlite3.Connection, email: str, password: str) -> int:
        salt, pw_hash = hash_password(password)
        return _rowid(db.execute("INSERT INTO users(email, salt, pw_hash) VALUES(?, ?, ?)",
                                 (email, salt, pw_hash)))

    def add_membership(self, db: sqlite3.Connection, user_id: int, company_id: int, role: str = "IpsUser") -> None:
        db.execute("INSERT OR REPLACE INTO memberships VALUES(?, ?, ?)", (user_id, company_id, role))

    def authenticate(self, email: str, password: str) -> int | None:
        """The user id if the password matches, else None. Verified pairs are remembered in memory
        under an HMAC of the password with a per-process secret (PBKDF2 on every poll would cost
        ~100 ms), together with the stored hash they were checked against: a password changed in the
        database meanwhile (another process, an operator's script) is noticed on the next request.
        Nothing about the password is logged or written."""
        key = (email.lower(), hmac.new(self._secret, password.encode("utf-8"), "sha256").digest())
        row = self.db.execute("SELECT id, salt, pw_hash FROM users WHERE email=?", (email,)).fetchone()
        if row is None:
            hash_password(password, b"0" * 16)  # same cost either way
            return None
        if self._verified.get(key) == (row["id"], row["pw_hash"]):
            return row["id"]
        if not hmac.compare_digest(hash_password(password, row["salt"])[1], row["pw_hash"]):
            return None
        if len(self._verified) > 1000:
            self._verified.clear()
        self._verified[key] = (row["id"], row["pw_hash"])
        return row["id"]

    def user_email(self, user_id: int) -> str:
        return self.db.execute("SELECT email FROM users WHERE id=?", (user_id,)).fetchone()[0]

    def user_by_email(self, email: str) -> int | None:
        row = self.db.execute("SELECT id FROM users WHERE email=?", (email,)).fetchone()
        return row[0] if row else None

    def memberships(self, user_id: int) -> dict[int, str]:
        return {r[0]: r[1] for r in self.db.execute(
            "SELECT company_id, role FROM memberships WHERE user_id=?", (user_id,))}

    # ------------------------------------------------------------------ active jobs
    def insert_active(self, db: sqlite3.Connection, **kw: Any) -> ActiveJobRow:
        cols = [c for c in _ACTIVE_COLS if c != "id"]
        vals = [json.dumps(kw[c]) if c in ("subjob", "plan") else kw.get(c) for c in cols]
        cur = db.execute(f"INSERT INTO active_jobs({', '.join(cols)}) VALUES({', '.join('?' * len(cols))})", vals)
        values: dict[str, Any] = {c: kw.get(c) for c in cols}
        job = ActiveJobRow(id=_rowid(cur), **values)
        self.active[job.id] = job
        self.by_handle[job.handle] = job
        return job

    def set_stop(self, db: sqlite3.Connection, job: ActiveJobRow, stop_sim: float, stop_real: float) -> None:
        db.execute("UPDATE active_jobs SET stop_sim=?, stop_real=? WHERE id=?", (stop_sim, stop_real, job.id))
        job.stop_sim, job.stop_real = stop_sim, stop_real
        job.cache.clear()

    def delete_active(self, db: sqlite3.Connection, job: ActiveJobRow) -> None:
        db.execute("DELETE FROM active_jobs WHERE id=?", (job.id,))
        self.active.pop(job.id, None)
        self.by_handle.pop(job.handle, None)

    # ------------------------------------------------------------------ scheduled jobs
    def insert_scheduled(self, db: sqlite3.Connection, **kw: Any) -> ScheduledJobRow:
        cols = [c for c in _SCHED_COLS if c != "id"]
        kw.setdefault("plan_hint", {})
        vals = [json.dumps(kw[c]) if c in ("subjob", "plan_hint") else kw.get(c) for c in cols]
        cur = db.execute(f"INSERT INTO scheduled_jobs({', '.join(cols)}) VALUES({', '.join('?' * len(cols))})",
                         vals)
        values: dict[str, Any] = {c: kw.get(c) for c in cols}
        job = ScheduledJobRow(id=_rowid(cur), **values)
        self.scheduled[job.id] = job
        return job

    def update_scheduled(self, db: sqlite3.Connection, job: ScheduledJobRow, **kw: Any) -> None:
        sets = ", ".join(f"{k}=?" for k in kw)
        db.execute(f"UPDATE scheduled_jobs SET {sets} WHERE id=?", (*kw.values(), job.id))
        for k, v in kw.items():
            setattr(job, k, v)

    def delete_scheduled(self, db: sqlite3.Connection, job: ScheduledJobRow) -> None:
        db.execute("DELETE FROM scheduled_jobs WHERE id=?", (job.id,))
        self.scheduled.pop(job.id, None)

    def scheduled_by_handle(self, handle: str) -> ScheduledJobRow | None:
        for j in self.scheduled.values():
            if j.handle == handle:
                return j
        return None

    # ------------------------------------------------------------------ logs
    def insert_log(self, db: sqlite3.Connection, summary: dict[str, Any],
                   details: Iterable[tuple[str, str, float, str | None, str | None, str | None]]) -> int:
        cur = db.execute(f"INSERT INTO job_logs({', '.join(_LOG_COLS)}) VALUES({', '.join('?' * len(_LOG_COLS))})",
                         [summary[c] for c in _LOG_COLS])
        log_id = _rowid(cur)
        db.executemany("INSERT INTO job_log_details(log_id, message, log_type, date_created, asset_name, "
                       "asset_type, asset_handle) VALUES(?, ?, ?, ?, ?, ?, ?)",
                       ((log_id, *d) for d in details))
        return log_id

    def prune_logs(self, db: sqlite3.Connection, keep: int) -> None:
        """Delete the oldest job logs beyond ``keep`` per company, sparing the seeded ones."""
        floor = int(self.get_meta("seed_log_max", "0") or 0)
        for (cid,) in db.execute("SELECT DISTINCT company_id FROM job_logs").fetchall():
            old = [r[0] for r in db.execute("SELECT id FROM job_logs WHERE company_id=? AND id>? ORDER BY id DESC "
                                            "LIMIT -1 OFFSET ?", (cid, floor, keep))]
            if old:
                marks = ",".join("?" * len(old))
                db.execute(f"DELETE FROM job_log_details WHERE log_id IN ({marks})", old)
                db.execute(f"DELETE FROM job_logs WHERE id IN ({marks})", old)
                log.info("pruned %d old job logs of company %s", len(old), cid)

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        return self.db.execute(sql, tuple(params)).fetchall()


class _Tx:
    def __init__(self, store: Store) -> None:
        self.store = store

    def __enter__(self) -> sqlite3.Connection:
        self.store.lock.acquire()
        self.store.db.execute("BEGIN IMMEDIATE")
        return self.store.db

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self.store.db.execute("COMMIT")
            else:
                self.store.db.execute("ROLLBACK")
                # in-memory mirrors may be ahead of the database: reload them
                self.store.load()
        finally:
            self.store.lock.release()
