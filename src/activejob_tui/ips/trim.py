"""Give the memory of a freed answer tree back to the system (glibc's ``malloc_trim``).

The lxml tree of a 50,000-job getActiveJobs answer (79 MB) takes several hundred MiB; freed, it stays
with the C allocator, so the console's RSS keeps the peak of its largest poll for ever (issue 12:
905–985 MiB at 50,000 jobs). ``malloc_trim(0)`` returns the free pages of every arena. Where the C
library is not glibc (musl, macOS, Windows) this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
import time
from collections.abc import Callable

BIG_ANSWER = 4_000_000
"""Bytes of answer from which a decode is followed by a trim (~2,500 jobs; a trim costs a few ms)."""

_trim: Callable[[int], int] | None = None
_looked = False
last_seconds = 0.0
"""How long the last trim took (for benchmarks)."""


def _malloc_trim() -> Callable[[int], int] | None:
    global _trim, _looked
    if not _looked:
        _looked = True
        if sys.platform.startswith("linux"):
            try:
                libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
                trim = libc.malloc_trim  # glibc only: an AttributeError elsewhere
                trim.argtypes = [ctypes.c_size_t]
                trim.restype = ctypes.c_int
                _trim = trim
            except (OSError, AttributeError):
                _trim = None
    return _trim


def available() -> bool:
    """Whether this platform's C library can give freed memory back (glibc)."""
    return _malloc_trim() is not None


def release_freed_memory(answer_bytes: int = BIG_ANSWER) -> bool:
    """After decoding an answer of ``answer_bytes``: trim the C heap if the answer was big (≥
    :data:`BIG_ANSWER`) and the platform can; True when a trim ran."""
    trim = _malloc_trim()
    if trim is None or answer_bytes < BIG_ANSWER:
        return False
    started = time.perf_counter()
    trim(0)
    global last_seconds
    last_seconds = time.perf_counter() - started
    return True
