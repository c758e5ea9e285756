"""The catalogs themselves: complete, placeholders intact, compiled files current (issue 15).

What a translator cannot see: an empty or fuzzy entry (shown in English), a placeholder lost or
renamed in the translation (a crash or a wrong value at run time), a ``.mo`` older than its ``.po``
(the wheel ships the ``.mo``), a msgid in the source that never reached the template.
"""

from __future__ import annotations

import ast
import importlib.util
import io
import re
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "activejob_tui"
LOCALE = PACKAGE / "locale"


def _tool():
    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "scripts" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TOOL = _tool()
PO_FILES = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))
OURS = ("common", "cli")


def _catalog(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


_PERCENT = re.compile(r"%(?:\((\w+)\))?[-#0 +]?\d*(?:\.\d+)?([diouxXeEfFgGcrs%])")
_BRACE = re.compile(r"(?<!\{)\{(\w*)(![rsa])?(?::[^{}]*)?\}(?!\})")


def placeholders(text: str) -> tuple[list[str], list[str]]:
    """(%-style placeholders, {}-style placeholders) of ``text``, sorted; conversions and format
    specs count (``{value!r}`` and ``{value}`` differ)."""
    percent = sorted(f"{name or ''}{conv}" for name, conv in _PERCENT.findall(text) if conv != "%")
    brace = sorted(f"{name}{conv or ''}" for name, conv in _BRACE.findall(text))
    return percent, brace


def test_both_of_our_domains_have_a_zh_tw_catalog():
    found = {p.stem for p in LOCALE.glob("zh_TW/LC_MESSAGES/*.po")}
    assert set(OURS) <= found


@pytest.mark.parametrize("path", PO_FILES, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_every_msgid_has_a_translation_that_is_not_fuzzy(path: Path):
    catalog = _catalog(path)
    assert len(catalog) > 0
    missing = [m.id for m in catalog if m.id and (
        not m.string or (isinstance(m.string, tuple) and not all(m.string)))]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not missing, f"{len(missing)} untranslated, e.g. {missing[:3]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy, e.g. {fuzzy[:3]}"


@pytest.mark.parametrize("path", PO_FILES, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_placeholders_match_between_msgid_and_msgstr(path: Path):
    wrong = []
    for message in _catalog(path):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = placeholders(ids[-1])
        for string in strings:
            if placeholders(string) != expected:
                wrong.append((ids[0], string))
    assert not wrong, wrong[:5]


def test_placeholders_sees_what_it_must():
    assert placeholders("a {name!r} and {count:,} %(prog)s %s 100%%") == (["progs", "s"], ["count", "name!r"])
    assert placeholders("{x}") != placeholders("{x!r}")


@pytest.mark.parametrize("path", PO_FILES, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_the_mo_file_is_the_compiled_po(path: Path):
    buffer = io.BytesIO()
    write_mo(buffer, _catalog(path), use_fuzzy=False)
    mo = path.with_suffix(".mo")
    assert mo.exists(), f"{mo.name} missing: run scripts/i18n.py compile"
    assert mo.read_bytes() == buffer.getvalue(), f"{mo} is stale: run scripts/i18n.py compile"


@pytest.mark.parametrize("domain", OURS)
def test_templates_and_catalogs_hold_every_marked_message_of_the_source(domain: str):
    assert TOOL.check([domain]) == [], "run: python scripts/i18n.py all " + domain


def test_every_module_belongs_to_exactly_one_domain():
    assert TOOL.domain_of("tui/app.py") == "console"
    assert TOOL.domain_of("poller.py") == "console"
    assert TOOL.domain_of("cli/parser.py") == "cli"
    assert TOOL.domain_of("output.py") == "common"
    assert TOOL.domain_of("sandbox/messages.py") == "common"
    every = {p for d in TOOL.DOMAINS for p in TOOL.sources(d)}
    assert every == set(PACKAGE.rglob("*.py"))


def _shadowed(path: Path) -> list[int]:
    """Lines where a module that imports ``_`` from our i18n binds the name ``_`` itself (``a, _ = …``
    makes ``_`` a local: the function's ``_("…")`` then calls a string)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imports = any(isinstance(n, ast.ImportFrom) and (n.module or "").endswith("i18n") and
                  any(a.name == "_" for a in n.names) for n in ast.walk(tree))
    if not imports:
        return []
    return [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store)]


def test_no_module_that_translates_rebinds_the_underscore():
    found = {str(p.relative_to(PACKAGE)): lines for p in PACKAGE.rglob("*.py") if (lines := _shadowed(p))}
    assert not found, found
