"""Cold decoding of a whole list answer, nested parts on first read.

A job's top-level fields are decoded at once; its tasks, task items, sub-job and option groups
(``model.jobs.LAZY_FIELDS``, 59% of an answer's elements) stay as one ``model.lazy.Pending`` bound
to the job's ``<items>`` bytes, cut out of the answer (:mod:`.cut`). The first read of any of them
parses those bytes alone and decodes the whole job with :mod:`.decode`'s eager tables, so the
values, the tolerance and the error type (``MalformedResponse``) are exactly the eager decoder's.
When the cut is in doubt (comments, CDATA, attributes on items…), the answer is decoded eagerly
from the tree already parsed: results never depend on the cut.

The answer is cut first, and when every item passes :mod:`.skinny`'s byte-level proof only a
"skinny" document is parsed: the items without their trailing nested parts (about half the bytes).
Otherwise the whole answer is parsed, as before. The lxml tree is freed before
:func:`decode_answer` returns. The check that the whole answer is well-formed runs beside the cut, in a
thread of its own for a big answer (:mod:`.beside`: libxml2 reads without the interpreter lock,
and builds nothing there), and is waited for on every way out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model.lazy import pending_of
from .cut import FIRST_FIELD, Cut, checked_cut, cut_items, wrapper
from .decode import (
    Answer,
    answer_element,
    array_element,
    decode_items,
    decoder_for,
    deferred_elements,
    guard,
    lazy_names,
)
from .skinny import skinny_items, well_formed_check
from .wire import parse_xml

__all__ = ["FIRST_PAGE", "bind", "decode_answer"]

Context = tuple[bytes, bytes, Answer]
"""(wrapper open, wrapper close, answer spec) shared by every item of one answer."""


def _nested(piece: bytes, context: Context) -> dict[str, Any]:
    wrap_open, wrap_close, spec = context
    root = parse_xml(wrap_open + piece + wrap_close, spec.operation)
    item = decoder_for(spec.item_cls).decode(root[0])
    return {name: getattr(item, name) for name in lazy_names(spec.item_cls)}


def _load(arg: tuple[bytes, Context]) -> dict[str, Any]:
    """The lazy fields of one item from its bytes; MalformedResponse for anything unexpected."""
    piece, context = arg
    return guard(context[2], _nested, piece, context)


def bind(items: list, pieces: list[bytes], context: Context) -> None:
    """Tell each item's Pending (if any) which bytes to decode its nested parts from."""
    for item, piece in zip(items, pieces, strict=True):
        pending = pending_of(item)
        if pending is not None:
            pending.bind(_load, (piece, context))


FIRST_PAGE = 500
"""Items handed to ``first_page`` before the rest of a cold answer is decoded."""


def decode_answer(data: bytes, spec: Answer, first_field: bytes = FIRST_FIELD,
                  first_page: Callable[[list], None] | None = None,
                  copies: bool = False) -> tuple[list, Cut | None, Context | None]:
    """(items, the cut, the context) of a whole answer; cut and context are None when the answer
    was decoded eagerly (in doubt, or no items). MalformedResponse for anything that is not the answer.

    ``copies``: each item's nested parts decode later from a copy of its bytes (the cut's pieces
    are bytes: what a steady-poll index keeps, :mod:`.incremental`); else, after a skinny parse,
    from a memoryview into ``data`` — no copy of the answer (9 ms at 10,000 jobs), and the answer
    is kept as long as one of its items is (the same bytes as the copies would take, for a caller
    that keeps the whole list: a one-shot command).

    ``first_page``: called (in this thread) with the first :data:`FIRST_PAGE` items of an answer of
    more than that many, once the whole answer is proven well-formed and its envelope read, before
    the rest is parsed — so a console can show them while the rest decodes (50,000 jobs: ~4 s). The
    items returned at the end are other objects, equal to these. Not called when the answer is in
    doubt and decoded the full way."""
    if not isinstance(data, bytes):
        data = bytes(data)  # (a view must not pin a buffer its owner may change)
    if lazy_names(spec.item_cls):
        skinny = _skinny(data, spec, first_field, first_page, copies)
        if skinny is not None:
            return skinny
    root = parse_xml(data, spec.operation)
    array_el = array_element(answer_element(root, spec.operation, spec.returns), spec)
    if array_el is None:
        return [], None, None
    items = guard(spec, decode_items, array_el, spec, True)
    if not items or not lazy_names(spec.item_cls):
        return items, None, None
    cut = checked_cut(data, spec, first_field)
    context: Context | None = None
    if cut is not None and len(cut.slices) == len(items):
        try:
            context = (*wrapper(cut.skeleton, cut.encoding, spec), spec)
        except Exception:  # noqa: BLE001 - doubt: the eager decode below
            context = None
    if context is None or cut is None:  # doubt: the eager decode of the tree we have (a context needs a cut)
        return guard(spec, decode_items, array_el, spec), None, None
    del root, array_el  # free the tree here, inside the decode's time
    bind(items, cut.slices, context)
    return items, cut, context


