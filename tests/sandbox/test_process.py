"""sandbox/process.py is the one owner of a sandbox child's end: whatever its owner forgot, the
child is stopped and reaped when the parent exits, and a stopped sandbox is no longer tracked."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from activejob_tui.sandbox import process
from activejob_tui.sandbox.paths import ENDPOINT_PATH, WSDL_2016_PATH, WSDL_LEGACY_PATH
from activejob_tui.sandbox.process import SandboxProcess
from processes import running


def test_a_terminated_sandbox_stays_tracked_until_it_is_reaped(tmp_path: Path) -> None:
    sb = SandboxProcess(db_path=tmp_path / "s.db")
    sb.start()
    try:
        assert sb in process._LIVE
        sb.terminate()  # what the session does when its connection closes
        assert sb in process._LIVE, "only the reaping may forget it"
        assert sb.stop(timeout=10) == 0
        assert sb not in process._LIVE
        sb.start()
        assert sb in process._LIVE
        sb.kill()
        assert sb not in process._LIVE
    finally:
        sb.stop()


def test_a_sandbox_its_owner_dropped_is_stopped_when_the_parent_exits(tmp_path: Path) -> None:
    script = (
        "import gc, sys\n"
        "from pathlib import Path\n"
        "from activejob_tui.sandbox.process import SandboxProcess\n"
        "sb = SandboxProcess(db_path=Path(sys.argv[1]))\n"
        "sb.start()\n"
        "print(sb.pid, flush=True)\n"
        "del sb\n"
        "gc.collect()\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "s.db")], capture_output=True, text=True,
                          timeout=60, env=dict(os.environ))
    assert done.returncode == 0, done.stderr
    pid = int(done.stdout.split()[0])
    deadline = time.monotonic() + 5
    while running(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    alive = running(pid)
    if alive:
        os.kill(pid, 9)
    assert not alive, "a dropped sandbox outlived the process that started it"


# --- the child's whole life, by what an owner sees (issue 16: the mutation run over process.py) -------------


def _cmdline(pid: int) -> list[str]:
    with open(f"/proc/{pid}/cmdline", "rb") as f:
        return f.read().decode().split("\0")[:-1]


@pytest.fixture
def owned(tmp_path: Path):
    """``owned(sb)`` tracks a sandbox; afterwards none of them may still run — checked, then killed so a
    broken stop never leaves a process behind on the machine."""
    seen: list[SandboxProcess] = []
    pids: set[int] = set()

    def own(sb: SandboxProcess) -> SandboxProcess:
        seen.append(sb)
        return sb

    yield own, pids
    for sb in seen:
        if sb.pid is not None:
            pids.add(sb.pid)
    left = [pid for pid in pids if running(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    for sb in seen:
        process._LIVE.discard(sb)
    assert not left, f"sandbox processes left running: {left}"


HOLDER = (
    "import signal, sys, time\n"
    # a hangup ends it as at a terminal, even when the test run was started under nohup (SIGHUP ignored,
    # and passed on to every child: this case then failed in a nohup'd mutation run)
    "signal.signal(signal.SIGHUP, signal.SIG_DFL)\n"
    "from pathlib import Path\n"
    "from activejob_tui.sandbox.process import SandboxProcess\n"
    "sb = SandboxProcess(db_path=Path(sys.argv[1]))\n"
    "sb.start()\n"
    "print(sb.pid, flush=True)\n"
    "time.sleep(120)\n"
)


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name)
def test_a_sandbox_ends_when_its_parent_is_killed_however(tmp_path: Path, how: signal.Signals) -> None:
    """A console or CLI killed outright (``kill``, a closed terminal, the OOM killer) runs no exit hook:
    its embedded sandbox must still end by itself, not run on for ever with nobody to stop it."""
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path / "s.db")], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=dict(os.environ))
    try:
        pid = int(holder.stdout.readline() or 0)
        assert pid and running(pid), holder.stderr.read()
        holder.send_signal(how)
        holder.wait(10)
        deadline = time.monotonic() + 10
        while running(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        alive = running(pid)
        if alive:
            os.kill(pid, signal.SIGKILL)
        assert not alive, f"the sandbox outlived its parent ({how.name})"
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait(5)


def test_a_sandbox_not_started_has_no_address_and_nothing_to_stop(tmp_path: Path) -> None:
    sb = SandboxProcess(db_path=tmp_path / "s.db")
    for name in ("port", "base_url", "endpoint", "wsdl_url_2016", "wsdl_url_legacy"):
        with pytest.raises(RuntimeError, match="sandbox not started"):
            getattr(sb, name)
    assert sb.pid is None and sb.running is False and sb.output == "" and sb.stderr == ""
    assert sb.stop() is None
    sb.terminate()
    sb.kill()
    assert sb not in process._LIVE and not (tmp_path / "s.db").exists()


def test_a_started_sandbox_answers_at_its_addresses_and_runs_as_asked(tmp_path: Path, owned) -> None:
    own, _ = owned
    sb = own(SandboxProcess(db_path=tmp_path / "s.db", demo_jobs=3, seed=5, speed=2.5,
                            chaos=["slow=0.5:0.1", "drop=0.1"], wire="axis2", mtom=True,
                            extra_args=["--log-level", "WARNING"]))
    with sb:
        assert sb.running and sb in process._LIVE
        assert isinstance(sb.port, int) and sb.port > 0
        assert sb.base_url == f"http://127.0.0.1:{sb.port}"
        assert (sb.endpoint, sb.wsdl_url_2016, sb.wsdl_url_legacy) == (
            sb.base_url + ENDPOINT_PATH, sb.base_url + WSDL_2016_PATH, sb.base_url + WSDL_LEGACY_PATH)
        for url in (sb.wsdl_url_2016, sb.wsdl_url_legacy):
            answer = httpx.get(url, timeout=10, trust_env=False)
            assert answer.status_code == 200 and "definitions" in answer.text
        argv = _cmdline(sb.pid)
        assert argv[1] == "-c" and argv[3] == "activejob_tui.sandbox"  # the module, behind its parent's watch
        joined = " ".join(argv[4:])
        for part in ("--host 127.0.0.1", "--port 0", f"--db {tmp_path / 's.db'}", "--demo-jobs 3", "--seed 5",
                     "--speed 2.5", "--chaos slow=0.5:0.1 --chaos drop=0.1", "--wire axis2", "--mtom",
                     "--log-level WARNING"):
            assert part in joined, (part, joined)
        assert joined.endswith("--log-level WARNING")  # the extra arguments come last: they can override
        assert "Wire:                   axis2 + MTOM" in sb.output and "Chaos:" in sb.output
        assert sb.output.startswith(f"IPS sandbox listening on {sb.base_url}\n")
        pid = sb.pid
        sb.start()  # already running: the same child, not a second one
        assert sb.pid == pid
    assert not sb.running and not running(pid) and sb not in process._LIVE
    assert (tmp_path / "s.db").exists()


def test_the_child_runs_in_its_parents_environment_and_writes_unbuffered(tmp_path: Path, owned,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The parent's environment (its language, proxy settings, the path it was installed on) is the child's
    too, with unbuffered output: each line reaches the parent as it is written."""
    own, _ = owned
    monkeypatch.setenv("ACTIVEJOB_TUI_TEST_MARK", "from the parent")
    monkeypatch.delenv("PYTHONUNBUFFERED", raising=False)  # set where the suite runs: the child must set it itself
    with own(SandboxProcess(db_path=tmp_path / "s.db")) as sb, open(f"/proc/{sb.pid}/environ", "rb") as f:
        environ = dict(item.decode().split("=", 1) for item in f.read().split(b"\0") if b"=" in item)
    assert environ["ACTIVEJOB_TUI_TEST_MARK"] == "from the parent"
    assert environ["PYTHONUNBUFFERED"] == "1"


