"""The console's contexts (k9s ``:ctx``): a profile of the config file, and a company of its user.

:class:`ContextSwitcher` opens every connection the console makes — the first one (the flags,
the environment and the default profile, as ``config.resolve`` made them), a profile by name
(``:profile NAME``) and another company of the connected user (``:company NAME``). It never
closes anything: the App closes the old connection only once the new one is up, so a failed
switch leaves the old context running.

An embedded sandbox belongs to the connection that started it (``IpsClient`` stops it on close).
When the new connection talks to the same server — ``:company`` on the embedded sandbox, or a
second profile without a WSDL — :meth:`ContextSwitcher.hand_over` passes that duty to it, so
closing the old one leaves the sandbox running; otherwise the old one stops it on close.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from .config import ENV_KEYS, Options, Resolved, config_path, load_config_file, resolve
from .config_error import ConfigError
from .i18n import _
from .ips.client import IpsClient
from .ips.decode import CompanyMembership
from .session import open_source


@dataclass(frozen=True, slots=True)
class Context:
    """Where the console is connected: the profile's name (None: no named profile) and the client."""

    profile: str | None
    source: IpsClient


class ContextSwitcher:
    """Opens the console's connections; ``options``/``env``/``resolved`` are what the CLI started with."""

    def __init__(self, options: Options, env: Mapping[str, str], resolved: Resolved) -> None:
        self.options = options
        self.env = dict(env)
        self.resolved = resolved
        self.first_profile = options.profile or self._default_profile()

    # -- what there is to switch to ----------------------------------------------------------

    def profiles(self) -> list[str]:
        """The profile names of the config file, read now (the operator may have edited it), sorted.
        Raises ConfigError for a file that cannot be read."""
        config = load_config_file(config_path(self.env))
        profiles = config.data.get("profiles", {})
        return sorted(profiles) if isinstance(profiles, dict) else []

    async def companies(self, source: IpsClient) -> list[CompanyMembership]:
        """The companies the connected user belongs to (getCompanyMembership, IPS_JOBS_API.md §4.7)."""
        return await source.company_memberships()

    # -- opening -----------------------------------------------------------------------------

    async def open_first(self) -> Context:
        """The connection the console starts with."""
        return Context(self.first_profile, await open_source(self.resolved))

    async def open_profile(self, name: str) -> Context:
        """A connection for the profile ``name``: its own keys win over the ``IPS_*`` environment
        (which only fills what the profile leaves out, e.g. ``IPS_PASSWORD``) and over the flags the
        console was started with. Raises ConfigError (unknown profile, no password) or IpsError."""
        profile = load_config_file(config_path(self.env)).profile(name)  # ConfigError naming the profiles
        env = {k: v for k, v in self.env.items() if not any(k == var and key in profile for key, var in ENV_KEYS.items())}
        options = Options(profile=name, insecure=self.options.insecure, timeout=self.options.timeout,
                          trace=self.options.trace)

        def no_prompt(_question: str) -> str:
            raise ConfigError(_("Profile {name!r} has no password and the console cannot ask for one while it runs: "
                                "add password = \"…\" to [profiles.{name}] (chmod 600 the file) or set IPS_PASSWORD."
                                ).format(name=name))

        resolved = resolve(options, env, no_prompt)
        return Context(name, await open_source(resolved))

    async def open_company(self, current: Context, name: str) -> Context:
        """A connection as the same user to the company named ``name`` (case-insensitive; IpsError
        AuthorizationError when the user is not a member, naming the companies they belong to)."""
        settings = replace(current.source.settings, company_name=name, company_handle=None)
        return Context(current.profile, await IpsClient.open(settings))

    @staticmethod
    def hand_over(old: Context, new: Context) -> None:
        """Before ``old`` closes: if ``new`` talks to the same server, it takes over stopping it."""
        if new.source.endpoint == old.source.endpoint:
            hook = old.source.release_on_close()
            if hook is not None:
                new.source.adopt_on_close(hook)

    def _default_profile(self) -> str | None:
        try:
            default = load_config_file(config_path(self.env)).data.get("default_profile")
        except ConfigError:
            return None
        return str(default) if default is not None else None
