"""Snapshot diffs between polls."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from activejob_tui.model.diff import KEYLESS_PREFIX, SnapshotDiff, diff_snapshots
from activejob_tui.model.enums import ActiveJobState
from activejob_tui.model.jobs import ActiveJob


def job(handle: str | None, progress: int = 0, **kw) -> ActiveJob:
    return ActiveJob(job_handle=handle, progress=progress, **kw)


def test_first_poll_is_all_added() -> None:
    jobs = [job("a"), job("b")]
    d = diff_snapshots({}, jobs)
    assert d.added == jobs
    assert d.changed == [] and d.gone == [] and d.unchanged_count == 0
    assert list(d.current) == ["a", "b"]
    assert not d.is_empty


def test_added_changed_gone_unchanged() -> None:
    a, b, c = job("a"), job("b", 10), job("c")
    prev = {"a": a, "b": b, "c": c}
    b2, d_ = job("b", 20), job("d")
    d = diff_snapshots(prev, [d_, b2, a])
    assert d.added == [d_]
    assert d.changed == [(b, b2)]
    assert d.gone == [c]
    assert d.unchanged_count == 1
    assert list(d.current) == ["d", "b", "a"]  # ordered as received
    assert d.current["b"] is b2


def test_identity_and_equality_are_unchanged() -> None:
    a = job("a", 5)
    prev = {"a": a, "b": job("b", 7)}
    d = diff_snapshots(prev, [a, job("b", 7)])  # same object; equal copy
    assert d.is_empty
    assert d.unchanged_count == 2


def test_identity_short_circuits_equality() -> None:
    class NeverEqual:
        job_handle = "x"

        def __eq__(self, other: object) -> bool:
            raise AssertionError("== must not be called for the same object")

        __hash__ = object.__hash__

    item = NeverEqual()
    assert diff_snapshots({"x": item}, [item]).unchanged_count == 1


def test_duplicates_keep_the_last() -> None:
    first, last = job("a", 1), job("a", 2)
    d = diff_snapshots({}, [first, job("b"), last])
    assert d.duplicates == 1
    assert d.current["a"] is last
    assert len(d.added) == 2


def test_keyless_items_get_stable_synthetic_keys() -> None:
    x, y = job(None, 1, name="x"), job(None, 2, name="y")
    d1 = diff_snapshots({}, [x, y, job(None, 1, name="x")])
    assert d1.keyless == 3
    keys = list(d1.current)
    assert all(k.startswith(KEYLESS_PREFIX) for k in keys)
    assert len(set(keys)) == 3  # two equal items stay distinct
    d2 = diff_snapshots(d1.current, [x, y, job(None, 1, name="x")])
    assert d2.is_empty  # same content → same keys on the next poll


def test_a_keyless_item_with_new_content_is_added_and_the_old_one_gone() -> None:
    # the synthetic key follows the content: a different keyless row is a new row, not a change of the old
    x, y = job(None, 1, name="x"), job(None, 2, name="y")
    d1 = diff_snapshots({}, [x])
    d2 = diff_snapshots(d1.current, [y])
    assert d2.added == [y] and d2.gone == [x] and d2.changed == []
    d3 = diff_snapshots(d2.current, [y, x])
    assert d3.added == [x] and d3.unchanged_count == 1 and d3.gone == []


def test_repeated_keyless_items_are_numbered_from_two() -> None:
    same = [job(None, 1, name="x") for _ in range(3)]
    keys = list(diff_snapshots({}, same).current)
    assert keys[1] == keys[0] + "#2" and keys[2] == keys[0] + "#3"
    assert "#" not in keys[0]


def test_a_keyless_item_whose_repr_breaks_or_is_not_text_does_not_break_the_poll() -> None:
    class BrokenRepr:
        job_handle = None

        def __repr__(self) -> str:
            raise RuntimeError("no repr")

    class SurrogateRepr:
        job_handle = None

        def __repr__(self) -> str:
            return "lone \udcff surrogate"

    broken, odd = BrokenRepr(), SurrogateRepr()
    d = diff_snapshots({}, [broken, odd])
    assert d.keyless == 2 and d.added == [broken, odd]
    assert diff_snapshots(d.current, [broken, odd]).is_empty  # the same objects keep their keys
    # two different objects of a broken repr are two rows
    first, second = BrokenRepr(), BrokenRepr()
    assert len(diff_snapshots({}, [first, second]).current) == 2
    replaced = diff_snapshots(diff_snapshots({}, [first]).current, [second])
    assert replaced.added == [second] and replaced.gone == [first]  # another object, not a change of the first


def test_custom_key_and_empty_snapshot() -> None:
    d = diff_snapshots({"n1": job("a", name="n1")}, [], key=lambda j: j.name)
    assert [g.job_handle for g in d.gone] == ["a"]
    assert d.current == {}


def test_works_with_unrecognised_enum_values() -> None:
    old = job("a", state=ActiveJobState.RUNNING)
    new = job("a", state=ActiveJobState("Levitating"))
    assert diff_snapshots({"a": old}, [new]).changed == [(old, new)]


def test_10000_items_5_percent_changed() -> None:
    prev_list = [job(f"j{i}", i % 100, name=f"job {i}") for i in range(10_000)]
    previous = {j.job_handle: j for j in prev_list}
    current = [dataclasses.replace(j, progress=j.progress + 1) if i % 20 == 0 else j for i, j in enumerate(prev_list)]
    d = diff_snapshots(previous, current)
    assert len(d.changed) == 500 and d.unchanged_count == 9_500


# --- property: previous + diff == current -------------------------------------------------------

_items = st.lists(
    st.tuples(st.one_of(st.none(), st.sampled_from("abcdefgh")), st.integers(0, 3)),
    max_size=20,
)


def _apply(previous: dict[str, ActiveJob], d: SnapshotDiff[ActiveJob], key) -> dict[str, ActiveJob]:
    rebuilt = dict(previous)
    for g in d.gone:
        del rebuilt[next(k for k, v in rebuilt.items() if v is g)]
    for old, new in d.changed:
        rebuilt[next(k for k, v in rebuilt.items() if v is old)] = new
    for k, v in d.current.items():
        if any(v is a for a in d.added):
            rebuilt[k] = v
    return rebuilt


@settings(max_examples=400)
@given(_items, _items)
def test_previous_plus_diff_rebuilds_current(before, after) -> None:
    def key(j):
        return j.job_handle
    previous = diff_snapshots({}, [job(h, p) for h, p in before]).current
    now_items = [job(h, p) for h, p in after]
    d = diff_snapshots(previous, now_items, key)
    assert _apply(previous, d, key) == d.current
    # every received item is accounted for exactly once
    assert len(d.added) + len(d.changed) + d.unchanged_count == len(d.current)
    assert len(d.current) + d.duplicates == len(now_items)
    assert d.keyless == sum(1 for h, _ in after if h is None)
    assert set(previous) - set(d.current) == {k for k, v in previous.items() if any(v is g for g in d.gone)}
    assert d.is_empty == (not d.added and not d.changed and not d.gone)
