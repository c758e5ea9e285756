"""Fields of a frozen record that are filled on first read, invisibly to the reader.

The decoder (``ips.lazy``) builds an :class:`~.jobs.ActiveJob` or :class:`~.jobs.ScheduledJob`
from the job's top-level elements and leaves its nested parts (``task_progress_array``,
``sub_job``: tasks, task items, the sub-job and its option groups) as one :class:`Pending` that
knows how to decode them. The first read of any of those attributes decodes them all and stores
the values in the instance's slots; every later read is a plain slot read.

Nothing of this is visible to callers: the attribute names and types are the dataclass's own,
and equality, hashing, ``repr``, ``dataclasses.asdict``/``replace``, ``copy`` and pickling all
read attributes, so they see decoded values. A ``Pending`` never escapes an attribute read.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

__all__ = ["Pending", "install", "lazy_names", "pending_of", "same_value"]


class Pending:
    """The not-yet-decoded nested part of one record.

    ``load(arg)`` returns ``{attribute: value}`` for the lazy attributes (an attribute it leaves
    out is ``None``); it raises what the eager decoder would raise for the same bytes.
    """

    __slots__ = ("arg", "load")

    def __init__(self) -> None:
        self.load: Callable[[Any], dict[str, Any]] | None = None
        self.arg: Any = None

    def bind(self, load: Callable[[Any], dict[str, Any]], arg: Any) -> None:
        """Say how to decode: ``load(arg)`` on first read."""
        self.load, self.arg = load, arg


class _LazyField:
    """A data descriptor over a slot: a :class:`Pending` in the slot is resolved on read."""

    __slots__ = ("group", "name", "slot")

    def __init__(self, name: str, slot: Any, group: tuple[tuple[str, Any], ...]) -> None:
        self.name = name
        self.slot = slot  # the slot's own member descriptor
        self.group = group  # (name, slot) of every lazy attribute of the class

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        value = self.slot.__get__(obj, owner)
        if value.__class__ is Pending:
            return self._resolve(obj, value)
        return value

    def __set__(self, obj: Any, value: Any) -> None:
        self.slot.__set__(obj, value)  # only reached through object.__setattr__ (frozen dataclasses)

    def _resolve(self, obj: Any, pending: Pending) -> Any:
        if pending.load is None:
            raise RuntimeError(f"{type(obj).__name__}.{self.name} was read before its decoder bound it")
        values = pending.load(pending.arg)
        for name, slot in self.group:
            if slot.__get__(obj) is pending:
                slot.__set__(obj, values.get(name))
        return self.slot.__get__(obj)


_SLOTS: dict[type, tuple[Any, ...]] = {}


def install(cls: type, *names: str) -> None:
    """Make ``names`` (slotted dataclass fields of ``cls``) resolve a :class:`Pending` on read."""
    slots = tuple((name, cls.__dict__[name]) for name in names)
    for name, slot in slots:
        setattr(cls, name, _LazyField(name, slot, slots))
    _SLOTS[cls] = tuple(slot for _, slot in slots)


def lazy_names(cls: type) -> tuple[str, ...]:
    """The attributes of ``cls`` that may be filled on first read (``()`` for other classes)."""
    return tuple(name for name, value in vars(cls).items() if value.__class__ is _LazyField)


def pending_of(obj: Any) -> Pending | None:
    """The unresolved :class:`Pending` of ``obj``, or None (for decoders; reads no lazy value)."""
    for slot in _SLOTS.get(type(obj), ()):
        raw = slot.__get__(obj)
        if raw.__class__ is Pending:
            return raw
    return None


_PLAIN: dict[type, tuple[str, ...]] = {}


def same_value(a: Any, b: Any) -> bool:
    """``a == b``, without decoding nested parts that are still pending in both.

    Two records whose nested parts are both pending are equal when their other fields are equal and
    both would decode from equal bytes with the same loader (``Pending.load`` and ``Pending.arg``):
    then their nested values are equal too. Bytes that differ count as a change (the nested parts
    changed, or were written differently: either way the poll shows the job as changed). In every
    other case this is ``a == b``. Used by ``model.diff``: at 50,000 jobs, ``==`` on each changed job
    decoded both snapshots' tasks and sub-job (issue 12).
    """
    if a is b:
        return True
    if a.__class__ is not b.__class__ or a.__class__ not in _SLOTS:
        return bool(a == b)
    pa, pb = pending_of(a), pending_of(b)
    if pa is None or pb is None:
        return bool(a == b)
    plain = _PLAIN.get(a.__class__)
    if plain is None:
        lazy = set(lazy_names(a.__class__))
        plain = _PLAIN[a.__class__] = tuple(f.name for f in dataclasses.fields(a.__class__) if f.name not in lazy)
    return all(getattr(a, name) == getattr(b, name) for name in plain) and pa.load is pb.load and pa.arg == pb.arg
