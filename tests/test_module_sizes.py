"""Small modules (issue 11): none in src/ over 400 lines, the console screen at most 250, the App a
composition root at most 400 — a module that grows past its bound is cut by job, not by lines."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "activejob_tui"
BOUNDS = {"tui/screens/console.py": 250, "tui/app.py": 400}
LIMIT = 400


def lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_no_module_is_over_its_bound() -> None:
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 50  # the walk finds the package at all
    over = [f"{p.relative_to(PACKAGE).as_posix()}: {lines(p)} lines (at most {BOUNDS.get(p.relative_to(PACKAGE).as_posix(), LIMIT)})"
            for p in modules if lines(p) > BOUNDS.get(p.relative_to(PACKAGE).as_posix(), LIMIT)]
    assert not over, "modules over their bound:\n" + "\n".join(over)


def test_the_bounds_name_modules_that_exist() -> None:
    assert all((PACKAGE / name).is_file() for name in BOUNDS)