def test_a_plain_sandbox_is_asked_for_nothing_more(tmp_path: Path, owned) -> None:
    own, _ = owned
    with own(SandboxProcess(db_path=tmp_path / "s.db")) as sb:
        joined = " ".join(_cmdline(sb.pid)[4:])
        assert joined == f"--host 127.0.0.1 --port 0 --db {tmp_path / 's.db'}"
        assert "Wire:" not in sb.output and "Chaos:" not in sb.output
        assert f"Database:               {tmp_path / 's.db'}" in sb.output


def test_a_sandbox_that_exits_before_listening_says_why_and_is_not_tracked(tmp_path: Path, owned) -> None:
    own, _ = owned
    sb = own(SandboxProcess(db_path=tmp_path / "s.db", extra_args=["--speed", "0"]))
    with pytest.raises(RuntimeError) as info:
        sb.start()
    assert "exited with code 2 before listening" in str(info.value)
    assert "--speed must be positive" in str(info.value) and "--speed must be positive" in sb.stderr
    assert sb not in process._LIVE and not sb.running
    with pytest.raises(RuntimeError, match="sandbox not started"):
        _ = sb.base_url


def test_a_sandbox_that_does_not_listen_in_time_is_killed_not_left_behind(tmp_path: Path, owned) -> None:
    own, _ = owned
    sb = own(SandboxProcess(db_path=tmp_path / "s.db"))
    started = time.monotonic()
    with pytest.raises(RuntimeError, match=r"did not start within 0\.2s"):
        sb.start(timeout=0.2)
    assert time.monotonic() - started < 15  # the 0.2 s, then a kill and its reaping: not the default 15 s wait
    assert sb.pid is not None and not running(sb.pid) and not sb.running
    assert sb not in process._LIVE


