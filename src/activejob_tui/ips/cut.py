"""The byte-level cut of a list answer: where its top-level ``<items>`` are, found by scanning bytes.

Shared by the lazy decoder (:mod:`.lazy`: a job's nested parts decode later from its item's bytes)
and the steady-poll cache (:mod:`.incremental`: an item whose bytes did not change keeps its
object). Every function answers None when in doubt (comments, CDATA, PIs, attributes on items, an
unusual encoding…); the callers then use the full decode, so results never depend on the cut.
"""

from __future__ import annotations

import itertools
import re

from ..i18n import _
from .decode import Answer, answer_element, array_element
from .errors import MalformedResponse
from .wire import find, parse_xml

__all__ = ["FIRST_FIELD", "Cut", "checked_cut", "cut_items", "wrapper"]

FIRST_FIELD = b"companyHandle"
"""The first element of a job and of a job log: an ``<items>`` directly followed by it starts an item."""

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

    Scans for the rare ``!``/``?`` bytes (memchr speed, a window at a time: :func:`find`) and looks
    one byte back, which is several times faster than searching for the two-byte strings in a 20 MB
    answer.
    """
    for mark in (b"!", b"?"):
        i = find(data, mark, start, end)
        while i >= 0:
            if i > 0 and data[i - 1] == 60:  # b"<"
                return True
            i = find(data, mark, i + 1, end)
    return False


class Cut:
    """Where the top-level ``<items>`` of one answer are, found by scanning its bytes."""

    __slots__ = ("data", "encoding", "ends", "skeleton", "slices", "starts", "tags")

    def __init__(self, skeleton: bytes, slices: list, encoding: bytes, tags: tuple[bytes, ...]) -> None:
        self.skeleton = skeleton
        self.slices = slices
        self.encoding = encoding
        self.tags = tags  # (b"<P:items", b"<P:items>", b"<P:items/>", b"</P:items", b"</P:items>")
        self.data = b""
        self.starts: list[int] = []
        self.ends: list[int] = []
        """Where each piece is in :attr:`data` (``data[starts[i]:ends[i]]``); empty for a cut made by hand."""

    def spans(self) -> list[tuple[bytes, int, int]]:
        """(bytes, start, end) of each piece: in the answer when the positions are known, else the piece."""
        if self.starts:
            data = self.data
            return [(data, a, e) for a, e in zip(self.starts, self.ends, strict=True)]
        return [(piece, 0, len(piece)) for piece in self.slices]

    def piece_ok(self, piece: bytes) -> bool:
        """A new piece: no comment/CDATA/PI, and balanced (see :meth:`balanced`)."""
        return not _markup_decl(piece, 0, len(piece)) and self.balanced(piece)

    def balanced(self, piece: bytes, start: int = 0, end: int | None = None) -> bool:
        """True when ``piece[start:end]`` is a run of complete <items> elements at the top level.

        Every item tag of this prefix is counted (comments, CDATA and PIs were excluded, and ``<``
        cannot occur in text or attribute values), and only attribute-free tags are accepted.
        """
        any_open, open_, empty, any_close, close = self.tags
        if end is None:
            end = len(piece)
        count = piece.count
        n_open = count(open_, start, end)
        return (
            count(any_open, start, end) == n_open + count(empty, start, end)
            and count(any_close, start, end) == count(close, start, end) == n_open
        )



def checked_cut(data: bytes, spec: Answer, first_field: bytes = FIRST_FIELD) -> Cut | None:
    """The cut of a first answer, each piece checked to be a run of whole elements."""
    try:
        cut = cut_items(data, spec, first_field, whole=True)
        if cut is None:
            return None
        open_, close = cut.tags[1], cut.tags[4]
        if not all(piece.count(open_) == piece.count(close) for piece in cut.slices):
            return None
        return cut
    except Exception:  # noqa: BLE001 - any doubt about the bytes: None, and the caller decodes the whole tree
        return None

def cut_items(data: bytes, spec: Answer, first_field: bytes, whole: bool, views: bool = False,
              unique_close: bool = True) -> Cut | None:
    """The top-level item pieces, or None when in doubt.

    ``whole``: also check the pieces themselves (first poll); otherwise only the head and the
    tail are checked here and each new piece is checked by :meth:`Cut.piece_ok`. ``views``: the
    pieces are memoryviews into ``data`` instead of copies (they hash and compare as bytes).
    ``unique_close=False`` skips the search of the whole answer for a second array close tag, for a
    caller that proves each piece one whole item (:func:`.skinny.skinny_items`; a steady poll, whose
    pieces are each a piece proven before or parsed into exactly one item): the pieces then cover
    everything between the array's tags, so the last close tag closes the array.

    Items start where the first item's start (``<P:items>``, whitespace, the first field's open
    tag, as the first match wrote them) occurs again, found by ``bytes.find`` (a regular
    expression over the whole answer took twice as long). An item written another way starts no
    piece: its piece holds two items, which every caller refuses (a piece count that is not the
    item count, or a piece parsed into two items)."""
    array = spec.array.encode()
    head_match = re.search(rb"<(" + _NAME + rb":)?" + array + rb"(?=[\s/>])([^>]*)>", data)
    if head_match is None or head_match.group(2).endswith(b"/"):
        return None  # no array, or an empty one: nothing to reuse
    if _ATTRS.fullmatch(head_match.group(2)) is None:
        return None
    open_end = head_match.end()
    close_tag = b"</" + (head_match.group(1) or b"") + array
    close_start = data.rfind(close_tag)
    if close_start < open_end or (unique_close and find(data, close_tag, open_end, len(data)) != close_start):
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
        rb"<" + re.escape(prefix) + rb"items>\s*<(?:" + _NAME + rb":)?" + first_field + rb"[\s/>]"
    )
    head = starts_re.search(data, open_end, close_start)
    if head is None or head.start() != first.end() - len(prefix) - 7:
        return None
    start_bytes = data[head.start():head.end()]
    starts = []
    at, step, search = head.start(), len(start_bytes), data.find
    while at >= 0:
        starts.append(at)
        at = search(start_bytes, at + step, close_start)
    p = b"<" + prefix + b"items"
    c = b"</" + prefix + b"items"
    tags = (p, p + b">", p + b"/>", c, c + b">")
    starts.append(close_start)
    # A piece ends at its last '>': the whitespace between items is not part of the key, so a
    # server that re-indents its answer still hits the cache. Anything else there is doubt.
    rfind = data.rfind
    ends = [rfind(b">", a, b) + 1 for a, b in itertools.pairwise(starts)]
    for e, b in zip(ends, starts[1:], strict=True):
        if e < b and data[e:b].strip(b" \t\r\n"):
            return None
    source = memoryview(data) if views else data
    del starts[-1]  # the array's close
    slices = [source[a:e] for a, e in zip(starts, ends, strict=True)]
    cut = Cut(data[:open_end] + data[close_start:], slices, encoding, tags)
    cut.data, cut.starts, cut.ends = data, starts, ends
    return cut

def wrapper(skeleton: bytes, encoding: bytes, spec: Answer, default_namespace: bool = True) -> tuple[bytes, bytes]:
    """A root element that declares every namespace in scope at the array element.

    Parsing the skeleton (the answer without its items) also checks the envelope.
    ``default_namespace=False`` leaves the default namespace (``xmlns="…"``) out, for a parse
    whose tree only the top-level decoder reads (:mod:`.lazy`'s skinny parse): it matches every
    element by its local name (:mod:`.decode`), so an unprefixed element's namespace never changes
    a value, and lxml builds a tag without one in about half the time (``{uri}name`` is formatted
    anew on every ``.tag``: 18 ms of the top-level walk of 10,000 jobs). Prefixes are all kept, so
    the same documents are well-formed either way.
    """
    root = parse_xml(skeleton, spec.operation)
    answer = answer_element(root, spec.operation, spec.returns)
    array_el = array_element(answer, spec)
    if array_el is None:
        raise MalformedResponse(_("no array in the skeleton"))
    decls = []
    for prefix, uri in array_el.nsmap.items():
        if prefix is None and not default_namespace:
            continue
        attr = "xmlns" if prefix is None else f"xmlns:{prefix}"
        quoted = uri.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
        decls.append(f' {attr}="{quoted}"')
    enc = encoding.decode("ascii")
    return (
        f'<?xml version="1.0" encoding="{enc}"?>\n<_w{"".join(decls)}>'.encode(enc),
        b"</_w>",
    )

