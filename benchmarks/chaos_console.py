"""The installed console in a real terminal against a sandbox with chaos on (issue 6, "done when").

    python benchmarks/chaos_console.py                   # 10 minutes, outage of 30 s at minute 5
    python benchmarks/chaos_console.py --seconds 60 --outage-at 20 --outage 10

Starts a sandbox (``SandboxProcess``) with rehearsal faults on every kind, runs ``activejob-tui``
against it in tmux (160x48), reads the screen every ``--every`` seconds as an operator would, and
stops the sandbox for ``--outage`` seconds in the middle (server down, then back on the same port and
database). At the end it presses ``q``. Prints one JSON object: screens read, how many said stale,
stale→fresh recoveries, the longest stale stretch, the stale episodes (one per "stale since" time) in
which the rows shown changed (no poll succeeds within one, so the last good rows must stay exactly as
they were), the stale screens left empty after data had been shown, the distinct reasons the header gave, whether the console was alive at every read,
and whether ``q`` ended it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from activejob_tui.sandbox.process import SandboxProcess

SESSION = "chaos-console"
CHAOS = "slow=0.1:3.0,drop=0.1,http500=0.05,fault=0.05,malformed=0.05"
ROW = re.compile(r"^│ .{0,6}[▶○◷■✓?] +(Running|New|WaitClient|WaitCoord|Stopping|Done|Unknown) ")
STALE = re.compile(r"stale since (\d\d:\d\d:\d\d) — (.*?)(?:, retrying|$)")


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False).stdout


def read_screen() -> list[str]:
    return tmux("capture-pane", "-p", "-t", SESSION).splitlines()


def console_alive() -> bool:
    return tmux("list-panes", "-t", SESSION, "-F", "#{pane_dead}").strip() == "0"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--every", type=float, default=2.0)
    parser.add_argument("--outage-at", type=float, default=300)
    parser.add_argument("--outage", type=float, default=30)
    parser.add_argument("--chaos", default=CHAOS)
    args = parser.parse_args()
    console = shutil.which("activejob-tui")
    if console is None or shutil.which("tmux") is None:
        sys.exit("needs the installed activejob-tui and tmux on PATH")

    workdir = Path(tempfile.mkdtemp(prefix="chaos-console-"))
    sandbox = SandboxProcess(db_path=workdir / "sandbox.db", seed=5, speed=5.0, chaos=[args.chaos])
    sandbox.start()
    env = dict(os.environ, IPS_PASSWORD="demo-password", XDG_STATE_HOME=str(workdir / "state"))
    command = [console, "--wsdl", sandbox.wsdl_url_2016, "--user", "demo@example.com", "--company", "Demo Company",
               "--timeout", "2", "--interval", "1"]
    subprocess.run(["tmux", "kill-session", "-t", SESSION], capture_output=True, check=False)
    subprocess.run(["tmux", "new-session", "-d", "-s", SESSION, "-x", "160", "-y", "48", "-e",
                    f"IPS_PASSWORD={env['IPS_PASSWORD']}", "-e", f"XDG_STATE_HOME={env['XDG_STATE_HOME']}",
                    " ".join(f"'{part}'" for part in command)], check=True)
    subprocess.run(["tmux", "set-option", "-t", SESSION, "remain-on-exit", "on"], check=True)

    timeline = (workdir / "timeline.jsonl").open("w")
    reads = stale_reads = recoveries = 0
    episode_rows: dict[str, set[int]] = {}  # "stale since" time -> the row counts shown meanwhile
    emptied = 0  # stale screens with no rows although the last good screen had some
    alive_throughout = True
    reasons: dict[str, int] = {}
    longest_stale = 0.0
    stale_started: float | None = None
    last_rows = 0
    started = time.monotonic()

    def outage() -> None:
        time.sleep(args.outage_at)
        sandbox.stop()
        time.sleep(args.outage)
        sandbox.restart()

    outage_thread = threading.Thread(target=outage, daemon=True)
    outage_thread.start()
    try:
        while (elapsed := time.monotonic() - started) < args.seconds:
            time.sleep(args.every)
            alive_throughout &= console_alive()
            screen = read_screen()
            reads += 1
            header = " ".join(screen[:2])
            rows = sum(bool(ROW.match(line)) for line in screen)
            stale = STALE.search(header)
            now = time.monotonic()
            timeline.write(json.dumps({"t": round(elapsed, 1), "stale": stale.group(2) if stale else None,
                                       "rows": rows, "header": screen[1] if len(screen) > 1 else ""}) + "\n")
            if stale:
                stale_reads += 1
                reasons[stale.group(2)] = reasons.get(stale.group(2), 0) + 1
                episode_rows.setdefault(stale.group(1), set()).add(rows)
                emptied += rows == 0 < last_rows
                if stale_started is None:
                    stale_started = now
                longest_stale = max(longest_stale, now - stale_started)
            elif "polled" in header:
                if stale_started is not None:
                    recoveries += 1
                    stale_started = None
                last_rows = rows
    finally:
        timeline.close()
        subprocess.run(["tmux", "send-keys", "-t", SESSION, "q"], check=False)
        time.sleep(3)
        quit_cleanly = not console_alive()
        subprocess.run(["tmux", "kill-session", "-t", SESSION], capture_output=True, check=False)
        outage_thread.join()
        sandbox.stop()
    print(json.dumps({
        "seconds": round(time.monotonic() - started), "screens_read": reads, "stale_screens": stale_reads,
        "recoveries": recoveries, "longest_stale_s": round(longest_stale, 1),
        "stale_episodes": len(episode_rows),
        "stale_episodes_whose_rows_changed": sum(len(counts) > 1 for counts in episode_rows.values()),
        "stale_screens_emptied": emptied,
        "stale_reasons": reasons, "alive_at_every_read": alive_throughout, "q_quits": quit_cleanly,
        "outage_s": args.outage, "timeline": str(workdir / "timeline.jsonl"),
    }, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
