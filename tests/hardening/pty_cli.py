"""Kept only for tests/cli/test_follow.py, which still imports ``hardening.pty_cli`` (that file belongs to the
``watch`` branch this session): once it imports ``support.pty_cli``, delete this file and tests/hardening/."""

from support.pty_cli import PtyCli

__all__ = ["PtyCli"]
