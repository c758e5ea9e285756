"""What a test needs from the machine: skipped on a developer's machine, a failure where ``CI`` is set.

A CI run that skips the tests of the public WSDL or of the real terminal would report success while
proving nothing about them, so under CI a missing prerequisite fails the test with the reason.
"""

from __future__ import annotations

import os

import pytest


def in_ci() -> bool:
    """True where the ``CI`` environment variable is set to anything but empty, ``0`` or ``false``."""
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def unavailable(reason: str) -> None:
    """Skip the running test with ``reason``; under CI, fail it with the same reason instead."""
    if in_ci():
        pytest.fail(f"CI needs this, and it is missing: {reason}", pytrace=False)
    pytest.skip(reason)
