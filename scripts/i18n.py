"""The message catalogs (issue 15): extract, update and compile them with Babel's Python API.

Three domains, one ``.pot`` template and one ``.po`` per language each; the ``.mo`` files are committed
so the wheel ships them (``i18n.py`` loads and chains every ``.mo`` of a language)::

    python scripts/i18n.py extract [DOMAIN ...]   # source → src/activejob_tui/locale/<domain>.pot
    python scripts/i18n.py update  [DOMAIN ...]   # .pot → locale/<lang>/LC_MESSAGES/<domain>.po (new msgids empty)
    python scripts/i18n.py compile [DOMAIN ...]   # .po → .mo (fuzzy entries left out)
    python scripts/i18n.py all     [DOMAIN ...]   # the three in order
    python scripts/i18n.py check                  # exit 1 if a .pot, .po or .mo is not what the three would write

Domains (who translates what): ``console`` = ``tui/**``, ``console_state.py``, ``poller.py``; ``cli`` =
``cli/**``; ``common`` = every other module (model, output, config, ips errors, session, proxy, sandbox).
Keywords: ``_``, ``N_``, ``ngettext:1,2``, ``pgettext:1c,2``; a ``# TRANSLATORS:`` comment above a call
reaches the translator. Locations are written without line numbers so an edit elsewhere in a file does not
churn the catalogs.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "activejob_tui"
LOCALE_DIR = PACKAGE / "locale"
LANGUAGES = ("zh_TW",)
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
COMMENT_TAGS = ("TRANSLATORS:",)
PROJECT = "activejob-tui"

_CONSOLE = ("tui/", "console_state.py", "poller.py")
_CLI = ("cli/",)
DOMAINS = ("common", "cli", "console")


def domain_of(relative: str) -> str:
    """The domain a module (path relative to the package, ``/``-separated) belongs to."""
    if relative.startswith(_CONSOLE):
        return "console"
    if relative.startswith(_CLI):
        return "cli"
    return "common"


def sources(domain: str) -> Iterator[Path]:
    for path in sorted(PACKAGE.rglob("*.py")):
        if domain_of(path.relative_to(PACKAGE).as_posix()) == domain:
            yield path


def template(domain: str) -> Catalog:
    """Every marked message of ``domain``'s modules, with where it comes from and translator comments."""
    catalog = Catalog(project=PROJECT, domain=domain, charset="utf-8", fuzzy=False)
    for path in sources(domain):
        relative = path.relative_to(ROOT).as_posix()
        for lineno, message, comments, context in extract_from_file(
            "python", path, keywords=KEYWORDS, comment_tags=COMMENT_TAGS, strip_comment_tags=True
        ):
            catalog.add(message, None, [(relative, lineno)], auto_comments=comments, context=context)
    return catalog


def _po_bytes(catalog: Catalog, **options: object) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, include_lineno=False, sort_output=True, **options)
    return buffer.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _dateless(text: bytes) -> bytes:
    """The file without its creation/revision date lines (what ``check`` and rewriting compare)."""
    return b"\n".join(line for line in text.splitlines() if not line.startswith((b'"POT-Creation-Date', b'"PO-Revision-Date')))


def _write_if_changed(path: Path, data: bytes, *, dated: bool) -> bool:
    old = path.read_bytes() if path.exists() else None
    if old is not None and (old == data or (dated and _dateless(old) == _dateless(data))):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def pot_path(domain: str) -> Path:
    return LOCALE_DIR / f"{domain}.pot"


def po_path(language: str, domain: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"


def mo_path(language: str, domain: str) -> Path:
    return po_path(language, domain).with_suffix(".mo")


def read(path: Path, language: str | None = None, domain: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=domain)


def updated(language: str, domain: str, pot: Catalog) -> Catalog:
    """The ``.po`` of ``language`` merged with ``pot``: new msgids empty, vanished ones dropped."""
    path = po_path(language, domain)
    if path.exists():
        catalog = read(path, language, domain)
    else:
        catalog = Catalog(locale=language, domain=domain, project=PROJECT, charset="utf-8", fuzzy=False)
    catalog.update(pot, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    return catalog


def extract(domain: str) -> str:
    catalog = template(domain)
    changed = _write_if_changed(pot_path(domain), _po_bytes(catalog), dated=True)
    return f"{domain}: {len(catalog)} msgids{' (written)' if changed else ''}"


def update(domain: str) -> str:
    pot = read(pot_path(domain))
    lines = []
    for language in LANGUAGES:
        catalog = updated(language, domain, pot)
        missing = sum(1 for m in catalog if m.id and not m.string)
        changed = _write_if_changed(po_path(language, domain), _po_bytes(catalog), dated=True)
        lines.append(f"{domain} {language}: {len(catalog)} msgids, {missing} untranslated{' (written)' if changed else ''}")
    return "\n".join(lines)


def compile_domain(domain: str) -> str:
    lines = []
    for language in LANGUAGES:
        catalog = read(po_path(language, domain), language, domain)
        problems = [f"{m.id!r}: {err}" for m, errors in catalog.check() for err in errors]
        if problems:
            raise SystemExit(f"{po_path(language, domain)}: " + "; ".join(problems[:5]))
        changed = _write_if_changed(mo_path(language, domain), _mo_bytes(catalog), dated=False)
        lines.append(f"{domain} {language}: compiled{' (written)' if changed else ' (unchanged)'}")
    return "\n".join(lines)


def check(domains: list[str]) -> list[str]:
    """What is out of date: a template that extraction would change, a ``.po`` missing msgids of its
    template, a ``.mo`` that is not the compiled ``.po``."""
    stale = []
    for domain in domains:
        pot = pot_path(domain)
        if not pot.exists() or _dateless(pot.read_bytes()) != _dateless(_po_bytes(template(domain))):
            stale.append(f"{pot.relative_to(ROOT)}: run scripts/i18n.py extract {domain}")
            continue
        template_catalog = read(pot)
        for language in LANGUAGES:
            po = po_path(language, domain)
            if not po.exists() or _dateless(po.read_bytes()) != _dateless(_po_bytes(updated(language, domain, template_catalog))):
                stale.append(f"{po.relative_to(ROOT)}: run scripts/i18n.py update {domain}")
                continue
            mo = mo_path(language, domain)
            if not mo.exists() or mo.read_bytes() != _mo_bytes(read(po, language, domain)):
                stale.append(f"{mo.relative_to(ROOT)}: run scripts/i18n.py compile {domain}")
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("extract", "update", "compile", "all", "check"))
    parser.add_argument("domains", nargs="*", metavar="DOMAIN",
                        help=f"{', '.join(DOMAINS)} (default: every domain that has a .pot already)")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.domains) - set(DOMAINS))
    if unknown:
        parser.error(f"unknown domain {', '.join(unknown)}; the domains are {', '.join(DOMAINS)}")
    domains = args.domains or [d for d in DOMAINS if pot_path(d).exists()]
    if args.action == "check":
        stale = check(domains)
        for line in stale:
            print(line)
        return 1 if stale else 0
    steps = {"extract": [extract], "update": [update], "compile": [compile_domain], "all": [extract, update, compile_domain]}
    for step in steps[args.action]:
        for domain in domains:
            print(step(domain))
    return 0


if __name__ == "__main__":
    sys.exit(main())
