"""``ips.turns``: the switch interval is short while any decode runs and restored after the last."""

from __future__ import annotations

import sys

from activejob_tui.ips.turns import DECODE_SWITCH_INTERVAL, short_turns


def test_the_interval_is_short_inside_and_restored_after_the_last_block():
    before = sys.getswitchinterval()
    with short_turns():
        assert sys.getswitchinterval() == min(before, DECODE_SWITCH_INTERVAL)
        with short_turns():  # a second decode at the same time
            assert sys.getswitchinterval() == min(before, DECODE_SWITCH_INTERVAL)
        assert sys.getswitchinterval() == min(before, DECODE_SWITCH_INTERVAL)  # one still runs
    assert sys.getswitchinterval() == before


def test_the_interval_is_restored_when_a_decode_raises():
    before = sys.getswitchinterval()
    try:
        with short_turns():
            raise ValueError("a malformed answer")
    except ValueError:
        pass
    assert sys.getswitchinterval() == before