def test_a_sandbox_that_ignores_sigterm_is_killed_after_the_timeout(tmp_path: Path, owned) -> None:
    own, _ = owned
    sb = own(SandboxProcess(db_path=tmp_path / "s.db"))
    sb.start()
    os.kill(sb.pid, signal.SIGSTOP)  # a hung child: SIGTERM stays pending, only SIGKILL ends it
    started = time.monotonic()
    assert sb.stop(timeout=0.5) == -signal.SIGKILL
    assert time.monotonic() - started < 8  # 0.5 s, then SIGKILL: not a wait for a SIGTERM that cannot land
    assert not running(sb.pid) and sb not in process._LIVE and not sb.running


def test_terminate_only_asks_and_a_later_stop_reaps_with_the_clean_exit(tmp_path: Path, owned) -> None:
    own, _ = owned
    sb = own(SandboxProcess(db_path=tmp_path / "s.db"))
    sb.start()
    pid = sb.pid
    sb.terminate()
    deadline = time.monotonic() + 10
    while running(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not running(pid), "SIGTERM did not end the sandbox"
    assert sb in process._LIVE  # ended, not yet reaped
    assert sb.stop() == 0 and sb not in process._LIVE
    assert sb.stop() == 0  # again: nothing left to do, the same exit code
    sb.terminate()
    sb.kill()  # on an ended child: no error


def test_kill_is_a_sigkill_and_restart_comes_back_on_the_same_port(tmp_path: Path, owned) -> None:
    own, pids = owned
    sb = own(SandboxProcess(db_path=tmp_path / "s.db"))
    sb.start()
    port, first = sb.port, sb.pid
    pids.add(first)
    sb.kill()
    assert not running(first) and sb not in process._LIVE and sb.stop() == -signal.SIGKILL
    sb.restart()
    assert sb.port == port and sb.pid != first and sb.running and sb in process._LIVE
    assert httpx.get(sb.wsdl_url_2016, timeout=10, trust_env=False).status_code == 200
    second = sb.pid
    pids.add(second)
    sb.restart()  # while running: stopped first, then up again on the same port
    assert not running(second) and sb.running and sb.port == port
    assert sb.stop() == 0


def test_restart_gives_up_with_the_reason_after_its_timeout(tmp_path: Path, owned) -> None:
    own, _ = owned
    sb = own(SandboxProcess(db_path=tmp_path / "s.db", extra_args=["--speed", "0"]))
    started = time.monotonic()
    with pytest.raises(RuntimeError, match=r"before listening|did not start within") as info:
        sb.restart(timeout=2)
    assert 2 <= time.monotonic() - started < 15  # it kept trying until the deadline, then gave up
    assert "--speed must be positive" in str(info.value) or "did not start" in str(info.value)
    assert not sb.running and sb not in process._LIVE


def test_the_exit_hook_stops_and_reaps_every_sandbox_left_even_past_a_failing_one(tmp_path: Path, owned) -> None:
    own, _ = owned

    class Broken(SandboxProcess):
        def stop(self, timeout: float = 10) -> int | None:
            raise OSError("cannot stop")

    dropped = own(SandboxProcess(db_path=tmp_path / "a.db"))
    asked = own(SandboxProcess(db_path=tmp_path / "b.db"))
    dropped.start()
    asked.start()
    asked.terminate()
    broken = Broken(db_path=tmp_path / "c.db")
    others = process._LIVE - {dropped, asked}  # the test session's own sandboxes stay up
    process._LIVE.difference_update(others)
    process._LIVE.add(broken)
    try:
        process._stop_leftovers()
    finally:
        process._LIVE.discard(broken)
        process._LIVE.update(others)
    for sb in (dropped, asked):
        assert not running(sb.pid) and sb not in process._LIVE
    assert dropped.stop() == 0 and asked.stop() == 0  # both ended by SIGTERM: a clean exit, reaped


def test_sigterm_after_sigterm_does_not_kill_the_clean_shutdown(owned, tmp_path: Path) -> None:
    """An owner's stop() after its terminate(), or the stdin watcher when the owner closes the pipe, sends
    a second SIGTERM while the sandbox is already stopping; it used to land after the loop had put SIG_DFL
    back and end the child with -15 half-way through its shutdown (CI: 'assert -15 == 0'). SIGTERMs sent
    all through the shutdown now leave the clean exit alone."""
    own, _ = owned
    sb = own(SandboxProcess(db_path=tmp_path / "s.db"))
    sb.start()
    deadline = time.monotonic() + 20
    while sb.running and time.monotonic() < deadline:
        sb.terminate()
        time.sleep(0.002)
    assert not sb.running
    assert sb.stop() == 0


def test_a_child_whose_output_is_not_utf8_still_starts_and_is_read(tmp_path: Path, owned,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """An operator's PYTHONIOENCODING reaches the child with the rest of the environment: with ``latin-1`` a
    database path holding an "é" comes back as a byte that is not UTF-8. The sandbox still starts, and its
    banner is read with that one byte shown as U+FFFD — not a reader that dies on it and a start that waits
    for a listening line it will never see."""
    own, _ = owned
    monkeypatch.setenv("PYTHONIOENCODING", "latin-1")
    folder = tmp_path / "café"
    folder.mkdir()
    with own(SandboxProcess(db_path=folder / "s.db")) as sb:
        assert sb.running
        assert f"Database:               {tmp_path}/caf\ufffd/s.db\n" in sb.output
        assert httpx.get(sb.wsdl_url_2016, timeout=10, trust_env=False).status_code == 200
    assert (folder / "s.db").exists()


def _stop_first_child_running(db_path: Path, stopped: list[int], give_up: threading.Event) -> None:
    """SIGSTOP the first child of this process whose command line names ``db_path``: a sandbox that hangs
    before it listens (neither answering nor exiting)."""
    mine = str(os.getpid())
    while not give_up.is_set():
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                with open(f"/proc/{pid}/stat") as f:
                    parent = f.read().rsplit(")", 1)[1].split()[1]
                if parent == mine and str(db_path) in _cmdline(int(pid)):
                    os.kill(int(pid), signal.SIGSTOP)
                    stopped.append(int(pid))
                    return
            except (FileNotFoundError, ProcessLookupError, IndexError):
                continue
        time.sleep(0.01)


def test_restart_of_a_child_that_hangs_before_listening_gives_up_at_its_timeout(tmp_path: Path, owned) -> None:
    """A child that neither listens nor exits (stopped here) is given the restart's timeout — not more — and
    then killed: restart() raises "did not start" and leaves nothing running."""
    own, pids = owned
    sb = own(SandboxProcess(db_path=tmp_path / "s.db"))
    stopped: list[int] = []
    give_up = threading.Event()
    watcher = threading.Thread(target=_stop_first_child_running, args=(tmp_path / "s.db", stopped, give_up))
    watcher.start()
    try:
        with pytest.raises(RuntimeError, match=r"did not start within"):
            sb.restart(timeout=2)
    finally:
        give_up.set()
        watcher.join()
    pids.update(stopped)
    assert stopped and stopped[0] == sb.pid  # the hung child was the one tried first, and killed
    assert not running(sb.pid) and not sb.running and sb not in process._LIVE


def test_the_childs_output_is_read_as_utf8_whatever_the_owners_locale(tmp_path: Path, owned) -> None:
    """The child writes UTF-8; its owner reads it as UTF-8 even when the owner's own locale says otherwise (a
    library in the owner set LC_CTYPE to "C", whose encoding is ASCII): a path with an "é" in the banner comes
    back as written, not as two replacement signs."""
    import locale

    own, _ = owned
    folder = tmp_path / "café"
    folder.mkdir()
    sb = own(SandboxProcess(db_path=folder / "s.db"))
    if sys.flags.utf8_mode:
        pytest.skip("Python's UTF-8 mode reads every pipe as UTF-8: no other locale to read it by")
    before = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    try:
        assert locale.getpreferredencoding(False) != "UTF-8"
        sb.start()
    finally:
        locale.setlocale(locale.LC_CTYPE, before)
    try:
        assert f"Database:               {folder / 's.db'}\n" in sb.output
    finally:
        assert sb.stop() == 0
