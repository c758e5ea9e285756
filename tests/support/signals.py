"""Signal dispositions of a process started the way a user starts one.

A test that kills a child with a signal means what a terminal does to a console: Ctrl-C, a closed
window (SIGHUP), ``kill``. Whoever launched the test run may have left those signals ignored or
blocked — ``nohup`` ignores SIGHUP, a background job of a non-interactive shell ignores SIGINT — and
both survive fork and exec into every child. Passed as ``preexec_fn`` to :class:`subprocess.Popen`,
:func:`as_from_a_terminal` gives the child the default disposition instead, so the test measures the
product, not its launcher.
"""

from __future__ import annotations

import signal

TERMINAL_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def as_from_a_terminal() -> None:
    """Reset SIGINT, SIGTERM and SIGHUP to their defaults and unblock them (runs in the child)."""
    for sig in TERMINAL_SIGNALS:
        signal.signal(sig, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, TERMINAL_SIGNALS)
