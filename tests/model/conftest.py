"""Shared fixtures for the pure-model tests."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

NOW = datetime(2024, 5, 1, 12, 0, 0, tzinfo=UTC)


@pytest.fixture
def now() -> datetime:
    return NOW