def _first_page(pieces: list[bytes], slices: list[bytes], bare_open: bytes, context: Context,
                deliver: Callable[[list], None]) -> None:
    """Decode the first skinny ``pieces`` alone and hand them to ``deliver`` (nothing when in doubt)."""
    _wrap_open, wrap_close, spec = context
    root = parse_xml(bare_open + b"".join(pieces) + wrap_close, spec.operation, markup_scanned=True)
    items = decode_items(root, spec, True)
    del root
    if len(items) == len(pieces):
        bind(items, slices, context)
        deliver(items)


def _skinny(data: bytes, spec: Answer, first_field: bytes,
            first_page: Callable[[list], None] | None = None, copies: bool = True) -> tuple[list, Cut, Context] | None:
    """The cold decode from a skinny parse (:mod:`.skinny`), or None when in doubt (the caller
    then parses the whole answer, which also gives the authoritative error). The cut's pieces are
    not counted here as :func:`.cut.checked_cut` does: :func:`.skinny.skinny_items` proves each one
    a whole item from the part it keeps (a fifth of the cold decode's time went into the counts)."""
    checked = well_formed_check(data)  # beside the cut, in a thread of its own for a big answer
    try:
        cut = cut_items(data, spec, first_field, whole=True, views=not copies, unique_close=False)
        if cut is None or not cut.slices:
            return None
        pieces = skinny_items(cut, deferred_elements(spec.item_cls))
        # No DOCTYPE: the whole cut found no "<!" after the XML declaration (cut_items).
        if pieces is None or not checked.result():
            return None
        wrap_open, wrap_close = wrapper(cut.skeleton, cut.encoding, spec)  # parses the envelope
        # The skinny tree is read by the top-level decoder only: no default namespace (see wrapper).
        bare_open = wrapper(cut.skeleton, cut.encoding, spec, default_namespace=False)[0]
        if first_page is not None and len(pieces) > FIRST_PAGE:
            _first_page(pieces[:FIRST_PAGE], cut.slices[:FIRST_PAGE], bare_open, (wrap_open, wrap_close, spec),
                        first_page)
        # (Not parsed in halves, one beside the other: the tree built in a helper thread stays in
        # that thread's malloc arena, which malloc_trim does not shrink — +22 MiB RSS at 10,000 jobs.)
        root = parse_xml(bare_open + b"".join(pieces) + wrap_close, spec.operation, markup_scanned=True)
        del pieces
        if len(root) != len(cut.slices):
            return None
        items = decode_items(root, spec, True)
        del root
    except Exception:  # noqa: BLE001 - doubt: the whole answer is parsed instead
        return None
    finally:
        checked.close()  # the check's thread, if one was started, has ended
    if len(items) != len(cut.slices):
        return None
    context = (wrap_open, wrap_close, spec)
    bind(items, cut.slices, context)
    return items, cut, context
