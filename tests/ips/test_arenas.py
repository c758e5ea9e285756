"""glibc's malloc arenas capped at start (issue 9): worker threads that allocate share an arena instead of
each keeping one of freed memory. Counted with glibc's own ``malloc_info`` in a fresh interpreter (the
cap applies to arenas made after it, and this test process has made its own already)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from activejob_tui.ips import trim

COUNT_ARENAS = textwrap.dedent('''
    import ctypes, os, re, sys, tempfile, threading, time
    from activejob_tui.ips import trim
    if sys.argv[1] == "capped":
        assert trim.limit_arenas() is True
    go = threading.Event()
    def work():
        kept = [bytes(200_000) for _ in range(5)]  # past pymalloc's 512 bytes: glibc's malloc, in this thread's arena
        go.wait()
    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(0.3)
    libc = ctypes.CDLL("libc.so.6")
    libc.fopen.restype = ctypes.c_void_p
    libc.fopen.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
    libc.fclose.argtypes = [ctypes.c_void_p]
    fd, path = tempfile.mkstemp()
    os.close(fd)
    out = libc.fopen(path.encode(), b"w")
    libc.malloc_info(0, out)
    libc.fclose(out)
    go.set()
    for thread in threads:
        thread.join()
    with open(path) as report:
        print(len(re.findall(r"<heap nr=", report.read())))
    os.unlink(path)
''')


def arenas(mode: str) -> int:
    done = subprocess.run([sys.executable, "-c", COUNT_ARENAS, mode], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return int(done.stdout.split()[-1])


@pytest.mark.skipif(not trim.available(), reason="mallopt and malloc_info are glibc's")
def test_capped_threads_share_the_arenas():
    assert arenas("free") >= 4  # the main thread's arena and one for each thread that allocated
    assert arenas("capped") == trim.ARENAS


def test_without_glibc_the_cap_is_declined(monkeypatch):
    monkeypatch.setattr(trim, "_looked", True)
    monkeypatch.setattr(trim, "_glibc", None)
    assert trim.limit_arenas() is False
    assert trim.available() is False
    assert trim.release_freed_memory(trim.BIG_ANSWER) is False
