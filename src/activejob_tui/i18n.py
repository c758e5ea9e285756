"""The language the operator reads (issue 15): gettext catalogs, chosen once per process.

Every string a user reads goes through this module; server data never does.

- ``_(message)`` translates now; ``N_(message)`` only marks a constant for extraction (translate it
  with ``_()`` where it is shown, so a language chosen after import still applies);
  ``ngettext(singular, plural, n)`` and ``pgettext(context, message)`` as in :mod:`gettext`.
- Languages: ``en`` (the default; the msgids are English) and ``zh_TW``. ``pseudo`` wraps every
  translated string in ``⟦…⟧`` so a test can find text that never went through the catalog.
- Catalogs: ``activejob_tui/locale/<lang>/LC_MESSAGES/*.mo`` — every domain file there is loaded and
  chained, so each area of the code (``cli``, ``console``, …) keeps its own ``.po``.
- The choice: ``--lang``, then ``lang`` in the config file, then ``LC_ALL`` / ``LC_MESSAGES`` /
  ``LANG`` (:func:`resolve_language`). An unknown language falls back to English; with one notice
  when it was asked for (``--lang``, the config), quietly when it only comes from the environment.

Standard library only at import time: the CLI's ``--version`` path imports this module.
"""

from __future__ import annotations

import gettext as _gettext
from collections import namedtuple
from collections.abc import Mapping
from pathlib import Path

ENGLISH = "en"
CHINESE_TRADITIONAL = "zh_TW"
PSEUDO = "pseudo"
LANGUAGES = (ENGLISH, CHINESE_TRADITIONAL)
"""The languages the catalogs provide (``pseudo`` is a test language, not offered to users)."""

LOCALE_DIR = Path(__file__).with_name("locale")

_IPS_LOCALES = {ENGLISH: "en-US", CHINESE_TRADITIONAL: "zh-TW", PSEUDO: "en-US"}
_BABEL_LOCALES = {ENGLISH: "en", CHINESE_TRADITIONAL: "zh_Hant_TW", PSEUDO: "en"}
# Spellings of a language that are not its catalog's name: Traditional Chinese is also written
# zh-Hant, zh_Hant_TW, and read in Hong Kong and Macau; English is also C/POSIX and every en_XX.
_ALIASES = {"zh_hant": CHINESE_TRADITIONAL, "zh_hk": CHINESE_TRADITIONAL, "zh_mo": CHINESE_TRADITIONAL}


class _Pseudo(_gettext.NullTranslations):
    """Every message wrapped in ⟦…⟧; placeholders inside stay intact."""

    def gettext(self, message: str) -> str:
        return f"⟦{message}⟧"

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return f"⟦{msgid1 if n == 1 else msgid2}⟧"

    def pgettext(self, context: str, message: str) -> str:
        return f"⟦{message}⟧"


_language = ENGLISH
_translations: _gettext.NullTranslations = _gettext.NullTranslations()


def _(message: str) -> str:
    """``message`` (an English msgid) in the current language."""
    return _translations.gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it (translate where it is shown)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a message for ``n``, in the current language."""
    return _translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` translated within ``context`` (for one English word with two meanings)."""
    return _translations.pgettext(context, message)


_LOADED: dict[str, _gettext.NullTranslations] = {}


def translation(language: str) -> _gettext.NullTranslations:
    """The catalogs of ``language`` (one of :data:`LANGUAGES` or ``pseudo``) as one gettext object,
    loaded once per process, without making it current: for text in a language other than the
    operator's (the sandbox answers in the IPS locale of each request). Raises ``ValueError`` for
    any other name."""
    if language not in (*LANGUAGES, PSEUDO):
        raise ValueError(f"no catalog for language {language!r}")
    loaded = _LOADED.get(language)
    if loaded is None:
        loaded = _LOADED[language] = _load(language)
    return loaded


def _load(language: str) -> _gettext.NullTranslations:
    if language == PSEUDO:
        return _Pseudo()
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    chain: _gettext.NullTranslations = _gettext.NullTranslations()
    for mo in sorted(folder.glob("*.mo"), reverse=True):
        with mo.open("rb") as handle:
            catalog = _gettext.GNUTranslations(handle)
        catalog.add_fallback(chain)
        chain = catalog
    return chain


