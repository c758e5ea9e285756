"""Whether a process runs, for the tests that check no sandbox outlives its owner."""

from __future__ import annotations


def running(pid: int) -> bool:
    """True while ``pid`` runs (a zombie, terminated but not yet reaped, counts as stopped)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
