"""The steady-poll cache: repeated answers of one operation decoded by changed items only.

The answer's top-level ``<items>`` are cut out of the raw bytes, and an item whose bytes did not
change since the previous poll reuses the previous poll's object; only new or changed items are
parsed (with :mod:`.decode`'s tables). Any doubt falls back to the full decode, so the result
always equals ``decode.decode_*`` of the same bytes.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar, Generic, TypeVar

from ..model.jobs import ActiveJob, JobLog, ScheduledJob
from .decode import ACTIVE, LOGS, SCHEDULED, Answer, answer_element, array_element, decode_full, decoder_for, guard, local_of
from .errors import MalformedResponse
from .wire import parse_xml

__all__ = ["ActiveJobsDecoder", "IncrementalDecoder", "JobLogsDecoder", "ScheduledJobsDecoder"]

T = TypeVar("T")

_NAME = rb"[A-Za-z_][\w.\-]*"
_XMLDECL = re.compile(rb"\s*<\?xml[^>]*\?>")
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._\-]+)["']""")
_ATTRS = re.compile(rb"""(?:\s+[\w:.\-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*\s*""")
"""A well-formed attribute list (so the '>' that ended a tag match is not inside a value)."""
_FIRST_ITEM = re.compile(rb"\s*<(" + _NAME + rb":)?items>")
_ASCII_COMPATIBLE = frozenset(
    (b"utf-8", b"utf8", b"us-ascii", b"ascii", b"iso-8859-1", b"latin-1", b"latin1")
)


def _markup_decl(data: bytes, start: int, end: int) -> bool:
    """Whether ``data[start:end]`` holds ``<!`` or ``<?`` (comment, CDATA, DOCTYPE, PI).

    Scans for the rare ``!``/``?`` bytes (memchr speed) and looks one byte back, which is several
    times faster than searching for the two-byte strings in a 20 MB answer.
    """
    for mark in (b"!", b"?"):
        i = data.find(mark, start, end)
        while i >= 0:
            if i > 0 and data[i - 1] == 60:  # b"<"
                return True
            i = data.find(mark, i + 1, end)
    return False


