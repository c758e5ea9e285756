"""``activejob-tui``: the console by default, and headless commands for scripts and quick looks.

This package is what ``--version`` and ``--help`` load: nothing here imports zeep, httpx, lxml,
textual or aiohttp at module load (``tests/cli/test_imports.py`` guards it); each command imports
what it needs when it runs.
"""

from .entry import main

__all__ = ["main"]
