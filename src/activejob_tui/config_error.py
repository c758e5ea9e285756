"""The configuration's error, beside ``config``: flags, environment, profiles and the config file.

A kind of :class:`~activejob_tui.ips.errors.IpsError` (exit code 2), so every command reports it the
same way; the SOAP adapter raises it too for a WSDL or endpoint that cannot be used.
"""

from __future__ import annotations

from .ips.errors import IpsError

__all__ = ["ConfigError"]


class ConfigError(IpsError):
    """The configuration is unusable (bad file, unsafe permissions, missing value)."""

    exit_code = 2
    kind = "config"
