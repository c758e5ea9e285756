"""The fast paths of the cold and steady decodes (issue 12, round four): each one drives its doubt
case and must give exactly what the eager decode gives for the same bytes — values, or the error."""

from __future__ import annotations

import re
import threading
import time

import pytest

from activejob_tui.ips import decode as d
from activejob_tui.ips import incremental as inc
from activejob_tui.ips import lazy, skinny
from activejob_tui.ips.beside import Beside
from activejob_tui.ips.cut import FIRST_FIELD, Cut, checked_cut, wrapper
from activejob_tui.ips.errors import MalformedResponse
from activejob_tui.ips.wire import parse_xml
from activejob_tui.model.lazy import pending_of
from ips.recorded import ANSWERS, LIST_ANSWERS, recorded

ACTIVE = (ANSWERS / "active_jobs_2016.xml").read_bytes()
CLOSE = b"</ns1:items>"


def first_job_end(data: bytes) -> int:
    """Where the first job's ``</ns1:items>`` ends (the first job is followed by a second one)."""
    return data.index(CLOSE + b"\n<ns1:items>") + len(CLOSE)


def test_a_piece_that_begins_like_the_last_polls_piece_is_not_taken_for_it():
    """The steady poll compares each piece with the last answer's piece at the same place; bytes
    that are only the beginning of that piece (cut at a task's ``</items>``) are a different item —
    here a broken answer, refused as the eager decode refuses it, not the old job reused."""
    end = first_job_end(ACTIVE)
    inner = ACTIVE.rindex(CLOSE, 0, end - len(CLOSE)) + len(CLOSE)  # the last task item's close
    assert ACTIVE.index(b"<ns1:items>") < inner < end - len(CLOSE)
    short = ACTIVE[:inner] + ACTIVE[end:]
    with pytest.raises(MalformedResponse):
        d.decode_active_jobs(short)
    decoder = inc.ActiveJobsDecoder()
    decoder.decode(ACTIVE)
    with pytest.raises(MalformedResponse):
        decoder.decode(short)


def test_jobs_that_moved_keep_their_objects_and_changed_ones_are_decoded():
    """Positions shifted (the first job gone, another changed): the moved jobs are found by their
    bytes and keep their objects; the changed one is parsed; the list equals the eager decode."""
    decoder = inc.ActiveJobsDecoder()
    first = decoder.decode(ACTIVE)
    start = ACTIVE.index(b"<ns1:items>")
    shifted = ACTIVE[:start] + ACTIVE[first_job_end(ACTIVE):].lstrip()
    second_handle = first[1].job_handle.encode()
    shifted = shifted.replace(second_handle + b"<", second_handle + b"-x<", 1)
    assert shifted.count(b"-x<") == 1
    second = decoder.decode(shifted)
    assert second == d.decode_active_jobs(shifted)
    assert decoder.last_stats == {"mode": "incremental", "items": len(first) - 1, "parsed": 1}
    assert all(a is b for a, b in zip(first[2:], second[1:], strict=True))


def _unprefixed(data: bytes) -> bytes:
    return data.replace(b"xmlns:ns1=", b"xmlns=").replace(b"<ns1:", b"<").replace(b"</ns1:", b"</")


def test_the_skinny_parse_without_the_default_namespace_gives_the_eager_values():
    """The skinny tree is parsed without the answer's default namespace (``cut.wrapper``): the
    top-level decoder matches local names, so every value is the one the eager decode reads — also
    for a field that declares a namespace of its own, and a field in a prefixed namespace."""
    data = _unprefixed(ACTIVE)
    data = data.replace(b"<name>", b'<name xmlns="urn:other">', 1)
    data = data.replace(b"<progress>", b'<o:progress xmlns:o="urn:o">', 1).replace(b"</progress>", b"</o:progress>", 1)
    assert data.count(b'"urn:o"') == 1 and b"ns1:" not in data
    spec = d.ACTIVE
    cut = checked_cut(data, spec, FIRST_FIELD)
    assert cut is not None
    bare = wrapper(cut.skeleton, cut.encoding, spec, default_namespace=False)[0]
    assert b"xmlns=" not in bare and b"xmlns=" in wrapper(cut.skeleton, cut.encoding, spec)[0]
    assert lazy._skinny(data, spec, FIRST_FIELD) is not None  # the skinny path, not the fallback
    eager = d.decode_full(data, spec)[0]
    items = lazy.decode_answer(data, spec)[0]
    assert items == eager and items[0].name == eager[0].name and items[0].name
    assert items[0].progress == eager[0].progress is not None


