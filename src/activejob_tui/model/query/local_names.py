"""The filter's words in the operator's language (issue 15): a field may be named by the word the
program shows for it (``狀態:執行中`` as well as ``state:running``).

Field words are English msgids translated at parse time (the language is chosen after import):
the CLI's column headers are listed here; the console adds the words it shows (its column
headers and detail labels) with :func:`add_field_words`. Value words (``執行中`` for ``Running``)
come from :mod:`..words`, read by :mod:`.values`.
"""

from __future__ import annotations

from ...i18n import N_, _, language

_FIELD_WORDS: dict[str, list[str]] = {
    "state": [N_("STATE")],
    "name": [N_("NAME")],
    "type": [N_("TYPE")],
    "handle": [N_("HANDLE")],
    "user": [N_("USER")],
    "server": [N_("SERVER")],
    "severity": [N_("SEVERITY")],
    "outcome": [N_("OUTCOME")],
    "size": [N_("SIZE")],
    "trigger": [N_("TRIGGER")],
    "progress": [N_("PROGRESS")],
    "nextFireTime": [N_("NEXT RUN")],
    "logType": [N_("LOG TYPE")],
    "timeZone": [N_("TIME ZONE")],
    "execSchedule": [N_("SCHEDULE")],
    "startDate": [N_("STARTED")],
    "endDate": [N_("ENDED")],
    "lastProgressUpdate": [N_("UPDATED")],
    "logMessage": [N_("MESSAGE")],
    "assetName": [N_("ASSET")],
    "assetHandle": [N_("ASSET HANDLE")],
    "assetType": [N_("ASSET TYPE")],
}
"""Filter field (as :func:`.catalogue.field_names` spells it) → msgids of the words shown for it."""

_cache: tuple[str, int, dict[str, str]] | None = None


def add_field_words(field: str, *msgids: str) -> None:
    """``msgids`` (English msgids, translated when a filter is parsed) name ``field`` too."""
    global _cache
    words = _FIELD_WORDS.setdefault(field, [])
    words.extend(m for m in msgids if m not in words)
    _cache = None


def _key(word: str) -> str:
    return "".join(word.split()).replace("_", "").casefold()


def field_for(name: str) -> str | None:
    """The filter field that ``name`` (a word shown in the current language, spaces ignored) names,
    or None. A word that two fields share names the one listed first."""
    global _cache
    size = sum(len(words) for words in _FIELD_WORDS.values())
    if _cache is None or _cache[0] != language() or _cache[1] != size:
        table: dict[str, str] = {}
        for field, msgids in _FIELD_WORDS.items():
            for msgid in msgids:
                table.setdefault(_key(_(msgid)), field)
        _cache = (language(), size, table)
    return _cache[2].get(_key(name))
