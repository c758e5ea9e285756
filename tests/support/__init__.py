"""Test support shared by several directories of the tree: the rogue server (``rogue_server``), the CLI on a
pseudo-terminal (``pty_cli``), the fault tests' helpers (``harness``), hostile text (``hostile``), a real console
on a real client (``live_console``) and their fixtures (``fixtures``, a plugin loaded by tests/conftest.py).
Imported as ``support.…`` (tests/ is on sys.path; the checkout is not)."""
