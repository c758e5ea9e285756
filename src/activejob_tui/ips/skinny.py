"""A "skinny" parse of a cold answer: the top-level fields only, the nested parts cut out as bytes.

A cold decode (:func:`.lazy.decode_answer`) leaves each job's nested parts (tasks, task items,
sub-job, option groups: 59 % of an answer's elements) pending, so parsing them at all is wasted
work: the lxml parse of the whole answer is as long as everything else of the decode together.
Here the items' bytes (:mod:`.cut`) are shortened before the one parse: the run of nested elements
that ends each item is replaced by one empty element each (``<taskProgressArray/>``), which the
top-level decoder turns into the item's ``Pending``, exactly as the full element would.

The byte-level proof, per item: walking back from the item's closing tag, each element consumed
is a whole element whose name is one of the deferred ones (``decode.deferred_elements``): its close
tag, then the nearest open tag of the same name written without attributes, with no other close
tag of that name between them (so no same-named element nested inside). Only whitespace may lie
between them. The walk stops at the first element that is not deferred; everything before it is
kept as it was, so no top-level field can be lost (a deferred element before a kept one simply
stays and is deferred from the parsed tree). Anything else, and any failure of the shortened
parse, is doubt: the caller then parses the whole answer.

The same walk runs first in a short form (:func:`skinny_items`), for the usual shape: the deferred
elements written with the items' own prefix. It searches back once for the element's name itself,
not for its open and then its close tag: when the nearest occurrence of the name before the close
tag is preceded by ``<`` and followed by ``>``, that is the open tag ``<name>``, and no tag of the
name (open, with attributes or not, or close) lies between — the two conditions above, with one
search of the element instead of two. In a well-formed document ``<`` always starts markup, so
``</name>`` and ``<name/>`` found this way are tags. Whatever else the short form meets (the name
in a text, another prefix, an empty element with attributes) hands the piece to the full walk,
which decides as before, doubt included.

The whole answer must still be well-formed XML, as the full parse would require: :func:`well_formed`
runs libxml2 over it without building a tree (a parser target without callbacks: about a fifth of
the time of a parse, and no memory); for a big answer it runs in a thread of its own beside the
cut (:func:`well_formed_check`), and nothing is decided before its answer. It is also what makes
the walk sound: in a well-formed item,
the nearest attribute-free open tag of a name, with no close tag of that name after it, opens the
element that the close tag ends — an earlier one would be an ancestor, and the only ancestor of a
top-level field is the item itself, whose name is never deferred.
"""

from __future__ import annotations

from lxml import etree

from .beside import Beside
from .cut import Cut

__all__ = ["BESIDE_BYTES", "skinny_items", "well_formed", "well_formed_check"]

_SPACE = b" \t\r\n"


def _tail(piece: bytes, close_len: int, deferred: frozenset[bytes]) -> tuple[int, int, bytes] | None:
    """(start, end, the empty markers) of the run of deferred elements that ends ``piece`` before
    its closing tag of ``close_len`` bytes; start == end when there is none; None in doubt."""
    end = len(piece) - close_len
    start = end
    while start > 0 and piece[start - 1] in _SPACE:
        start -= 1
    markers: list[bytes] = []
    rfind = piece.rfind
    while start > 1 and piece[start - 1] == 62:  # b">"
        if piece[start - 2] == 47:  # b"/": an empty element <P:name/>
            lt = rfind(b"<", 0, start)
            tag = piece[lt + 1:start - 2]
            if tag.rpartition(b":")[2] not in deferred:
                break
            if not tag or tag[-1:] in _SPACE or b" " in tag or b"\t" in tag or b"\n" in tag:
                return None  # attributes or odd spacing: doubt
            open_at = lt
        else:
            lt = rfind(b"</", 0, start)
            if lt < 0:
                return None
            tag = piece[lt + 2:start - 1]
            if tag.rpartition(b":")[2] not in deferred:
                break
            # The nearest open tag of the name must be attribute-free, with no close tag of the name
            # after it: then it opens the element the close tag ends (in a well-formed document an
            # earlier one would enclose a later one, which would have to close before this one).
            open_at = rfind(b"<" + tag, 0, lt)
            if (open_at < 0 or not piece.startswith(b"<" + tag + b">", open_at)
                    or piece.find(b"</" + tag + b">", open_at, lt) >= 0):
                return None  # attributes on it, or the same name inside: doubt
        markers.append(b"<" + tag + b"/>")
        start = open_at
        while start > 0 and piece[start - 1] in _SPACE:
            start -= 1
    if not markers:
        return end, end, b""
    markers.reverse()
    return start, end, b"".join(markers)