# --- the skinny walk's short form (ips/skinny.py) ---------------------------------------------------

NAMES = d.deferred_elements(d.ACTIVE.item_cls)


def full_walk(cut: Cut) -> list[bytes] | None:
    """The skinny pieces by the full walk alone (``skinny._tail`` and the item count), as before."""
    names = frozenset(name.encode() for name in NAMES)
    out = []
    for piece in cut.slices:
        found = skinny._tail(piece, len(cut.tags[4]), names)
        if found is None:
            return None
        start, end, markers = found
        if piece.find(cut.tags[0][1:], len(cut.tags[1]), start) >= 0 and not cut.balanced(piece):
            return None
        out.append(piece if start == end else piece[:start] + markers + piece[end:])
    return out


def squeezed(pieces: list[bytes] | None) -> list[bytes] | None:
    """Pieces without the whitespace between elements (the short form drops what the full walk drops)."""
    return None if pieces is None else [re.sub(rb">\s+<", b"><", p) for p in pieces]


@pytest.mark.parametrize("name", LIST_ANSWERS)
def test_the_short_form_cuts_what_the_full_walk_cuts(name):
    _data, spec, cut = recorded(name)
    ours = skinny.skinny_items(cut, d.deferred_elements(spec.item_cls))
    assert ours is not None and squeezed(ours) == squeezed(full_walk(cut))


SUB_JOB_OPEN = b"<ns1:imageServingPublishJob>"
SUB_JOB = ACTIVE[ACTIVE.index(SUB_JOB_OPEN):ACTIVE.index(b"</ns1:imageServingPublishJob>") + 29]


def full_walks(data: bytes, monkeypatch) -> int:
    """How many pieces of ``data`` the short form handed to the full walk."""
    calls = []
    real = skinny._tail
    monkeypatch.setattr(skinny, "_tail", lambda *args: calls.append(1) or real(*args))
    skinny.skinny_items(checked_cut(data, d.ACTIVE, FIRST_FIELD), NAMES)
    monkeypatch.setattr(skinny, "_tail", real)
    return len(calls)


@pytest.mark.parametrize(("case", "old", "new", "skinny_path"), [
    # the deferred name in a text inside the element: the short form cannot tell, the full walk cuts it
    ("name in a text", b"<ns1:publishType>Full</ns1:publishType>",
     b"<ns1:publishType>Full</ns1:publishType><ns1:note>ns1:imageServingPublishJob</ns1:note>", True),
    # a deferred element with another prefix bound to the same namespace: the full walk cuts it
    ("another prefix", SUB_JOB, SUB_JOB.replace(b"ns1:imageServingPublishJob", b"ns2:imageServingPublishJob"), True),
    # an empty deferred element: cut by the short form as it is
    ("empty", SUB_JOB, b"<ns1:imageServingPublishJob/>", True),
    # an empty deferred element with attributes: the full walk keeps it (a kept element, parsed as usual)
    ("empty with attributes", SUB_JOB, b'<ns1:imageServingPublishJob ns1:a="1"/>', True),
    # the open tag with attributes: doubt, the whole answer is parsed
    ("attributes", SUB_JOB_OPEN, b'<ns1:imageServingPublishJob ns1:a="1">', False),
    # the same name nested inside: doubt
    ("nested", b"<ns1:publishType>Full</ns1:publishType>",
     b"<ns1:imageServingPublishJob></ns1:imageServingPublishJob>", False),
])
def test_what_the_short_form_cannot_decide_goes_to_the_full_walk(case, old, new, skinny_path, monkeypatch):
    before = ACTIVE.replace(b'xmlns:ns1="', b'xmlns:ns2="http://www.scene7.com/IpsApi/xsd/2016-01-14-beta" xmlns:ns1="', 1)
    data = before.replace(old, new, 1)
    assert data.count(new) >= 1 and new not in ACTIVE, case
    handed = full_walks(data, monkeypatch) - full_walks(before, monkeypatch)
    assert handed == (0 if case == "empty" else 1), case
    cut = checked_cut(data, d.ACTIVE, FIRST_FIELD)
    ours = skinny.skinny_items(cut, NAMES)
    assert squeezed(ours) == squeezed(full_walk(cut)), case
    assert (lazy._skinny(data, d.ACTIVE, FIRST_FIELD) is not None) is skinny_path, case
    eager = d.decode_full(data, d.ACTIVE)[0]
    items = lazy.decode_answer(data, d.ACTIVE)[0]
    assert items == eager, case


