"""Work beside the caller: one function run in a thread of its own while the caller goes on.

For a part of a big cold decode that libxml2 does without the interpreter lock (the check that the
whole answer is well-formed): where a core is free it costs no wall time beside the caller's Python
work (the cut, the skinny cut-out); its CPU time is the same. A small job runs in the caller's
thread when its result is asked (a thread costs ~0.1 ms). The caller closes it on every way out
(``try/finally``), so no thread outlives the decode.

Only for work that keeps no memory: what a helper thread allocates comes from its own malloc arena,
and glibc's ``malloc_trim`` does not shrink such an arena's top. Parsing half of the skinny document
in a helper thread (the tree freed later by the caller) kept 22 MiB more resident at 10,000 jobs
and 47 MiB at 50,000 after the console's trim, so it was taken out again; the check builds no tree.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

__all__ = ["Beside"]


class Beside:
    """``fn(*args)``, in a thread of its own when ``thread`` is true (started at once), else in the
    caller's thread when :meth:`result` is asked; the result, or the exception ``fn`` raised."""

    __slots__ = ("_args", "_done", "_fn", "_thread")

    def __init__(self, fn: Callable[..., Any], *args: Any, thread: bool) -> None:
        self._fn = fn
        self._args = args
        self._done: list[tuple[bool, Any]] = []  # (raised, the value or the exception), once run
        self._thread: threading.Thread | None = None
        if thread:
            self._thread = threading.Thread(target=self._run, name="ips-beside", daemon=True)
            self._thread.start()

    @property
    def in_thread(self) -> bool:
        """Whether the function runs (or ran) in a thread of its own."""
        return self._thread is not None

    def _run(self) -> None:
        try:
            self._done.append((False, self._fn(*self._args)))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller by result()
            self._done.append((True, exc))
        self._args = ()

    def result(self) -> Any:
        """The function's result (it raises what the function raised); asked once: the result is not
        kept here, so a tree it returned is freed when the caller lets go of it."""
        if self._thread is None:
            if not self._done:
                self._run()
        else:
            self._thread.join()
        raised, value = self._done.pop()
        if raised:
            raise value
        return value

    def close(self) -> None:
        """Wait for the thread, if one was started; nothing else (a result not asked is dropped)."""
        if self._thread is not None:
            self._thread.join()
        self._done.clear()
