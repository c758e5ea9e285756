"""``wait``, ``jobs --watch`` and ``logs -f`` against real sandboxes: each outcome's exit code, a
timeout, and an outage (the sandbox killed with SIGKILL and restarted on the same port and database)."""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import sys
import threading
import time

import pytest

from activejob_tui.cli import exitcodes
from activejob_tui.sandbox.sim import end_elapsed

from .conftest import connect_args, plans, submit_job
from .terminal import SIGINT_STATES, Terminal

pytestmark = pytest.mark.timeout(180)


class Running:
    """The CLI as a background process; its stdout and stderr lines collected as they come."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "activejob_tui", *args], env=env, text=True,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        self.out: list[str] = []
        self.err: list[str] = []
        self._readers = [threading.Thread(target=self._drain, args=(s, b), daemon=True)
                         for s, b in ((self.proc.stdout, self.out), (self.proc.stderr, self.err))]
        for reader in self._readers:
            reader.start()

    @staticmethod
    def _drain(stream, lines: list[str]) -> None:
        for line in stream:
            lines.append(line.rstrip("\n"))

    def wait_for(self, what: str, lines: list[str], timeout: float = 60, after: int = 0) -> int:
        """Index of the first line from ``after`` on that contains ``what``; fails after ``timeout`` s."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for i in range(after, len(lines)):
                if what in lines[i]:
                    return i
            if self.proc.poll() is not None and not any(r.is_alive() for r in self._readers):
                break
            time.sleep(0.05)
        raise AssertionError(f"never saw {what!r}\nstdout: {self.out[-20:]}\nstderr: {self.err[-20:]}")

    def wait_for_count(self, what: str, lines: list[str], count: int, after: int = 0, timeout: float = 60) -> None:
        """Wait until ``count`` lines from ``after`` on contain ``what``; fails after ``timeout`` s."""
        mark = after
        for _ in range(count):
            mark = self.wait_for(what, lines, timeout, after=mark) + 1

    def finish(self, timeout: float = 60) -> int:
        code = self.proc.wait(timeout)
        for reader in self._readers:
            reader.join(5)
        return code

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)


@pytest.fixture
def running():
    started: list[Running] = []

    def start(args: list[str], env: dict[str, str]) -> Running:
        started.append(Running(args, env))
        return started[-1]

    yield start
    for proc in started:
        proc.stop()


def soonest(db_path, outcome: str) -> str:
    """The demo company's active job with this planned outcome that ends first (by its plan, read from
    the database); waits for the sandbox's keep-alive to start one if none is there yet."""
    deadline = time.monotonic() + 60
    while True:
        candidates = {h: end_elapsed(p) for h, p in plans(db_path).items()
                      if p["outcome"] == outcome and h.startswith("j|1|")}
        if candidates:
            return min(candidates, key=candidates.get)
        assert time.monotonic() < deadline, f"no active job plans to end with {outcome}"
        time.sleep(0.1)


def test_wait_exits_with_each_outcomes_code(run_cli, sandbox_factory, with_password):
    sandbox = sandbox_factory(speed=200, seed=13)
    expected = {"success": exitcodes.OK, "errors": exitcodes.JOB_ERRORS, "fatal": exitcodes.JOB_FATAL}
    handles: dict[str, str] = {}
    for outcome, code in expected.items():
        handles[outcome] = soonest(sandbox.db_path, outcome)
        result = run_cli("wait", handles[outcome], "--timeout", "2m", "--interval", "0.5", *connect_args(sandbox),
                         env=with_password, timeout=150)
        assert result.returncode == code, (outcome, result.stdout, result.stderr)
        assert result.stdout.strip().startswith(f"{handles[outcome]}: ended ")
        assert result.stdout.strip().endswith(f": {outcome}"), result.stdout
    both = run_cli("wait", handles["success"], handles["errors"], "--interval", "0.5", *connect_args(sandbox),
                   env=with_password)
    assert both.returncode == exitcodes.JOB_ERRORS and len(both.stdout.splitlines()) == 2


