"""Shell completion through argcomplete: ``activejob-tui completion bash|zsh|fish`` prints the script.

Why argcomplete rather than shtab: it covers bash, zsh *and* fish from the one parser (shtab has no
fish), and it completes dynamically, so job handles complete from the last listing (a small file in
the user's state dir written by ``jobs``) without a request to IPS at every Tab. It is imported only
when completing or printing a script, never on an ordinary run.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # this module loads with --help: only os at run time, the rest when completing
    from collections.abc import Iterable
    from pathlib import Path
    from typing import Any

SHELLS = ("bash", "zsh", "fish")
PROG = "activejob-tui"
HANDLES_FILE = "last-handles.json"
MAX_HANDLES = 5000
VIEW_CLASSES = {"active": "ActiveJob", "scheduled": "ScheduledJob", "logs": "JobLog", "finished": "JobLog"}


def script(shell: str) -> str:
    """The completion script for ``shell`` (one of :data:`SHELLS`)."""
    import argcomplete

    return argcomplete.shellcode([PROG], shell=shell)


def complete(parser: Any) -> None:
    """Answer a completion request (the shell sets ``_ARGCOMPLETE``) and exit; otherwise return."""
    if "_ARGCOMPLETE" not in os.environ:
        return
    import argcomplete

    argcomplete.autocomplete(parser)


def _cache_path() -> Path:
    from ..config import state_dir  # platformdirs and pathlib, only when needed

    return state_dir() / HANDLES_FILE


def remember(handles: Iterable[str | None]) -> None:
    """Keep the handles of the last listing for completion; best effort, never fails the command."""
    import json

    try:
        path = _cache_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        kept = [h for h in handles if h][:MAX_HANDLES]
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(kept), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass


def handles(prefix: str, **_: Any) -> list[str]:
    """argcomplete completer: the job handles of the last ``jobs`` listing that start with ``prefix``."""
    import json

    try:
        known = json.loads(_cache_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [h for h in known if isinstance(h, str) and h.startswith(prefix)]


def sort_fields(prefix: str, parsed_args: Any = None, **_: Any) -> list[str]:
    """argcomplete completer: the sortable fields of the chosen ``--view``."""
    from ..model import jobs
    from ..output import sortable_fields

    view = getattr(parsed_args, "view", None) or "active"
    names = sortable_fields(getattr(jobs, VIEW_CLASSES.get(view, "ActiveJob")))
    return [n for n in names if n.startswith(prefix)] + [f"{n}:desc" for n in names if n.startswith(prefix)]
