"""Every public function, method and class of ``model/`` and ``ips/`` has a docstring (issue 11).

The docstrings give shapes, units, errors and the IPS_JOBS_API.md section a value comes from; this
test can only see that one is there. Walks the source with ``ast`` (no import): a public name is one
not starting with ``_`` at module level or in a public class; ``@overload`` stubs are exempt (the
implementation carries the docstring).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "activejob_tui"
PARTS = ("model", "ips")


def _is_overload(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return any((isinstance(d, ast.Name) and d.id == "overload") or (isinstance(d, ast.Attribute) and d.attr == "overload")
               for d in node.decorator_list)


def undocumented(path: Path, root: Path = PACKAGE) -> tuple[int, list[str]]:
    """(how many public definitions ``path`` has, those of them without a docstring, named from ``root``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    seen, missing = 0, []

    def walk(body: list[ast.stmt], prefix: str) -> None:
        nonlocal seen
        for node in body:
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            if node.name.startswith("_") or (not isinstance(node, ast.ClassDef) and _is_overload(node)):
                continue
            seen += 1
            if ast.get_docstring(node) is None:
                missing.append(f"{path.relative_to(root)}:{node.lineno} {prefix}{node.name}")
            if isinstance(node, ast.ClassDef):
                walk(node.body, f"{prefix}{node.name}.")

    walk(tree.body, "")
    return seen, missing


@pytest.mark.parametrize("part", PARTS)
def test_every_public_definition_has_a_docstring(part: str) -> None:
    files = sorted((PACKAGE / part).rglob("*.py"))
    assert files
    results = [undocumented(path) for path in files]
    assert sum(seen for seen, _ in results) > 50  # the walk finds the definitions at all
    missing = [name for _, names in results for name in names]
    assert not missing, "public definitions without a docstring:\n" + "\n".join(missing)


def test_the_walk_sees_a_missing_docstring(tmp_path: Path) -> None:
    source = tmp_path / "probe.py"
    source.write_text('class Shown:\n    """Doc."""\n\n    def bare(self) -> None:\n        pass\n\n'
                      "def _private() -> None:\n    pass\n\n"
                      "from typing import overload\n\n@overload\ndef f(x: int) -> int: ...\n"
                      'def f(x):\n    """Doc."""\n    return x\n')
    seen, missing = undocumented(source, tmp_path)
    assert seen == 3
    assert missing == ["probe.py:4 Shown.bare"]