def test_wait_on_a_stopped_job_and_past_its_timeout(run_cli, running, fresh_sandbox, with_password):
    base = connect_args(fresh_sandbox)
    jobs = json.loads(run_cli("jobs", "--filter", "state:running", "-o", "json", *base, env=with_password).stdout)
    first, second = jobs[0]["jobHandle"], jobs[1]["jobHandle"]
    late = run_cli("wait", second, "--timeout", "1s", "--interval", "0.5", *base, env=with_password)
    assert late.returncode == exitcodes.WAIT_TIMEOUT, (late.stdout, late.stderr)
    assert late.stdout.startswith(f"{second}: still running after 1s (Running, ")
    waiting = running(["wait", first, "--interval", "0.5", "--debug", *base], with_password)
    waiting.wait_for(ANSWERED, waiting.err)  # it has seen the job running (--debug traces each answer)
    assert run_cli("stop", first, "--yes", *base, env=with_password).returncode == 0
    assert waiting.finish(60) == exitcodes.JOB_CANCELLED, (waiting.out, waiting.err)
    assert waiting.out[-1].endswith(": cancelled")


ANSWERED = "HTTP 200, "
"""In the --debug trace: a line of an answer the server gave (``← getActiveJobs HTTP 200, 1234 bytes``)."""
REQUEST = ": → "
"""In the --debug trace: a line of a request sent (``… activejob_tui.ips.transport: → getActiveJobs http://…``)."""


def outage(sandbox, proc: Running) -> None:
    """SIGKILL the sandbox, see the one line about it, let two retries fail (``proc`` runs with --debug,
    whose trace shows each request sent), restart it on the same port and database."""
    before = len(proc.err)
    sandbox.kill()
    lost = proc.wait_for("connection lost", proc.err, after=before)
    proc.wait_for_count(REQUEST, proc.err, 2, after=lost + 1)  # two retries sent while it is down
    sandbox.restart()


def test_watch_survives_a_kill_9_and_shows_changes_after_the_restart(run_cli, running, sandbox_factory, with_password):
    sandbox = sandbox_factory(speed=5, seed=17)
    watch = running(["jobs", "--watch", "--interval", "0.5", "--debug", *connect_args(sandbox)], with_password)
    watch.wait_for("HANDLE", watch.out)  # the first listing, as a table (stdout is a pipe)
    first_change = watch.wait_for("CHANGED", watch.out)
    outage(sandbox, watch)
    back = watch.wait_for("reconnected after", watch.err)
    assert sum("connection lost" in line for line in watch.err) == 1, watch.err  # one line per outage
    assert back == len([line for line in watch.err if line.strip()]) - 1 or "reconnected" in watch.err[back]
    mark = len(watch.out)
    watch.wait_for("CHANGED", watch.out, after=mark)
    assert first_change < mark
    listed = json.loads(run_cli("jobs", "-o", "json", *connect_args(sandbox), env=with_password).stdout)
    running_now = [j["jobHandle"] for j in listed if j["state"] == "Running"]
    job = next(h for line in watch.out[mark:] if "CHANGED" in line for h in running_now if f"  {h}  " in line)
    assert run_cli("stop", job, "--yes", *connect_args(sandbox), env=with_password).returncode == 0
    stopped = watch.wait_for(job, [line if ("Stopping" in line or "GONE" in line) else "" for line in watch.out],
                             after=mark)
    assert watch.proc.poll() is None and stopped >= mark
    assert not any("Traceback" in line for line in watch.err)


def test_logs_follow_survives_a_kill_9_and_ends_with_the_outcome(running, sandbox_factory, with_password):
    sandbox = sandbox_factory(speed=10, seed=13)
    handle = submit_job(sandbox, "Followed through an outage")  # 5-16 s at this speed
    follow = running(["logs", "-f", handle, "--interval", "0.5", "--debug", *connect_args(sandbox)], with_password)
    follow.wait_for(":", follow.out)  # the first detail line
    outage(sandbox, follow)
    follow.wait_for("reconnected after", follow.err)
    code = follow.finish(120)
    last = follow.out[-1]
    assert last.startswith(f"{handle}: ended "), follow.out[-5:]
    outcome = last.rsplit(": ", 1)[1]
    assert code == exitcodes.OUTCOME_CODES[outcome], (code, last)
    lines = follow.out[:-1]
    assert len(lines) == len(set(lines)), "a detail line was printed twice"
    assert sum("connection lost" in line for line in follow.err) == 1


