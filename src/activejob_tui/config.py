"""Settings from flags > environment (``IPS_*``) > the TOML config file > defaults.

The config file (``$ACTIVEJOB_TUI_CONFIG`` or ``<user config dir>/activejob-tui/config.toml``)::

    default_profile = "emea"
    readonly = false          # console and CLI refuse stop/pause/resume/execute/delete
    poll_interval = 2.0       # seconds, at least 0.5 (MIN_POLL_INTERVAL)
    notify = "all"            # console toasts for ended jobs: all, failures or off (the history keeps all)
    bell = true               # ring the terminal bell when a job ends with errors
    desktop_notify = false    # also a desktop notification via the terminal: true, "osc9" or "osc777"
    columns = ["state", "name", "progress", "eta", "updated", "server"]   # the job list's columns (all if absent)
    wide_columns = false      # every column at its widest, the list scrolling sideways (W)
    lang = "zh_TW"            # en or zh_TW; --lang overrides it; absent: LC_ALL, LC_MESSAGES, LANG

    [keymap]                  # binding id = keys (the help screen lists the ids)
    stop = "K"                # the id's last part will do when it is unambiguous (job.stop)

    [profiles.emea]
    wsdl = "https://<api host>/scene7/webservice/IpsApi-2016-01-14-beta.wsdl"
    user = "ops@example.com"
    company = "My Company"    # or company_handle = "c|123"
    password = "…"            # allowed only if the file is readable by its owner alone
    locale = "zh-TW"          # IPS authHeader locale (job-log messages); absent: from the language shown

With no connection setting anywhere, activejob-tui runs its embedded IPS sandbox; a user, company,
company handle, endpoint, password or profile without a WSDL, or an empty WSDL, is a ``ConfigError``
(a script's unset ``$WSDL`` must not read demo jobs). The default file missing is the
first run (no settings); a file named by ``$ACTIVEJOB_TUI_CONFIG`` must exist (``/dev/null``: none).
"""

from __future__ import annotations

import math
import os
import stat
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypedDict

import platformdirs

from . import i18n
from .config_error import ConfigError
from .config_location import APP_NAME, CONFIG_ENV, config_path, configured_language  # noqa: F401 — re-exported
from .i18n import N_, _
from .ips.settings import ClientSettings, wsdl_location  # zeep-free: --help and --version stay light

ENV_KEYS = {
    "wsdl": "IPS_WSDL",
    "endpoint": "IPS_ENDPOINT",
    "user": "IPS_USER",
    "password": "IPS_PASSWORD",
    "company": "IPS_COMPANY",
}
PROFILE_KEYS = {"wsdl", "endpoint", "user", "password", "company", "company_handle", "locale", "timeout", "insecure"}


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME))


def state_dir() -> Path:
    return Path(platformdirs.user_state_dir(APP_NAME))


@dataclass(frozen=True)
class ConfigFile:
    path: Path
    data: dict[str, Any] = field(default_factory=dict)

    def profile(self, name: str | None) -> dict[str, Any]:
        profiles = self.data.get("profiles", {})
        if not isinstance(profiles, dict):
            raise ConfigError(_("In {path}, profiles must be tables ([profiles.NAME]), not {value!r}.").format(
                path=self.path, value=profiles))
        chosen = name or self.data.get("default_profile")
        if chosen is None:
            return {}
        if chosen not in profiles:
            known = ", ".join(sorted(profiles)) or _("none")
            raise ConfigError(_("No profile {name!r} in {path} (profiles: {known}).").format(
                name=chosen, path=self.path, known=known))
        profile = profiles[chosen]
        if not isinstance(profile, dict):
            raise ConfigError(_("In {path}, profile {name!r} must be a table ([profiles.{table}]).").format(
                path=self.path, name=chosen, table=chosen))
        unknown = set(profile) - PROFILE_KEYS
        if unknown:
            raise ConfigError(_("Profile {name!r} in {path} has unknown keys: {keys}.").format(
                name=chosen, path=self.path, keys=", ".join(sorted(unknown))))
        locale = profile.get("locale")
        if locale is not None and (not isinstance(locale, str) or not locale.strip()):
            raise ConfigError(_("In {path}, profile {name!r}: locale must be an IPS locale such as "
                                "\"zh-TW\" or \"en-US\", not {value!r}.").format(path=self.path, name=chosen, value=locale))
        return profile


