"""``wire.find``: a long search a window at a time (so the console's UI thread gets the interpreter
lock between windows) finds exactly what ``bytes.find`` finds, across window edges."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from activejob_tui.ips import wire


@given(data=st.binary(max_size=200), sub=st.binary(min_size=1, max_size=6), window=st.integers(1, 17),
       start=st.integers(0, 210), end=st.integers(0, 210))
def test_the_windowed_find_equals_bytes_find(data, sub, window, start, end):
    old = wire.WINDOW
    wire.WINDOW = window
    try:
        assert wire.find(data, sub, start, end) == data.find(sub, start, end)
    finally:
        wire.WINDOW = old


def test_a_match_across_a_window_edge_is_found():
    old = wire.WINDOW
    wire.WINDOW = 4
    try:
        data = b"aaa</jobArray>bbb"
        assert wire.find(data, b"</jobArray", 0, len(data)) == 3
        assert wire.has_doctype(b"x" * 10 + b"<!DOCTYPE x>") and not wire.has_doctype(b"x" * 10 + b"<!DOCTYP>")
    finally:
        wire.WINDOW = old
