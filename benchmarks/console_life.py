"""The console over its life in a real terminal: how fast ``q`` ends it, and how its memory grows.

    python benchmarks/console_life.py quit   [--runs 10] [--use 20]
    python benchmarks/console_life.py memory [--minutes 20] [--jobs 17,10000] [--notify off]

``quit``: the installed ``activejob-tui`` (embedded demo sandbox, fresh HOME) runs in tmux (160x48);
once a Running job is on screen it is used for ``--use`` seconds (keys pressed, views switched), then
``q`` is pressed and the time until its process is gone is taken. The baseline, in the same run and
interleaved, is a bare Textual app with a DataTable of 17 rows quitting the same way. Goal: ≤ 0.5 s.
Every embedded sandbox must be gone afterwards (counted as ``left_behind``).

``memory``: the console's own RSS (the sandbox is a separate process, reported apart) after 1 minute
and after ``--minutes``, on the demo (17 jobs, embedded sandbox) and against a sandbox of 10,000
jobs, beside a bare Textual app with a DataTable of as many rows in the same run. Goals: at most 2×
the bare app on the demo, and flat over time (least-squares slope of the last half's samples, in
MiB/min, beside the bare app's). ``--runs N`` starts N consoles (each with its own HOME and bare app)
together. At the end ``q`` is pressed in each
console: the time until its process is gone, and on the demo until its embedded sandbox is gone
(``embedded_sandbox_outlived_console_s``: how much longer the sandbox lived).

``memory --runs N --before DIR [--python PY]``: N runs; each starts, at once and each with its own HOME
(so its own embedded sandbox), the console from this checkout, the console from ``DIR`` (another
``src`` tree, e.g. ``git archive BASE src | tar -x -C DIR`` for the code before a change) and the bare
app, and samples their RSS at ``--at`` seconds. Both consoles run as ``PY -m activejob_tui`` with their
``src`` first on ``PYTHONPATH``, so they differ only in their code. ``--python`` a bare venv's Python
(``python3 scripts/check_install.py VENV --only imports`` builds one: the wheel, no test extras)
measures what a user's install loads: in the dev venv httpx also imports its command-line module,
because ``click`` is there for the test extras (import-linter); a user's install does not have it.

Prints one JSON object: median and [min, max] of each figure and the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from activejob_tui.sandbox.process import SandboxProcess

EXE = shutil.which("activejob-tui") or str(Path(sys.executable).with_name("activejob-tui"))
BARE_APP = '''
import sys
from textual.app import App
from textual.widgets import DataTable, Footer, Header
class Bare(App):
    BINDINGS = [("q", "quit", "Quit")]
    def compose(self):
        yield Header(); yield DataTable(); yield Footer()
    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns(*[f"col{i}" for i in range(10)])
        for r in range(int(sys.argv[1])):
            table.add_row("Running", f"job {r}", "ImageServingPublish", f"{r % 100}%", "just now",
                          "just now", "1 min", "17.5 MB", "ips-sandbox", "demo@example.com")
        self.title = f"{table.row_count} rows - Running"
Bare().run()
'''


def summary(values: list[float], digits: int = 3) -> dict[str, object]:
    return {"median": round(statistics.median(values), digits), "min_max": [round(min(values), digits), round(max(values), digits)],
            "runs": len(values)}


def slope(points: list[tuple[float, float]]) -> float:
    """The least-squares slope of ``(minute, MiB)`` samples in MiB/min: every sample of the stretch counts,
    so one high or low sample at either end does not make or hide a trend."""
    if len(points) < 2:
        return float("nan")
    return statistics.linear_regression([p[0] for p in points], [p[1] for p in points]).slope


def rss_mib(pid: int) -> float:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return float("nan")


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


class Pane:
    """One program in its own tmux server (own socket dir), 160x48."""

    def __init__(self, argv: list[str], env: dict[str, str], name: str) -> None:
        self.env, self.name = env, name
        for _ in range(50):
            self.tmux("new-session", "-d", "-s", name, "-x", "160", "-y", "48", *argv)
            pid = self.tmux("list-panes", "-t", name, "-F", "#{pane_pid}").strip()
            if pid:
                break
            # the previous program's tmux server (same socket directory) was still going away and took the new
            # session with it: seen under load between a console's run and the bare app's
            time.sleep(0.1)
        else:
            raise SystemExit(f"tmux could not start {name}: {argv}")
        self.pid = int(pid)

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", *args], capture_output=True, text=True, env=self.env, timeout=20).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(self, text: str, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.screen():
            if time.monotonic() > deadline:
                raise SystemExit(f"{text!r} never appeared in {self.name}:\n{self.screen()}")
            time.sleep(0.2)

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.name, *keys)

    def quit_seconds(self) -> float:
        started = time.monotonic()
        self.keys("q")
        while alive(self.pid):
            if time.monotonic() - started > 30:
                break
            time.sleep(0.01)
        return time.monotonic() - started

    def close(self) -> None:
        self.tmux("kill-server")


def environment(home: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("IPS_", "ACTIVEJOB_TUI", "XDG_", "TMUX"))}
    env.update(HOME=home, TERM="xterm-256color", TMUX_TMPDIR=home)
    return env


def sandbox_pids(home: str) -> set[int]:
    """Sandboxes whose database lies under ``home`` (other sandboxes on the machine are not ours)."""
    out = subprocess.run(["pgrep", "-f", f"activejob_tui.sandbox.*{home}"], capture_output=True, text=True).stdout
    return {int(p) for p in out.split()}


def quit_runs(runs: int, use: float) -> dict[str, object]:
    ours, bare, left = [], [], 0
    for run in range(runs):
        with tempfile.TemporaryDirectory() as home:
            env = environment(home)
            console = Pane([EXE], env, f"life-c{run}")
            try:
                console.wait_for("Running")
                deadline = time.monotonic() + use
                while time.monotonic() < deadline:
                    for key in ("j", "j", "2", "1", "3", "1", "k"):
                        console.keys(key)
                        time.sleep(0.1)
                ours.append(console.quit_seconds())
            finally:
                console.close()
            app = Pane([sys.executable, "-c", BARE_APP, "17"], env, f"life-b{run}")
            try:
                app.wait_for("Running")
                time.sleep(min(use, 2.0))
                bare.append(app.quit_seconds())
            finally:
                app.close()
            left += len(sandbox_pids(home))
    return {"console_quit_s": summary(ours), "bare_textual_quit_s": summary(bare),
            "ratio": round(statistics.median(ours) / statistics.median(bare), 2), "used_for_s": use,
            "sandboxes_left_behind": left, "goal_s": 0.5}


def exit_times(pane: Pane, sandboxes: list[int], timeout: float = 30) -> tuple[float, float | None]:
    """Press ``q``; seconds until the console's process is gone, and until the last of ``sandboxes`` is."""
    started = time.monotonic()
    pane.keys("q")
    console_s = sandbox_s = None
    while time.monotonic() - started < timeout:
        now = time.monotonic() - started
        if console_s is None and not alive(pane.pid):
            console_s = now
        if sandbox_s is None and not any(alive(pid) for pid in sandboxes):
            sandbox_s = now
        if console_s is not None and sandbox_s is not None:
            break
        time.sleep(0.01)
    return (console_s if console_s is not None else float("nan")), (sandbox_s if sandboxes else None)