# --- the cut (ips/cut.py) ---------------------------------------------------------------------------


def test_an_item_whose_start_is_written_otherwise_is_refused_by_every_path():
    """Items start where the first item's start bytes occur again (``bytes.find``): an item whose
    ``<items>`` and first field are spaced otherwise starts no piece, so its piece holds two items —
    the skinny parse, the first poll's index and a steady poll each refuse that, and each result is
    still the eager decode's."""
    starts = [m.start() for m in re.finditer(rb"<ns1:items>\s*<ns1:companyHandle>", ACTIVE)]
    third = starts[2]
    odd = ACTIVE[:third] + ACTIVE[third:].replace(b"<ns1:items>\n  <ns1:companyHandle>",
                                                   b"<ns1:items>\n\t\t<ns1:companyHandle>", 1)
    assert odd != ACTIVE
    cut = checked_cut(odd, d.ACTIVE, FIRST_FIELD)
    assert cut is None or len(cut.slices) == len(starts) - 1  # one piece holds two items
    assert lazy._skinny(odd, d.ACTIVE, FIRST_FIELD) is None
    eager = d.decode_active_jobs(odd)
    assert len(eager) == len(starts)
    assert lazy.decode_answer(odd, d.ACTIVE)[0] == eager
    fresh = inc.ActiveJobsDecoder()
    assert fresh.decode(odd) == eager
    assert fresh.decode(odd) == eager  # the index of the first poll was not built from the odd cut
    steady = inc.ActiveJobsDecoder()
    steady.decode(ACTIVE)
    assert steady.decode(odd) == eager
    assert steady.decode(ACTIVE) == d.decode_active_jobs(ACTIVE)


# --- work beside the cut (ips/beside.py) --------------------------------------------------


def threads_running() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "ips-beside"]


@pytest.mark.parametrize("in_thread", [True, False])
def test_work_beside_answers_as_the_work_itself(in_thread):
    for data, expected in ((ACTIVE, True), (ACTIVE[:-40], False), (b"not xml", False)):
        check = Beside(skinny.well_formed, data, thread=in_thread)
        assert check.in_thread is in_thread
        assert check.result() is expected is skinny.well_formed(data)
        check.close()
    failing = Beside(parse_xml, b"<a>", "getActiveJobs", thread=in_thread)
    with pytest.raises(MalformedResponse):  # the function's own exception, in the caller's thread
        failing.result()
    failing.close()
    assert not threads_running()


def test_a_big_answer_is_checked_beside_the_cut():
    assert skinny.well_formed_check(b"x" * skinny.BESIDE_BYTES).in_thread
    small = skinny.well_formed_check(ACTIVE)
    assert not small.in_thread and small.result() is True


@pytest.mark.parametrize("case", ["well-formed", "not well-formed", "cut in doubt", "items in doubt",
                                  "skinny parse refused"])
