"""One family of errors for everything that can go wrong between us and IPS.

Each error's ``str()`` is a sentence an operator understands. None of them ever carries the
password or the authHeader: messages are built from our own words plus what the server said.
"""

from __future__ import annotations


class IpsError(Exception):
    """Base of every error the adapter raises."""

    exit_code = 1
    kind = "error"
    retried = True
    """Whether the console tries again by itself after a backoff (it does for everything that can
    pass on its own: an outage, a fault, a timeout); ``False`` where a retry without a change by
    the operator cannot succeed and can do harm."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class AuthenticationError(IpsError):
    """Credentials missing or refused (authenticationFault, 10000–10002)."""

    exit_code = 3
    kind = "authentication"
    retried = False
    """Refused credentials stay refused, and every retry is one more failed login: IPS accounts can
    be locked after repeated failures. The console waits for the operator (``ctrl+r``) instead."""

    def __init__(self, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.code = code


class AuthorizationError(IpsError):
    """The user may not do this, or not in this company (authorizationFault, 20000–20009)."""

    exit_code = 4
    kind = "authorization"

    def __init__(self, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.code = code


class ApiFault(IpsError):
    """Any other fault IPS answered (ipsApiFault, 30000–30003), or a SOAP fault without IPS detail."""

    exit_code = 5
    kind = "api"

    def __init__(self, message: str, code: int | None = None, reason: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.reason = reason


class IpsConnectionError(IpsError):
    """The server could not be reached: refused, DNS, TLS, reset."""

    exit_code = 6
    kind = "connection"

    def __init__(self, message: str, *, first_hop: bool = False) -> None:
        super().__init__(message)
        self.first_hop = first_hop
        """True when nothing left this machine: the name lookup or the TCP connect of the first host
        on the way failed — which, through a proxy, is the proxy, not the IPS server."""


class Timeout(IpsConnectionError):
    """The server did not answer within the configured timeout."""

    kind = "timeout"


class MalformedResponse(IpsError):
    """The server answered, but not with the SOAP we expect: not XML, not SOAP, wrong shape, too big."""

    exit_code = 7
    kind = "malformed"