def set_language(language: str) -> None:
    """Make ``language`` (one of :data:`LANGUAGES` or ``pseudo``) current for the whole process.

    Raises ``ValueError`` for any other name (use :func:`resolve_language` for user input).
    """
    global _language, _translations
    _translations = translation(language)
    _language = language


def language() -> str:
    """The current language: ``en``, ``zh_TW`` or ``pseudo``."""
    return _language


def ips_locale() -> str:
    """The IPS ``authHeader`` locale for the current language (IPS_JOBS_API.md §2): ``en-US`` or ``zh-TW``."""
    return _IPS_LOCALES[_language]


def language_of_ips_locale(locale: str | None) -> str:
    """The catalog language for an IPS locale as a request carries it (``zh-TW``, ``zh-Hant``,
    ``zh_HK``, ``en-US``, ``fr-FR``, absent): ``zh_TW`` for Traditional Chinese, else ``en`` (the
    sandbox's answer language; pseudo is never chosen by a locale)."""
    found = normalize(locale) if locale else None
    return CHINESE_TRADITIONAL if found == CHINESE_TRADITIONAL else ENGLISH


def localized(text: str) -> str:
    """``text`` made by a locale library (Babel) in the current language; under ``pseudo`` wrapped in
    ⟦…⟧ like a translated message, so the pseudo-locale test sees that it was localized."""
    return f"⟦{text}⟧" if _language == PSEUDO else text


def babel_locale() -> str:
    """The Babel locale name for dates, numbers and sizes in the current language."""
    return _BABEL_LOCALES[_language]


def normalize(name: str) -> str | None:
    """A language name as users write it (``zh_TW.UTF-8``, ``zh-tw``, ``en_US``, ``C``) → a catalog
    name, or ``None`` when there is no catalog for it."""
    base = name.split(".", 1)[0].split("@", 1)[0].strip().replace("-", "_")
    if not base:
        return None
    lowered = base.lower()
    if lowered in ("c", "posix") or lowered == "en" or lowered.startswith("en_"):
        return ENGLISH
    if lowered == PSEUDO:
        return PSEUDO
    if lowered in ("zh_tw", "zh_hant_tw"):
        return CHINESE_TRADITIONAL
    for prefix, target in _ALIASES.items():
        if lowered == prefix or lowered.startswith(prefix + "_"):
            return target
    return None


class LanguageChoice(namedtuple("LanguageChoice", "language source notice", defaults=(None,))):
    """What :func:`resolve_language` chose: the ``language``, where it came from (``source``: ``--lang``,
    ``config``, an environment variable's name, or ``default``) and, when a language asked for by
    ``--lang`` or the config has no catalog, the ``notice`` to show once (English). A language from
    ``LC_ALL``/``LC_MESSAGES``/``LANG`` without a catalog gives none: it is the machine's language,
    not a request, and a script on a French machine must not get a line on stderr at every call. A named tuple: the ``--help`` path stays light
    (no dataclasses, no typing)."""

    __slots__ = ()


def resolve_language(flag: str | None, config: str | None, environ: Mapping[str, str]) -> LanguageChoice:
    """The language from ``--lang`` (``flag``), then the config's ``lang``, then ``LC_ALL``,
    ``LC_MESSAGES``, ``LANG``; the first one set decides. Unknown → English, with a notice only when
    asked for by ``--lang`` or the config."""
    for source, value in (("--lang", flag), ("config", config)):
        if value:
            return _choice(value, source, tell=True)
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable)
        if value:
            return _choice(value, variable, tell=False)
    return LanguageChoice(ENGLISH, "default")


def _choice(value: str, source: str, *, tell: bool) -> LanguageChoice:
    found = normalize(value)
    if found is not None:
        return LanguageChoice(found, source)
    notice = f"no translation for language {value!r} (from {source}); using English" if tell else None
    return LanguageChoice(ENGLISH, source, notice)