@pytest.mark.parametrize("sigint", SIGINT_STATES)
def test_watch_on_a_terminal_redraws_the_table_and_ctrl_c_ends_it(sandbox, with_password, sigint):
    # "ignored and blocked": what the CLI inherits when pytest runs as a background command of a script
    # (CI); it used to outlive every Ctrl-C there, redrawing. A screen a person watches takes Ctrl-C back.
    with Terminal(["jobs", "--watch", "--interval", "0.5", *connect_args(sandbox)], with_password, sigint) as term:
        term.expect("Every 0.5 s: active jobs")
        term.expect_count("\x1b[H\x1b[2J", 3)  # cleared and drawn again, poll after poll
        assert term.output.count("HANDLE") >= 2 and "CHANGED" not in term.output
        term.ctrl_c()
        assert term.wait(30) == exitcodes.INTERRUPTED
    assert "interrupted" in term.output.rsplit("\x1b[H\x1b[2J", 1)[-1]
    assert "Traceback" not in term.output


class Silent:
    """A loopback server that accepts connections and never answers: a WSDL URL behind a dead proxy."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}/wsdl"
        self.held: list[socket.socket] = []
        threading.Thread(target=self._hold, daemon=True).start()

    def _hold(self) -> None:
        with contextlib.suppress(OSError):
            while True:
                self.held.append(self.server.accept()[0])

    def close(self) -> None:
        self.server.close()
        for conn in self.held:
            conn.close()


def test_ctrl_c_while_the_wsdl_loads_from_a_server_that_does_not_answer_ends_at_once(with_password):
    # The WSDL loads in a worker thread; the interrupted command used to wait for that thread, up to
    # its --timeout (here 120 s, beyond the wait below) before it said "interrupted".
    silent = Silent()
    try:
        with Terminal(["jobs", "--watch", "--timeout", "120", "--wsdl", silent.url, "--user", "u", "--company", "c"],
                      with_password) as term:
            deadline = time.monotonic() + 30
            while not silent.held:  # the WSDL request is on its way: the thread is in it
                assert time.monotonic() < deadline and term.proc.poll() is None, term.output
                time.sleep(0.05)
            term.ctrl_c()
            assert term.wait(60) == exitcodes.INTERRUPTED
        assert "interrupted" in term.output and "Traceback" not in term.output
    finally:
        silent.close()


def test_logs_follow_of_a_finished_job_as_csv_prints_one_header_and_its_outcome(run_cli, sandbox, handles,
                                                                                  with_password):
    import csv
    import io

    result = run_cli("logs", "-f", handles["finished"], "-o", "csv", *connect_args(sandbox), env=with_password)
    assert result.returncode == exitcodes.OUTCOME_CODES[handles["finished_outcome"]], result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["dateCreated", "severity", "logType", "logMessage", "assetName"]
    assert rows.count(rows[0]) == 1 and len(rows) > 1000  # every page, one header
    assert result.stderr.strip().endswith(f": {handles['finished_outcome']}")  # the outcome, off the data


def test_wait_survives_a_kill_9_and_exits_with_the_outcome(running, sandbox_factory, with_password):
    sandbox = sandbox_factory(speed=10, seed=19)
    handle = submit_job(sandbox, "Waited for through an outage")
    waiting = running(["wait", handle, "--timeout", "2m", "--interval", "0.5", "--debug", *connect_args(sandbox)],
                      with_password)
    waiting.wait_for(ANSWERED, waiting.err)  # it has polled at least once
    assert waiting.proc.poll() is None
    outage(sandbox, waiting)
    waiting.wait_for("reconnected after", waiting.err)
    code = waiting.finish(120)
    assert waiting.out[-1].startswith(f"{handle}: ended "), (waiting.out, waiting.err)
    assert code == exitcodes.OUTCOME_CODES[waiting.out[-1].rsplit(": ", 1)[1]]
    assert sum("connection lost" in line for line in waiting.err) == 1