def memory_run(jobs: int, minutes: float, runs: int = 1, exe: str = EXE, notify: str | None = None) -> dict[str, object]:
    """``runs`` consoles and as many bare apps, started together (each console with its own HOME, so on
    the demo its own embedded sandbox), sampled every 10 s; then ``q`` to each console, timed, with the
    time its embedded sandbox took to be gone (it must never outlive the console by long). ``exe``: the
    console's executable; the bare app runs with the Python beside it (another venv: a user's install).
    ``notify``: the config file's ``notify`` in each HOME (``off``: no toasts for ended jobs)."""
    python = str(Path(exe).with_name("python")) if exe != EXE else sys.executable
    homes = [tempfile.TemporaryDirectory() for _ in range(runs)]
    sandbox = None
    pairs: list[tuple[Pane, Pane, str]] = []
    samples: list[list[tuple[float, float, float]]] = [[] for _ in range(runs)]
    ends: list[tuple[float, float | None, float]] = []
    try:
        argv = [exe]
        extra: dict[str, str] = {}
        if jobs != 17:
            sandbox = SandboxProcess(db_path=Path(homes[0].name) / "big.db", demo_jobs=jobs, seed=5)
            sandbox.start(timeout=120)
            argv += ["--wsdl", sandbox.wsdl_url_2016, "--user", "demo@example.com", "--company", "Demo Company"]
            extra["IPS_PASSWORD"] = "demo-password"
        for run, home in enumerate(homes):
            if notify is not None:
                config = Path(home.name) / ".config" / "activejob-tui" / "config.toml"
                config.parent.mkdir(parents=True)
                config.write_text(f'notify = "{notify}"\n', encoding="utf-8")
            env = environment(home.name) | extra
            tag = f"{jobs}-{run}-{os.getpid()}"
            pairs.append((Pane(argv, env, f"life-m{tag}"), Pane([python, "-c", BARE_APP, str(jobs)], env, f"life-mb{tag}"),
                          home.name))
        for console, bare, _home in pairs:
            console.wait_for("Running", timeout=180)
            bare.wait_for("Running", timeout=180)
        started = time.monotonic()
        while True:
            elapsed = time.monotonic() - started
            for run, (console, bare, _home) in enumerate(pairs):
                samples[run].append((elapsed / 60, rss_mib(console.pid), rss_mib(bare.pid)))
            if elapsed >= minutes * 60:
                break
            time.sleep(min(10, max(0.0, minutes * 60 - elapsed)))
        for console, _bare, home in pairs:
            embedded = sorted(sandbox_pids(home))
            sandbox_rss = rss_mib(sandbox.pid) if sandbox else (rss_mib(embedded[0]) if embedded else float("nan"))
            console_s, sandbox_s = exit_times(console, embedded)
            ends.append((console_s, sandbox_s, sandbox_rss))
    finally:
        for console, bare, _home in pairs:
            console.close()
            bare.close()
        if sandbox is not None:
            sandbox.stop()
        for home in homes:
            home.cleanup()
    at_1 = [min(run, key=lambda s: abs(s[0] - 1)) for run in samples]
    last = [run[-1] for run in samples]
    slopes = [slope([(s[0], s[1]) for s in run if s[0] >= run[-1][0] / 2]) for run in samples]
    bare_slopes = [slope([(s[0], s[2]) for s in run if s[0] >= run[-1][0] / 2]) for run in samples]
    out: dict[str, object] = {
        "jobs": jobs, "minutes": round(statistics.median(s[0] for s in last), 1), "runs": runs, "console": exe,
        "notify": notify or "all",
        "console_rss_mib_at_1_min": summary([s[1] for s in at_1], 1),
        "bare_textual_rss_mib_at_1_min": summary([s[2] for s in at_1], 1),
        "ratio_to_bare_at_1_min": summary([s[1] / s[2] for s in at_1], 2),
        "console_rss_mib_at_end": summary([s[1] for s in last], 1),
        "bare_textual_rss_mib_at_end": summary([s[2] for s in last], 1),
        "ratio_to_bare_at_end": summary([s[1] / s[2] for s in last], 2),
        "console_peak_mib": summary([max(s[1] for s in run) for run in samples], 1),
        "console_slope_last_half_mib_per_min": summary(slopes, 2),
        "bare_textual_slope_last_half_mib_per_min": summary(bare_slopes, 2),
        "console_rss_mib_every_5_min": [round(statistics.median(min(run, key=lambda s: abs(s[0] - m))[1] for run in samples), 1)
                                        for m in range(0, int(minutes) + 1, 5)],
        "sandbox_rss_mib": summary([e[2] for e in ends], 1),
        "quit_after_run_s": summary([e[0] for e in ends]),
    }
    if jobs == 17:
        out["embedded_sandbox_gone_after_q_s"] = summary([e[1] for e in ends if e[1] is not None])
        out["embedded_sandbox_outlived_console_s"] = summary([e[1] - e[0] for e in ends if e[1] is not None])
    return out