def load_config_file(path: Path, *, named: bool = False) -> ConfigFile:
    """Read the TOML file; refuse one that holds a password and is readable by others. A missing
    file is an empty configuration (the first run) unless ``named`` (``$ACTIVEJOB_TUI_CONFIG`` gave
    the path): then it is a ``ConfigError`` naming it, for a mistyped path must not pass silently."""
    if not path.exists():
        if named:
            raise ConfigError(_("The config file {path} does not exist ({variable} names it); create it, or unset "
                                "{variable} to use the default one.").format(path=path, variable=CONFIG_ENV))
        return ConfigFile(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(_("Cannot read the config file {path}: {error}.").format(path=path, error=exc)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(_("The config file {path} is not valid TOML: {error}.").format(path=path, error=exc)) from None
    profiles = data.get("profiles", {})
    holds_password = isinstance(profiles, dict) and any(
        "password" in p for p in profiles.values() if isinstance(p, dict)
    )
    if holds_password and os.name == "posix" and path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise ConfigError(
            _("The config file {path} holds a password but others can read it; run: chmod 600 {path}").format(path=path)
        )
    return ConfigFile(path, data)


@dataclass(frozen=True)
class Options:
    """What the command line said (``None`` = not given)."""

    wsdl: str | None = None
    endpoint: str | None = None
    user: str | None = None
    company: str | None = None
    company_handle: str | None = None
    profile: str | None = None
    insecure: bool = False
    timeout: float | None = None
    readonly: bool = False
    poll_interval: float | None = None
    trace: bool = False


@dataclass(frozen=True)
class Resolved:
    """The outcome: a real IPS to connect to, or ``client is None`` for the embedded sandbox."""

    client: ClientSettings | None
    readonly: bool
    poll_interval: float
    keymap: dict[str, str]
    insecure: bool
    trace: bool = False
    notify: str = "all"
    """Console toasts for ended jobs: ``all``, ``failures`` or ``off``."""
    bell: bool = True
    """Ring the terminal bell when a job ends with errors."""
    columns: tuple[str, ...] | None = None
    """The job list's column ids to show (``None``: all); unknown ids are reported by the console."""
    wide_columns: bool = False
    desktop_notify: str | None = None
    """``osc9`` or ``osc777``: what the console announces also goes to the desktop through the
    terminal (``tui/desktop.py``); None: not."""


MIN_POLL_INTERVAL = 0.5
"""Seconds: the shortest poll interval (console, ``--watch``, ``logs -f``, ``wait``). Each poll is at
least one SOAP request to IPS; ``--interval 0.001`` sent some 170 a second."""


def _seconds(what: str, flag: Any, configured: Any, default: float, minimum: float | None = None) -> float:
    """A positive, finite number of seconds from the flag, else the config file, else the default;
    at least ``minimum`` when given. ``what`` is a msgid (``N_``), translated here."""
    value = flag if flag is not None else configured if configured is not None else default
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        seconds = math.nan
    if not math.isfinite(seconds) or seconds <= 0:
        raise ConfigError(_("The {what} must be a positive number of seconds, not {value!r}.").format(
            what=_(what), value=value))
    if minimum is not None and seconds < minimum:
        raise ConfigError(_("The {what} must be at least {minimum:g} seconds, not {value!r}.").format(
            what=_(what), minimum=minimum, value=value))
    return seconds


NOTIFY_POLICIES = ("all", "failures", "off")
TOP_KEYS = {"default_profile", "readonly", "poll_interval", "notify", "bell", "columns", "wide_columns", "keymap",
            "profiles", "lang", "desktop_notify"}
DESKTOP_FLAVOURS = ("osc9", "osc777")


def _check_language(config: ConfigFile) -> None:
    """``lang`` is a language name; one without a catalog is not an error (English, with a notice)."""
    lang = config.data.get("lang")
    if lang is not None and (not isinstance(lang, str) or not lang.strip()):
        raise ConfigError(_("In {path}, lang must be a language such as \"zh_TW\" or \"en\", not {value!r}.").format(
            path=config.path, value=lang))


def check_top_keys(config: ConfigFile) -> None:
    """One clear error naming every unknown top-level key of the config file."""
    unknown = sorted(set(config.data) - TOP_KEYS)
    if unknown:
        names = ", ".join(repr(k) for k in unknown)
        raise ConfigError(i18n.ngettext("In {path}, unknown key {names}; the known keys are {known}.",
                                        "In {path}, unknown keys {names}; the known keys are {known}.",
                                        len(unknown)).format(path=config.path, names=names,
                                                             known=", ".join(sorted(TOP_KEYS))))


def _notifications(config: ConfigFile) -> tuple[str, bool]:
    """``notify`` and ``bell`` from the config file, checked."""
    notify = config.data.get("notify", "all")
    if notify not in NOTIFY_POLICIES:
        raise ConfigError(_("In {path}, notify must be one of {choices}, not {value!r}.").format(
            path=config.path, choices=", ".join(NOTIFY_POLICIES), value=notify))
    bell = config.data.get("bell", True)
    if not isinstance(bell, bool):
        raise ConfigError(_("In {path}, bell must be true or false, not {value!r}.").format(path=config.path, value=bell))
    return notify, bell


def _desktop_notify(config: ConfigFile, env: Mapping[str, str]) -> str | None:
    """``desktop_notify`` checked: false → None; true → the flavour the terminal is known for."""
    value = config.data.get("desktop_notify", False)
    if value is False:
        return None
    if value is True:
        term = env.get("TERM", "")
        return "osc777" if term.startswith(("foot", "rxvt")) or env.get("VTE_VERSION") else "osc9"
    if value not in DESKTOP_FLAVOURS:
        raise ConfigError(_("In {path}, desktop_notify must be true, false, \"osc9\" or \"osc777\", not {value!r}."
                            ).format(path=config.path, value=value))
    return str(value)


WSDL_SCHEMES = ("http", "https")
"""The URL schemes a WSDL is fetched with; anything else with ``://`` is refused (a value without it is a path)."""


def _profile_label(options: Options, config: ConfigFile) -> str | None:
    """``profile 'NAME' in PATH`` for the profile in use (``--profile`` or ``default_profile``), else None."""
    name = options.profile or config.data.get("default_profile")
    return None if name is None else _("profile {name!r} in {path}").format(name=name, path=config.path)


def _wsdl(options: Options, env: Mapping[str, str], profile: Mapping[str, Any], label: str | None) -> str | None:
    """The WSDL to connect to, or None for the embedded demo sandbox (nothing about an IPS given).

    The first of ``--wsdl``, ``IPS_WSDL`` and the profile's ``wsdl`` that is *given* decides, empty
    or not: an empty one is a ``ConfigError`` (an unset ``$WSDL`` in a script must not reach the demo
    sandbox). Without any, other connection settings (user, company, company handle, endpoint,
    password, a profile) are a ``ConfigError`` naming them: they were meant for a real IPS."""
    for source, value in (("--wsdl", options.wsdl), ("IPS_WSDL", env.get("IPS_WSDL")),
                          (label, profile.get("wsdl"))):
        if value is None:
            continue
        if not str(value).strip():
            raise ConfigError(_("The WSDL given by {source} is empty: set --wsdl or IPS_WSDL (or wsdl in the profile) "
                                "to the URL or file of the IPS WSDL; the embedded demo sandbox runs only when no "
                                "connection setting is given.").format(source=source))
        scheme, separator, _rest = str(value).partition("://")
        if separator and scheme.lower() not in WSDL_SCHEMES:
            raise ConfigError(_("The WSDL {wsdl} (from {source}) is a {scheme}:// URL: give an http:// or https:// URL, "
                                "or the path of a WSDL file.").format(wsdl=value, source=source, scheme=scheme))
        return str(value)
    given = [flag for flag, value in (("--endpoint", options.endpoint), ("--user", options.user),
                                      ("--company", options.company), ("--company-handle", options.company_handle))
             if value is not None]
    given += [variable for variable in ("IPS_ENDPOINT", "IPS_USER", "IPS_PASSWORD", "IPS_COMPANY") if env.get(variable)]
    if label is not None:
        given.append(label)
    if given:
        raise ConfigError(_("Connection settings were given ({settings}) but no WSDL: set --wsdl or IPS_WSDL (or wsdl "
                            "in the profile) to reach that IPS; the embedded demo sandbox runs only when no "
                            "connection setting is given.").format(settings=", ".join(given)))
    return None


class _Shown(TypedDict):
    """The display settings of :class:`Resolved`, the same in both of :func:`resolve`'s outcomes."""

    columns: tuple[str, ...] | None
    wide_columns: bool
    notify: str
    bell: bool
    desktop_notify: str | None


def resolve(
    options: Options,
    env: Mapping[str, str],
    prompt_password: Callable[[str], str] | None,
) -> Resolved:
    """Apply flags > environment > profile > defaults. ``prompt_password`` is None without a terminal."""
    config = load_config_file(config_path(env), named=bool(env.get(CONFIG_ENV)))
    profile = config.profile(options.profile)

    def pick(key: str, flag: Any = None) -> Any:
        if flag not in (None, ""):
            return flag
        if key in ENV_KEYS and env.get(ENV_KEYS[key]):
            return env[ENV_KEYS[key]]
        return profile.get(key)

    readonly = options.readonly or bool(config.data.get("readonly", False))
    interval = _seconds(N_("poll interval"), options.poll_interval, config.data.get("poll_interval"), 2.0,
                        MIN_POLL_INTERVAL)
    # checked whatever is connected: a bad --request-timeout is refused with the embedded sandbox too
    timeout = _seconds(N_("timeout"), options.timeout, profile.get("timeout"), 30.0)
    keymap_table = config.data.get("keymap", {})
    if not isinstance(keymap_table, dict):
        raise ConfigError(_("In {path}, keymap must be a table ([keymap] with id = \"keys\").").format(path=config.path))
    keymap = {str(k): str(v) for k, v in keymap_table.items()}
    check_top_keys(config)
    _check_language(config)
    notify, bell = _notifications(config)
    columns = config.data.get("columns")
    if columns is not None and (not isinstance(columns, list) or not all(isinstance(c, str) for c in columns)):
        raise ConfigError(_("In {path}, columns must be a list of column ids, "
                            "e.g. columns = [\"state\", \"name\"].").format(path=config.path))
    shown: _Shown = {"columns": tuple(columns) if columns is not None else None,
                     "wide_columns": bool(config.data.get("wide_columns", False)), "notify": notify, "bell": bell,
                     "desktop_notify": _desktop_notify(config, env)}
    wsdl = _wsdl(options, env, profile, _profile_label(options, config))
    insecure = options.insecure or bool(profile.get("insecure", False))
    if wsdl is None:
        return Resolved(None, readonly, interval, keymap, insecure, options.trace, **shown)

    user = pick("user", options.user)
    if not user:
        raise ConfigError(_("A WSDL is configured but no user: give --user, IPS_USER or a profile's user."))
    password = pick("password")
    if not password:
        if prompt_password is None:
            raise ConfigError(_("No password: set IPS_PASSWORD or a profile's password (no terminal to ask on)."))
        password = prompt_password(_("IPS password for {user}: ").format(user=user))
    client = ClientSettings(
        wsdl=wsdl_location(wsdl),
        user=user,
        password=password,
        endpoint=pick("endpoint", options.endpoint),
        company_name=pick("company", options.company),
        company_handle=options.company_handle or profile.get("company_handle"),
        locale=profile.get("locale") or i18n.ips_locale(),  # the profile's, else the language shown
        timeout=timeout,
        verify_tls=not insecure,
        trace=options.trace,
    )
    return Resolved(client, readonly, interval, keymap, insecure, options.trace, **shown)
