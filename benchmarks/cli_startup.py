"""Start-up of ``activejob-tui --version`` and ``--help`` against ``python -c pass``, interleaved.

Each round runs the baseline and both commands once, in turn, each in a fresh interpreter (as a
shell starts them), so a busy machine slows all three alike. Prints median and [min–max] in ms and
the ratio of the medians to the baseline. Goal: <= 5x (nothing heavy on that path; the import guard
is tests/cli/test_imports.py).

    python benchmarks/cli_startup.py [--runs 21]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "activejob-tui --version": [sys.executable, "-m", "activejob_tui", "--version"],
    "activejob-tui --help": [sys.executable, "-m", "activejob_tui", "--help"],
}
GOAL = 5.0


def once(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, timeout=60)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "HOME": home, "XDG_CONFIG_HOME": home, "XDG_STATE_HOME": home, "XDG_DATA_HOME": home}
        for command in COMMANDS.values():  # warm the file cache and the bytecode
            once(command, env)
        times: dict[str, list[float]] = {name: [] for name in COMMANDS}
        for _ in range(args.runs):
            for name, command in COMMANDS.items():
                times[name].append(once(command, env))
    base = statistics.median(times["python -c pass"])
    print(f"{'command':<26} {'median':>8}  {'[min–max] ms':<18} ratio (goal <= {GOAL:g}x)")
    for name, values in times.items():
        median = statistics.median(values)
        ratio = median / base
        mark = "" if name.startswith("python") else ("  ok" if ratio <= GOAL else "  OVER")
        print(f"{name:<26} {median:8.1f}  [{min(values):.1f}–{max(values):.1f}]{'':<4} {ratio:.1f}x{mark}")


if __name__ == "__main__":
    main()
