"""No private attribute of another object in ``ips/`` or ``sandbox/`` (issue 11: zeep's ``_binding``,
``_create``, aiohttp's ``site._server`` …). ``etree._Element`` is lxml's public element type."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "activejob_tui"
ALLOWED = {"etree._Element"}


@pytest.mark.parametrize("package", ["ips", "sandbox"])
def test_no_private_attribute_of_another_object(package):
    found = []
    for path in sorted((SRC / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")):
                continue
            if isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
                continue
            if ast.unparse(node) not in ALLOWED:
                found.append(f"{path.relative_to(SRC)}:{node.lineno}: {ast.unparse(node)}")
    assert found == []