SRC = Path(__file__).resolve().parents[1] / "src"


def side_by_side(before: Path, python: str, runs: int, at: list[float]) -> dict[str, object]:
    """The demo console from this checkout (``after``) and from ``before`` and the bare app, started
    together in each run; their RSS at each of ``at`` seconds, as median and [min, max] over runs."""
    arms = {"after": SRC.resolve(), "before": before.resolve(), "bare": None}
    samples: dict[str, dict[float, list[float]]] = {arm: {t: [] for t in at} for arm in arms}
    for run in range(runs):
        homes = [tempfile.TemporaryDirectory() for _ in arms]
        panes: dict[str, Pane] = {}
        try:
            for (arm, src), home in zip(arms.items(), homes, strict=True):
                env = environment(home.name)
                if src is None:
                    argv = [python, "-c", BARE_APP, "17"]
                else:
                    env["PYTHONPATH"] = str(src)
                    argv = [python, "-m", "activejob_tui"]
                panes[arm] = Pane(argv, env, f"life-s{arm}{run}-{os.getpid()}")
            for pane in panes.values():
                pane.wait_for("Running", timeout=180)
            started = time.monotonic()
            for t in at:
                time.sleep(max(0.0, started + t - time.monotonic()))
                for arm, pane in panes.items():
                    samples[arm][t].append(rss_mib(pane.pid))
        finally:
            for pane in panes.values():
                pane.close()
            for home in homes:
                home.cleanup()
    out: dict[str, object] = {"python": python, "runs": runs, "before_src": str(before)}
    for t in at:
        figures = {arm: summary(samples[arm][t], 1) for arm in arms}
        out[f"rss_mib_at_{t:g}_s"] = {
            **figures,
            "ratio_after_to_bare": round(statistics.median(samples["after"][t]) / statistics.median(samples["bare"][t]), 2),
            "ratio_before_to_bare": round(statistics.median(samples["before"][t]) / statistics.median(samples["bare"][t]), 2),
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    q = sub.add_parser("quit")
    q.add_argument("--runs", type=int, default=10)
    q.add_argument("--use", type=float, default=20.0, help="seconds of keys before q")
    m = sub.add_parser("memory")
    m.add_argument("--minutes", type=float, default=20.0)
    m.add_argument("--jobs", default="17,10000", help="comma-separated; 17 is the embedded demo")
    m.add_argument("--runs", type=int, default=1, help="consoles (each beside a bare app) started together; with --before: runs of the side-by-side comparison")
    m.add_argument("--before", type=Path, help="another src tree: its console beside this one, on the demo")
    m.add_argument("--at", default="60,300", help="with --before: seconds after the first Running job to sample")
    m.add_argument("--python", default=sys.executable, help="with --before: the Python of both consoles and the bare app")
    m.add_argument("--notify", choices=("all", "failures", "off"), help="without --before: the config file's notify "
                   "in each console's HOME (default: none written, so all)")
    m.add_argument("--exe", default=EXE, help="without --before: the console to measure, e.g. a bare venv's activejob-tui "
                   "(scripts/check_install.py VENV --only imports); the bare app runs with that venv's Python")
    args = parser.parse_args()
    if args.what == "quit":
        result = quit_runs(args.runs, args.use)
    elif args.before is not None:
        result = {"memory_beside": side_by_side(args.before, args.python, args.runs,
                                                [float(t) for t in args.at.split(",")])}
    else:
        result = {"memory": [memory_run(int(n), args.minutes, args.runs, args.exe, args.notify) for n in args.jobs.split(",")]}
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
