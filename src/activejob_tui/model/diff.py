"""What changed between two polls: added, changed and gone items, keyed by job handle.

The decoder reuses the previous poll's objects for unchanged items, so identity (``old is new``)
is the fast path; ``==`` (dataclass equality) is the fallback.
"""

from __future__ import annotations

import hashlib
import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from .lazy import same_value

__all__ = ["KEYLESS_PREFIX", "SnapshotDiff", "diff_snapshots"]

T = TypeVar("T")

KEYLESS_PREFIX = "\x00keyless:"
"""Synthetic keys of items whose key is None start with this (no real handle can)."""

_default_key = operator.attrgetter("job_handle")


@dataclass(slots=True)
class SnapshotDiff(Generic[T]):
    """The difference between a previous snapshot and the current one."""

    added: list[T] = field(default_factory=list)
    changed: list[tuple[T, T]] = field(default_factory=list)
    """(old, new) pairs."""
    gone: list[T] = field(default_factory=list)
    unchanged_count: int = 0
    current: dict[str, T] = field(default_factory=dict)
    """The current snapshot by key, in the order received; feed it back as the next ``previous``."""
    duplicates: int = 0
    """Items dropped because a later item in the same snapshot had the same key."""
    keyless: int = 0
    """Items whose key was None, kept under a synthetic key starting with :data:`KEYLESS_PREFIX`."""

    @property
    def is_empty(self) -> bool:
        """True when nothing was added, changed or gone."""
        return not (self.added or self.changed or self.gone)


def _keyless_key(item: object, seen: dict[str, int]) -> str:
    """A key stable across polls for the same content: a digest of its repr, numbered if repeated."""
    try:
        text = repr(item)
    except Exception:  # noqa: BLE001 - a broken __repr__, whatever it raises, must not break a poll
        text = f"{type(item).__qualname__}@{id(item)}"
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
    count = seen.get(digest, 0)
    seen[digest] = count + 1
    return f"{KEYLESS_PREFIX}{digest}" + (f"#{count + 1}" if count else "")


def diff_snapshots(
    previous: Mapping[str, T],
    current: Iterable[T],
    key: Callable[[T], str | None] = _default_key,
) -> SnapshotDiff[T]:
    """Compare ``current`` items with ``previous`` (a key → item mapping, e.g. the last diff's ``current``)."""
    now: dict[str, T] = {}
    duplicates = 0
    keyless = 0
    keyless_seen: dict[str, int] = {}
    for item in current:
        k = key(item)
        if k is None:
            keyless += 1
            k = _keyless_key(item, keyless_seen)
        elif k in now:
            duplicates += 1
        now[k] = item

    added: list[T] = []
    changed: list[tuple[T, T]] = []
    unchanged = 0
    missing = object()
    get = previous.get
    for k, new in now.items():
        old = get(k, missing)
        if old is missing:
            added.append(new)
        elif old is new or same_value(old, new):  # ``==`` that leaves pending nested parts undecoded
            unchanged += 1
        else:
            changed.append((old, new))  # type: ignore[arg-type]

    matched = unchanged + len(changed)
    if matched == len(previous):
        gone: list[T] = []
    else:
        gone = [old for k, old in previous.items() if k not in now]
    return SnapshotDiff(added, changed, gone, unchanged, now, duplicates, keyless)
