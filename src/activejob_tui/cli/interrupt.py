"""How a headless command ends on Ctrl-C: at once, exit 130 and "interrupted", whatever it is doing.

Two things stood in the way, both of the process rather than of one command (issue 9):

* **What the launcher left.** A background command of a non-interactive shell (``cmd &`` in a
  script, a CI job) starts with SIGINT *ignored*, and a process may inherit it *blocked*; both
  survive ``exec``. Python then keeps it ignored and ``asyncio.run`` installs no handler, so a
  ``jobs --watch`` redrawing on a terminal outlived every Ctrl-C. POSIX means the ignored SIGINT to
  keep a script's background job out of the Ctrl-C aimed at the script, and a command in a pipe
  keeps it. But a screen that redraws on a terminal is watched by a person, as ``watch``, ``top``
  and ``less`` are, and takes Ctrl-C whatever it inherited (:func:`take_ctrl_c`), as the
  confirmation prompt does while it asks (``subcommands._confirm``).
* **Work in a worker thread.** Loading the WSDL, decoding a big answer and starting the embedded
  sandbox run in threads (``asyncio.to_thread``). Ctrl-C cancels the command at once, but
  ``asyncio.run`` and the interpreter's exit then wait for the thread to finish: up to the 30 s
  timeout of a WSDL server that does not answer. :func:`run` gives the loop worker threads that the
  end of the process does not wait for, with SIGINT blocked in them so that the signal always
  lands on the thread that runs the loop.
"""

from __future__ import annotations

import asyncio
import signal
import threading
from collections.abc import Callable, Coroutine
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def take_ctrl_c() -> None:
    """Make Ctrl-C reach this process again if its launcher ignored or blocked SIGINT: Python's
    handler (KeyboardInterrupt, or ``asyncio.run``'s cancel of the command when it runs next), and
    SIGINT unblocked on this thread. Call it on the main thread, before ``asyncio.run``."""
    if signal.getsignal(signal.SIGINT) in (signal.SIG_IGN, signal.SIG_DFL):
        signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


class WorkerThreads(ThreadPoolExecutor):
    """The loop's default executor for a headless command: each call in a daemon thread of its own,
    with SIGINT blocked there. Shutting it down never waits: an interrupted command does not wait
    for a WSDL fetch or a decode it no longer needs, and neither does the interpreter's exit.

    A command makes a few such calls at a time (one per poll at most), so there is no pool.
    """

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()

        def work() -> None:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            if not future.set_running_or_notify_cancel():
                return
            try:
                result = fn(*args, **kwargs)
            except BaseException as exc:  # noqa: BLE001 - handed to the awaiting task, as a pool does
                future.set_exception(exc)
            else:
                future.set_result(result)

        threading.Thread(target=work, name="activejob-tui worker", daemon=True).start()
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Nothing to wait for: the threads are daemons (``wait`` is ignored)."""


def run(command: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run(command)`` with :class:`WorkerThreads` as the loop's default executor. Ctrl-C
    cancels the command (its ``finally`` blocks run) and raises KeyboardInterrupt here."""

    async def main() -> T:
        asyncio.get_running_loop().set_default_executor(WorkerThreads())
        return await command

    return asyncio.run(main())