def test_the_check_beside_the_cut_gives_the_eager_result_and_never_outlives_the_decode(case, monkeypatch):
    """A big answer (here: every answer) is checked beside the cut, in a thread of its own; every
    way out of the skinny path waits for it, and the result is the eager one — values, or the
    error. Only the check runs beside: a tree built in a helper thread would stay in its malloc
    arena (ips/beside.py), so the skinny document is parsed here."""
    monkeypatch.setattr(skinny, "BESIDE_BYTES", 0)
    data = {
        "well-formed": ACTIVE,
        "not well-formed": ACTIVE.replace(b"</ns1:publishType>", b"</ns1:publishTyp>", 1),
        "cut in doubt": ACTIVE.replace(b"<ns1:jobArray>", b"<ns1:jobArray><!-- x -->", 1),
        "items in doubt": ACTIVE.replace(SUB_JOB_OPEN, b'<ns1:imageServingPublishJob ns1:a="1">', 1),
        "skinny parse refused": ACTIVE,  # the skinny document's parse raises (below): the whole answer is parsed
    }[case]
    if case == "skinny parse refused":
        real_parse = lazy.parse_xml

        def refused_when_scanned(*args, **kwargs):
            if kwargs.get("markup_scanned"):
                raise MalformedResponse("refused")
            return real_parse(*args, **kwargs)

        monkeypatch.setattr(lazy, "parse_xml", refused_when_scanned)
    started: list[Beside] = []
    real_init = Beside.__init__

    def counting(self, fn, *args, thread):
        started.append(self)
        real_init(self, lambda *a: time.sleep(0.2) or fn(*a), *args, thread=thread)  # slow: a missing wait shows

    monkeypatch.setattr(Beside, "__init__", counting)
    taken = lazy._skinny(data, d.ACTIVE, FIRST_FIELD) is not None
    assert taken == (case == "well-formed")
    assert len(started) == 1 and started[0].in_thread
    assert not threads_running()
    monkeypatch.setattr(Beside, "__init__", real_init)
    monkeypatch.setattr(lazy, "parse_xml", parse_xml)
    try:
        eager = d.decode_active_jobs(data)
    except MalformedResponse:
        with pytest.raises(MalformedResponse):
            lazy.decode_answer(data, d.ACTIVE)
    else:
        assert lazy.decode_answer(data, d.ACTIVE)[0] == eager
    assert not threads_running()


def test_a_steady_poll_takes_a_job_that_holds_an_element_named_like_the_array():
    """A steady poll does not search the answer for a second ``</jobArray>``: every piece is proven
    one item, so a job holding an element of that name (in a sub-job the decoder does not know) is
    parsed like any changed job, and the list equals the eager decode."""
    decoder = inc.ActiveJobsDecoder()
    decoder.decode(ACTIVE)
    odd = ACTIVE.replace(SUB_JOB, b"<ns1:weirdJob><ns1:jobArray><ns1:x>1</ns1:x></ns1:jobArray></ns1:weirdJob>", 1)
    assert odd.count(b"</ns1:jobArray>") == 2
    assert decoder.decode(odd) == d.decode_active_jobs(odd)
    assert decoder.last_stats == {"mode": "incremental", "items": len(d.decode_active_jobs(odd)), "parsed": 1}


def test_a_one_shot_decode_binds_views_and_a_poll_binds_copies():
    """A one-shot cold decode binds each job's nested parts to a view of the answer (no copy); the
    steady-poll decoder binds copies (its index must not keep whole answers); both read the nested
    parts as the eager decode does."""
    eager = d.decode_active_jobs(ACTIVE)
    once = lazy.decode_answer(ACTIVE, d.ACTIVE)[0]
    polled = inc.ActiveJobsDecoder().decode(ACTIVE)
    for jobs, kind in ((once, memoryview), (polled, bytes)):
        pending = [pending_of(job) for job in jobs]
        assert all(p is not None and type(p.arg[0]) is kind for p in pending)
        assert jobs == eager  # reads every nested part
    assert lazy.decode_answer(bytearray(ACTIVE), d.ACTIVE)[0] == eager  # a bytearray is copied first
