"""The C allocator's share of the console's memory: freed answer trees given back to the system
(glibc's ``malloc_trim``), and few arenas (glibc's ``mallopt(M_ARENA_MAX)``).

The lxml tree of a 50,000-job getActiveJobs answer (79 MB) takes several hundred MiB; freed, it stays
with the C allocator, so the console's RSS keeps the peak of its largest poll for ever (issue 12:
905–985 MiB at 50,000 jobs). ``malloc_trim(0)`` returns the free pages of every arena.

glibc gives each thread that allocates while the others hold theirs an arena of its own (up to 8 per
core); the decode, the WSDL's parse and the answer's join run in worker threads, and each arena keeps
its freed memory to itself. :func:`limit_arenas` caps them (the console calls it at start, before its
threads): the 17-job demo's thread arenas went from 2.8–3.5 MiB to 0.2–0.6 MiB (issue 9).

Where the C library is not glibc (musl, macOS, Windows) this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
import time
from collections.abc import Callable

BIG_ANSWER = 4_000_000
"""Bytes of answer from which a decode is followed by a trim (~2,500 jobs; a trim costs a few ms)."""

ARENAS = 2
"""glibc malloc arenas the console keeps: the main thread's and one its worker threads share (a worker
that finds both taken waits for one: the decode holds the interpreter's lock most of the time anyway)."""

M_ARENA_MAX = -8
"""glibc's ``mallopt`` parameter for the most arenas (``malloc.h``)."""

_glibc: ctypes.CDLL | None = None
_looked = False
last_seconds = 0.0
"""How long the last trim took (for benchmarks)."""


def _libc() -> ctypes.CDLL | None:
    """glibc, or None where the C library is another (``malloc_trim`` is glibc's own)."""
    global _glibc, _looked
    if not _looked:
        _looked = True
        if sys.platform.startswith("linux"):
            try:
                libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
                libc.malloc_trim.argtypes = [ctypes.c_size_t]  # glibc only: an AttributeError elsewhere
                libc.malloc_trim.restype = ctypes.c_int
                libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
                libc.mallopt.restype = ctypes.c_int
                _glibc = libc
            except (OSError, AttributeError):
                _glibc = None
    return _glibc


def _malloc_trim() -> Callable[[int], int] | None:
    libc = _libc()
    return None if libc is None else libc.malloc_trim


def limit_arenas(arenas: int = ARENAS) -> bool:
    """Cap glibc's malloc arenas at ``arenas`` for the threads that allocate from now on (those that
    already have one keep it); True when glibc took the setting, False elsewhere."""
    libc = _libc()
    return libc is not None and libc.mallopt(M_ARENA_MAX, arenas) == 1


def available() -> bool:
    """Whether this platform's C library can give freed memory back (glibc)."""
    return _malloc_trim() is not None


def release_freed_memory(answer_bytes: int = BIG_ANSWER) -> bool:
    """After decoding an answer of ``answer_bytes``: trim the C heap if the answer was big (≥
    :data:`BIG_ANSWER`) and the platform can; True when a trim ran."""
    return answer_bytes >= BIG_ANSWER and trim_now()


def trim_now() -> bool:
    """Trim the C heap now (every arena's free pages back to the system): True when a trim ran (glibc),
    its duration in :data:`last_seconds`."""
    trim = _malloc_trim()
    if trim is None:
        return False
    started = time.perf_counter()
    trim(0)
    global last_seconds
    last_seconds = time.perf_counter() - started
    return True