def skinny_items(cut: Cut, deferred: frozenset[str]) -> list[bytes] | None:
    """The items of ``cut`` with their trailing nested parts replaced by empty markers, or None
    when any item is in doubt (see the module docstring).

    Also proves each piece a run of whole ``<items>`` elements, which the cut (``cut_items``) does not:
    when the part kept has no item tag but the piece's own open tag, each part cut out being a whole
    element (:func:`_tail`), the piece is ``<items>``, fields, whole elements, ``</items>``; else (a
    field sent after the nested parts keeps them) its item tags are counted (``Cut.balanced``).

    The walk of :func:`_tail` runs first in its short form (see the module docstring); a piece the
    short form cannot decide goes to :func:`_tail`."""
    names = frozenset(name.encode("ascii") for name in deferred)
    close = cut.tags[4]
    close_len = len(close)
    prefix = cut.tags[1][1:-len(b"items>")]  # b"P:" of b"<P:items>", or b""
    known = frozenset(prefix + name for name in names)  # the deferred names with the items' prefix
    tails: dict[tuple[bytes, ...], bytes] = {}  # the names cut out → their empty markers, then </P:items>
    out: list[bytes] = []
    append = out.append
    item_name, skip = cut.tags[0][1:], len(cut.tags[1])  # b"P:items": in both the open and the close tag
    # Each piece is read where it lies in the answer (src[a:e]), so no piece is copied but the part kept.
    for src, a, e in cut.spans():
        if not src.endswith(close, a, e):
            return None
        end = start = e - close_len
        rfind = src.rfind
        cut_out: list[bytes] = []
        while True:
            last = src[start - 1]  # never before the piece: it starts with <P:items>, which stops the walk
            if last != 62:  # b">"
                if last not in _SPACE:
                    break
                start -= 1
                continue
            if src[start - 2] == 47:  # b"/": an empty element, cut out only when it is exactly <P:name/>
                lt = rfind(b"<", a, start)
                name = src[lt + 1:start - 2] if lt >= a else b""
                if name not in known:
                    cut_out = []
                    break  # doubt or a kept field: _tail decides
                cut_out.append(name)
                start = lt
                continue
            lt = rfind(b"</", a, start)
            if lt < a:
                break  # the piece's own open tag
            name = src[lt + 2:start - 1]
            if name not in known:
                if name.rpartition(b":")[2] in names:
                    cut_out = []  # a deferred name with another prefix: _tail decides
                break
            # One search back for the name itself: when its nearest occurrence is the open tag
            # ``<name>``, no tag of that name (open, with attributes or not, or close) lies between.
            at = rfind(name, a, lt)
            if at <= a or src[at - 1] != 60 or src[at + len(name)] != 62:  # not b"<" name b">"
                cut_out = []
                break  # attributes, the name inside, or the name in a text: _tail decides
            cut_out.append(name)
            start = at - 1
        if not cut_out:
            src = src[a:e]  # the full walk reads the piece alone
            a, e = 0, len(src)
            found = _tail(src, close_len, names)
            if found is None:
                return None
            start, end, markers = found
        if src.find(item_name, a + skip, start) >= 0 and not cut.balanced(src, a, e):
            return None  # item tags among the parts kept (a field after the nested parts): counted
        if cut_out:
            key = tuple(cut_out)
            tail = tails.get(key)
            if tail is None:
                tail = tails[key] = b"".join(b"<" + name + b"/>" for name in reversed(cut_out)) + close
            append(src[a:start] + tail)
        else:
            append(src if start == end else src[:start] + markers + src[end:])
    return out


class _NoTree:
    """A parser target without callbacks: libxml2 checks the document and builds nothing."""

    def close(self) -> None:
        return None


def well_formed(data: bytes) -> bool:
    """Whether ``data`` is well-formed XML for the hardened parser (no entities resolved, no DTD,
    no network: the options of ``wire.parse_xml``), without building a tree."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             dtd_validation=False, target=_NoTree())
    try:
        etree.fromstring(data, parser)
    except Exception:  # noqa: BLE001 - XMLSyntaxError, ValueError…: not well-formed, or in doubt
        return False
    return True


BESIDE_BYTES = 1_000_000
"""Answers from this size on are checked in a thread of their own (:func:`well_formed_check`)."""


def well_formed_check(data: bytes) -> Beside:
    """:func:`well_formed` of ``data``, started at once in a thread of its own from
    :data:`BESIDE_BYTES` on (:class:`.beside.Beside`): libxml2 reads without the interpreter lock,
    so where a core is free the check runs beside the caller's cut and skinny cut-out (Python,
    holding the lock) instead of after them — a fifth of a cold decode's time (34 ms of CPU at
    10,000 jobs) off its wall time, none off its CPU time."""
    return Beside(well_formed, data, thread=len(data) >= BESIDE_BYTES)