class _Cut:
    """Where the top-level ``<items>`` of one answer are, found by scanning its bytes."""

    __slots__ = ("encoding", "skeleton", "slices", "tags")

    def __init__(self, skeleton: bytes, slices: list[bytes], encoding: bytes, tags: tuple[bytes, ...]) -> None:
        self.skeleton = skeleton
        self.slices = slices
        self.encoding = encoding
        self.tags = tags  # (b"<P:items", b"<P:items>", b"<P:items/>", b"</P:items", b"</P:items>")

    def piece_ok(self, piece: bytes) -> bool:
        """A new piece: no comment/CDATA/PI, and balanced (see :meth:`balanced`)."""
        return not _markup_decl(piece, 0, len(piece)) and self.balanced(piece)

    def balanced(self, piece: bytes) -> bool:
        """True when ``piece`` is a run of complete <items> elements at the top level.

        Every item tag of this prefix is counted (comments, CDATA and PIs were excluded, and ``<``
        cannot occur in text or attribute values), and only attribute-free tags are accepted.
        """
        any_open, open_, empty, any_close, close = self.tags
        n_open = piece.count(open_)
        return (
            piece.count(any_open) == n_open + piece.count(empty)
            and piece.count(any_close) == piece.count(close) == n_open
        )


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
    first_field: ClassVar[bytes] = b"companyHandle"

    def __init__(self) -> None:
        self._cache: dict[bytes, T] = {}
        self._skeleton: bytes | None = None
        self._wrap_open: bytes = b""
        self._wrap_close: bytes = b""
        self.last_stats: dict[str, Any] = {}
        """How the last answer was decoded: ``{"mode": "full"|"incremental", "items", "parsed"}``."""

    def reset(self) -> None:
        """Forget the previous answer (the next one is decoded in full)."""
        self._cache = {}
        self._skeleton = None

    def decode(self, data: bytes) -> list[T]:
        """A whole SOAP answer → model objects; MalformedResponse for anything else."""
        if isinstance(data, (bytearray, memoryview)):
            data = bytes(data)
        if self._skeleton is not None and isinstance(data, bytes):
            try:
                result = self._decode_incremental(data)
            except Exception:  # any doubt: the full path gives the authoritative answer
                result = None
            if result is not None:
                return result
        return self._decode_full_and_index(data)

    # -- full path ----------------------------------------------------------------------------

    def _decode_full_and_index(self, data: bytes) -> list[T]:
        spec = self.spec
        self._cache = {}
        self._skeleton = None
        items, array_el = decode_full(data, spec)
        self.last_stats = {"mode": "full", "items": len(items), "parsed": len(items)}
        if array_el is None or not items:
            return items
        cut = self._checked_cut(data)
        if cut is None or len(cut.slices) != len(items):
            return items
        try:
            self._wrap_open, self._wrap_close = self._wrapper(cut.skeleton, cut.encoding)
        except Exception:
            return items
        self._cache = dict(zip(cut.slices, items))
        self._skeleton = cut.skeleton
        return items

    def _checked_cut(self, data: bytes) -> _Cut | None:
        """The cut of a first answer, each piece checked to be a run of whole elements."""
        try:
            cut = self._cut(data, whole=True)
            if cut is None:
                return None
            open_, close = cut.tags[1], cut.tags[4]
            if not all(piece.count(open_) == piece.count(close) for piece in cut.slices):
                return None
            return cut
        except Exception:
            return None

    # -- the byte-level cut ---------------------------------------------------------------------

    def _cut(self, data: bytes, whole: bool) -> _Cut | None:
        """The top-level item pieces, or None when in doubt.

        ``whole``: also check the pieces themselves (first poll); otherwise only the head and the
        tail are checked here and each new piece is checked by :meth:`_Cut.piece_ok`.
        """
        array = self.spec.array.encode()
        head_match = re.search(rb"<(" + _NAME + rb":)?" + array + rb"(?=[\s/>])([^>]*)>", data)
        if head_match is None or head_match.group(2).endswith(b"/"):
            return None  # no array, or an empty one: nothing to reuse
        if _ATTRS.fullmatch(head_match.group(2)) is None:
            return None
        open_end = head_match.end()
        close_tag = b"</" + (head_match.group(1) or b"") + array
        close_start = data.rfind(close_tag)
        if close_start < open_end or data.find(close_tag, open_end) != close_start:
            return None
        # Markup that could hide or fake an item tag (comments, CDATA, PIs, DOCTYPE): doubt.
        if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:3] == b"\xef\xbb\xbf" or data[:1] == b"\x00":
            return None  # UTF-16/32 and BOMs: leave those documents to the full path
        decl = _XMLDECL.match(data)
        if _markup_decl(data, decl.end() if decl else 0, open_end) or _markup_decl(data, close_start, len(data)):
            return None
        if whole and _markup_decl(data, open_end, close_start):
            return None
        encoding = b"utf-8"
        if decl is not None:
            enc = _ENCODING.search(decl.group(0))
            if enc is not None:
                encoding = enc.group(1).lower()
        if encoding not in _ASCII_COMPATIBLE:
            return None
        first = _FIRST_ITEM.match(data, open_end, close_start)
        if first is None:
            return None
        prefix = first.group(1) or b""
        starts_re = re.compile(
            rb"<" + re.escape(prefix) + rb"items>\s*<(?:" + _NAME + rb":)?" + self.first_field + rb"[\s/>]"
        )
        starts = [m.start() for m in starts_re.finditer(data, open_end, close_start)]
        if not starts or starts[0] != first.end() - len(prefix) - 7:
            return None
        p = b"<" + prefix + b"items"
        c = b"</" + prefix + b"items"
        tags = (p, p + b">", p + b"/>", c, c + b">")
        starts.append(close_start)
        # A piece ends at its last '>': the whitespace between items is not part of the key, so a
        # server that re-indents its answer still hits the cache. Anything else there is doubt.
        rfind = data.rfind
        ends = [rfind(b">", a, b) + 1 for a, b in zip(starts, starts[1:])]
        for e, b in zip(ends, starts[1:]):
            if e < b and data[e:b].strip(b" \t\r\n"):
                return None
        slices = [data[a:e] for a, e in zip(starts, ends)]
        return _Cut(data[:open_end] + data[close_start:], slices, encoding, tags)

    def _wrapper(self, skeleton: bytes, encoding: bytes) -> tuple[bytes, bytes]:
        """A root element that declares every namespace in scope at the array element.

        Parsing the skeleton (the answer without its items) also checks the envelope.
        """
        root = parse_xml(skeleton, self.spec.operation)
        answer = answer_element(root, self.spec.operation, self.spec.returns)
        array_el = array_element(answer, self.spec)
        if array_el is None:
            raise MalformedResponse("no array in the skeleton")
        decls = []
        for prefix, uri in array_el.nsmap.items():
            attr = "xmlns" if prefix is None else f"xmlns:{prefix}"
            quoted = uri.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
            decls.append(f' {attr}="{quoted}"')
        enc = encoding.decode("ascii")
        return (
            f'<?xml version="1.0" encoding="{enc}"?>\n<_w{"".join(decls)}>'.encode(enc),
            b"</_w>",
        )

    # -- steady path ----------------------------------------------------------------------------

    def _decode_incremental(self, data: bytes) -> list[T] | None:
        cut = self._cut(data, whole=False)
        if cut is None:
            return None
        slices = cut.slices
        cache = self._cache
        get = cache.get
        out: list[Any] = list(map(get, slices))
        missing = [i for i, obj in enumerate(out) if obj is None]
        if cut.skeleton != self._skeleton:
            # A different envelope: parse and check it on its own (raises MalformedResponse).
            self._wrap_open, self._wrap_close = self._wrapper(cut.skeleton, cut.encoding)
            self._skeleton = cut.skeleton
        parsed = 0
        if missing:
            unique = list(dict.fromkeys(slices[i] for i in missing))
            if not all(map(cut.piece_ok, unique)):
                return None
            root = parse_xml(self._wrap_open + b"".join(unique) + self._wrap_close, self.spec.operation)
            children = list(root)
            if len(children) != len(unique) or any(local_of(c.tag) != "items" for c in children):
                return None
            decode = decoder_for(self.spec.item_cls).decode
            fresh = dict(zip(unique, guard(self.spec, lambda: [decode(c) for c in children])))
            for i in missing:
                out[i] = fresh[slices[i]]
            parsed = len(unique)
        self._cache = dict(zip(slices, out))
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
