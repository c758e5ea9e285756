"""The steady-poll cache: repeated answers of one operation decoded by changed items only.

The answer's top-level ``<items>`` are cut out of the raw bytes, and an item whose bytes did not
change since the previous poll reuses the previous poll's object; only new or changed items are
parsed (with :mod:`.decode`'s tables). Any doubt falls back to the full decode, so the result
always equals ``decode.decode_*`` of the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Generic, TypeVar, cast

from ..model.jobs import ActiveJob, JobLog, ScheduledJob
from .cut import FIRST_FIELD, checked_cut, cut_items, wrapper
from .decode import ACTIVE, LOGS, SCHEDULED, Answer, guard, local_of, top_level_decoder_for
from .lazy import bind, decode_answer
from .trim import release_freed_memory
from .wire import parse_xml

__all__ = ["ActiveJobsDecoder", "IncrementalDecoder", "JobLogsDecoder", "ScheduledJobsDecoder"]

T = TypeVar("T")

LOOKUP_BLOCK = 2048
"""Items looked up in the cache per step. One ``list(map(get, views))`` over 50,000 items hashes and
compares the whole answer (79 MB) in a single C call that never lets go of the interpreter lock: the
console's UI thread stood still for 250–310 ms. A block is ~5 ms of work, and between blocks the
lock can change hands."""

class IncrementalDecoder(Generic[T]):
    """Decodes repeated answers of one operation, reusing the objects of unchanged items.

    How: the answer's top-level ``<items>`` are cut out of the raw bytes. Each starts where an
    ``<P:items>`` tag is directly followed by the item type's first element (``companyHandle`` for
    jobs and job logs), and each cut piece must hold as many ``<P:items>`` tags as ``</P:items>``
    tags, so it is a run of whole elements. The first answer is decoded in full and the cut is
    accepted only if it yields exactly as many pieces as the full parse found items. Later, a piece
    whose bytes equal a piece of the previous answer reuses that answer's object; the new or
    changed pieces are parsed together in one small document that re-declares the answer's
    namespaces, and must yield one ``items`` element each. The skeleton (the answer without its
    items) is parsed on its own whenever it changes, so a broken envelope is still refused. Any
    doubt (comments, CDATA, attributes on items, an unusual encoding…) falls back to the full
    decode. The result always equals ``decode_*`` of the same bytes.

    Not thread-safe: use one decoder per poller (decode one answer at a time).
    """

    spec: ClassVar[Answer]
    first_field: ClassVar[bytes] = FIRST_FIELD

    def __init__(self) -> None:
        self._cache: dict[bytes, tuple[bytes, T]] = {}
        """An item's bytes → (the same bytes object, its decoded object)."""
        self._skeleton: bytes | None = None
        self._wrap_open: bytes = b""
        self._wrap_close: bytes = b""
        self.last_stats: dict[str, Any] = {}
        """How the last answer was decoded: ``{"mode": "full"|"incremental", "items", "parsed"}``."""

    def reset(self) -> None:
        """Forget the previous answer (the next one is decoded in full)."""
        self._cache = {}
        self._skeleton = None

    def decode(self, data: bytes, first_page: Callable[[list[T]], None] | None = None) -> list[T]:
        """A whole SOAP answer → model objects; MalformedResponse for anything else. ``first_page``:
        see :func:`.lazy.decode_answer` (a cold answer only: a steady one is quick)."""
        if isinstance(data, (bytearray, memoryview)):
            data = bytes(data)
        if self._skeleton is not None and isinstance(data, bytes):
            try:
                result = self._decode_incremental(data)
            except Exception:  # noqa: BLE001 - any doubt: the full path gives the authoritative answer
                result = None
            if result is not None:
                release_freed_memory(len(data))  # the last poll's item bytes, freed (.trim)
                return result
        result = self._decode_full_and_index(data, first_page)
        release_freed_memory(len(data))  # the freed tree of a big answer back to the system (.trim)
        return result

    # -- full path ----------------------------------------------------------------------------

    def _decode_full_and_index(self, data: bytes, first_page: Callable[[list[T]], None] | None = None) -> list[T]:
        spec = self.spec
        self._cache = {}
        self._skeleton = None
        items, cut, context = decode_answer(data, spec, self.first_field, first_page)  # nested parts lazy (.lazy)
        self.last_stats = {"mode": "full", "items": len(items), "parsed": len(items)}
        if not items:
            return items
        if context is not None and cut is not None:
            self._wrap_open, self._wrap_close = context[0], context[1]
        else:  # a class without lazy fields, or an answer decoded eagerly: cut it for the next poll
            cut = checked_cut(data, spec, self.first_field)
            if cut is None or len(cut.slices) != len(items):
                return items
            try:
                self._wrap_open, self._wrap_close = wrapper(cut.skeleton, cut.encoding, spec)
            except Exception:  # noqa: BLE001 - no wrapper: the items decoded the full way stand
                return items
        self._cache = {key: (key, obj) for key, obj in zip(cut.slices, items, strict=True)}
        self._skeleton = cut.skeleton
        return items

    # -- steady path ----------------------------------------------------------------------------

    def _decode_incremental(self, data: bytes) -> list[T] | None:
        # The pieces are views into ``data`` (a memoryview hashes and compares as the bytes it shows):
        # an unchanged item keeps the bytes object of the poll that decoded it, so a steady poll copies
        # only the changed items' bytes, not the whole answer again (79 MB at 50,000 jobs).
        cut = cut_items(data, self.spec, self.first_field, whole=False, views=True)
        if cut is None:
            return None
        views = cut.slices
        get = self._cache.get
        hits: list[tuple[bytes, T | None] | None] = []
        for block in range(0, len(views), LOOKUP_BLOCK):  # see LOOKUP_BLOCK: the UI thread gets its turns
            hits += map(get, views[block:block + LOOKUP_BLOCK])
        missing = [i for i, hit in enumerate(hits) if hit is None]
        if cut.skeleton != self._skeleton:
            # A different envelope: parse and check it on its own (raises MalformedResponse).
            self._wrap_open, self._wrap_close = wrapper(cut.skeleton, cut.encoding, self.spec)
            self._skeleton = cut.skeleton
        for i in missing:
            hits[i] = (bytes(views[i]), None)
        filled = cast("list[tuple[bytes, T | None]]", hits)  # the loop above filled every miss (None)
        del views
        cut.slices = []
        keys = [hit[0] for hit in filled]
        out: list[Any] = [hit[1] for hit in filled]
        parsed = 0
        if missing:
            unique = list(dict.fromkeys(keys[i] for i in missing))
            if not all(map(cut.piece_ok, unique)):
                return None
            root = parse_xml(self._wrap_open + b"".join(unique) + self._wrap_close, self.spec.operation)
            children = list(root)
            if len(children) != len(unique) or any(local_of(c.tag) != "items" for c in children):
                return None
            decode = top_level_decoder_for(self.spec.item_cls).decode
            decoded = guard(self.spec, lambda: [decode(c) for c in children])
            del root, children
            bind(decoded, unique, (self._wrap_open, self._wrap_close, self.spec))
            fresh = dict(zip(unique, decoded, strict=True))
            for i in missing:
                out[i] = fresh[keys[i]]
            parsed = len(unique)
        self._cache = {key: (key, obj) for key, obj in zip(keys, out, strict=True)}
        self.last_stats = {"mode": "incremental", "items": len(out), "parsed": parsed}
        return out


class ActiveJobsDecoder(IncrementalDecoder[ActiveJob]):
    """Repeated getActiveJobs answers → list[ActiveJob], reusing unchanged jobs' objects."""

    spec = ACTIVE


class ScheduledJobsDecoder(IncrementalDecoder[ScheduledJob]):
    """Repeated getScheduledJobs answers → list[ScheduledJob]."""

    spec = SCHEDULED


class JobLogsDecoder(IncrementalDecoder[JobLog]):
    """Repeated getJobLogs / getJobLogDetails answers → list[JobLog]."""

    spec = LOGS
