"""No private attribute of Textual or zeep is used anywhere in src/.

A private name (``_row_locations``, ``_bindings``, ``_binding`` …) can change in any release without
notice; a change would show as stale drawing or a wrong request, not as an exception. Two rules:

- ``<expr>._name`` where ``<expr>`` is not ``self``/``cls`` fails if Textual or zeep define
  ``_name`` anywhere (``node._bindings``, ``app._keymap``, ``client._service._binding``);
- ``self._name`` inside a class that derives from a Textual or zeep class fails if one of those
  library ancestors defines ``_name`` (a class attribute, or ``self._name`` set in its source):
  reading, writing or overriding a base's internals (``self._row_locations``, ``self._update_count``).

Our own private helpers in our own classes (``self._timer`` of a plain class) are fine. Private
modules (``textual._two_way_dict``, ``textual.widgets._data_table``) may not be imported either.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import re
from functools import cache
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "activejob_tui"
LIBRARIES = ("textual", "zeep")

_DEFINED = re.compile(r"(?:\bdef\s+|\bclass\s+|self\.|^\s*)(_[a-z][a-z0-9_]*)\b(?=\s*[(=:])", re.MULTILINE)
_SELF_SET = re.compile(r"self\.(_[a-z][a-z0-9_]*)\s*[:=]")


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


@cache
def library_private_names() -> frozenset[str]:
    names: set[str] = set()
    for library in LIBRARIES:
        spec = importlib.util.find_spec(library)
        assert spec is not None and spec.submodule_search_locations, library
        for folder in spec.submodule_search_locations:
            for path in Path(folder).rglob("*.py"):
                names.update(_DEFINED.findall(path.read_text(encoding="utf-8", errors="replace")))
    return frozenset(names)


def _is_library(cls: type) -> bool:
    return cls.__module__.split(".")[0] in LIBRARIES


@cache
def ancestor_private_names(cls: type) -> frozenset[str]:
    """Private names the Textual/zeep ancestors of ``cls`` define (class attributes and ``self._x``)."""
    names: set[str] = set()
    for base in cls.__mro__:
        if not _is_library(base):
            continue
        names.update(n for n in vars(base) if _private(n))
        try:
            names.update(_SELF_SET.findall(inspect.getsource(base)))
        except (OSError, TypeError):
            pass
    return frozenset(names)


def _modules() -> list[tuple[Path, str]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "__main__.py":
            continue  # runs the CLI when imported; it holds no class
        parts = path.relative_to(SRC).with_suffix("").parts
        out.append((path, ".".join(parts[:-1] if parts[-1] == "__init__" else parts)))
    return out


def offences_in(path: Path, module_name: str) -> list[str]:
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text)
    module = importlib.import_module(module_name)
    library_names = library_private_names()
    found: list[str] = []
    where = f"{path.relative_to(PACKAGE)}"

    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            for name in names:
                parts = name.split(".")
                if parts[0] in LIBRARIES and any(_private(p) for p in parts):
                    found.append(f"{where}:{node.lineno}: imports the private module {name}")

    def visit(body: list[ast.stmt], owner: type | None, scope: object) -> None:
        for stmt in body:
            if isinstance(stmt, ast.ClassDef):
                cls = getattr(scope, stmt.name, None)
                visit(stmt.body, cls if isinstance(cls, type) else None, cls)
                continue
            inherited = ancestor_private_names(owner) if owner is not None else frozenset()
            if owner is not None and isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if stmt.name in inherited:
                    found.append(f"{where}:{stmt.lineno}: overrides {owner.__name__}'s private {stmt.name}")
            if owner is not None and isinstance(stmt, (ast.Assign, ast.AnnAssign)):
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                for target in targets:
                    if isinstance(target, ast.Name) and target.id in inherited:
                        found.append(f"{where}:{stmt.lineno}: redefines {owner.__name__}'s private {target.id}")
            for sub in ast.walk(stmt):
                if not isinstance(sub, ast.Attribute) or not _private(sub.attr):
                    continue
                on_self = isinstance(sub.value, ast.Name) and sub.value.id in ("self", "cls")
                if on_self and sub.attr in inherited:
                    found.append(f"{where}:{sub.lineno}: .{sub.attr} of a Textual/zeep base of {owner.__name__}")
                elif not on_self and sub.attr in library_names:
                    found.append(f"{where}:{sub.lineno}: .{sub.attr} (a private name of Textual/zeep)")

    visit(tree.body, None, module)
    return found


def test_the_scans_find_known_private_names():
    from textual.widgets import DataTable

    # If these disappear the scan is broken, not the code clean.
    assert {"_bindings", "_keymap", "_binding"} <= library_private_names()
    assert {"_row_locations", "_update_count", "_data", "_update_dimensions"} <= ancestor_private_names(DataTable)


@pytest.mark.parametrize("part", ["ips", "everything else"])
def test_src_uses_no_private_attribute_of_textual_or_zeep(part):
    offences = [line for path, name in _modules() for line in offences_in(path, name)
                if (line.startswith("ips/") if part == "ips" else not line.startswith("ips/"))]
    assert not offences, "private Textual/zeep names used in src/:\n" + "\n".join(offences)
