"""IPS faults: the exception the handlers raise and the SOAP 1.1 / 1.2 envelopes for it."""

from __future__ import annotations

from .xmlout import esc
from .xsd import FAULT_NS

SOAP11_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12_ENV = "http://www.w3.org/2003/05/soap-envelope"

# code constants (IPS_JOBS_API.md §3.2)
NO_CREDENTIALS = 10000
INVALID_CREDENTIALS = 10001
ILLEGAL_COMPANY = 20006  # our choice for "not a member of that company" (docs/SANDBOX.md)
NO_OPERATION_PERMISSION = 20003
EXCEPTION = 30000
INVALID_PARAMETER = 30001
MISSING_PARAMETER = 30002
INVALID_REQUEST_XML = 30003

_FAULTSTRING = {
    "authenticationFault": "AuthenticationException",
    "authorizationFault": "AuthorizationException",
    "ipsApiFault": "IpsApiException",
}


class IpsFault(Exception):
    """Raised anywhere while answering; turned into a SOAP Fault by the server."""

    def __init__(self, kind: str, code: int, reason: str) -> None:
        super().__init__(f"{kind} {code}: {reason}")
        self.kind, self.code, self.reason = kind, code, reason

    @classmethod
    def authentication(cls, code: int, reason: str) -> IpsFault:
        return cls("authenticationFault", code, reason)

    @classmethod
    def authorization(cls, code: int, reason: str) -> IpsFault:
        return cls("authorizationFault", code, reason)

    @classmethod
    def api(cls, code: int, reason: str) -> IpsFault:
        return cls("ipsApiFault", code, reason)

    def detail_xml(self) -> str:
        return (f'<ns1:{self.kind} xmlns:ns1="{FAULT_NS}">'
                f'<code xmlns="{FAULT_NS}">{self.code}</code>'
                f'<reason xmlns="{FAULT_NS}">{esc(self.reason)}</reason>'
                f"</ns1:{self.kind}>")

    def envelope(self, soap12: bool) -> bytes:
        faultstring = _FAULTSTRING[self.kind]
        if soap12:
            body = (f'<?xml version="1.0" encoding="UTF-8"?>'
                    f'<soapenv:Envelope xmlns:soapenv="{SOAP12_ENV}"><soapenv:Header/><soapenv:Body>'
                    f"<soapenv:Fault><soapenv:Code><soapenv:Value>soapenv:Sender</soapenv:Value></soapenv:Code>"
                    f'<soapenv:Reason><soapenv:Text xml:lang="en">{faultstring}</soapenv:Text></soapenv:Reason>'
                    f"<soapenv:Detail>{self.detail_xml()}</soapenv:Detail></soapenv:Fault>"
                    f"</soapenv:Body></soapenv:Envelope>")
        else:
            body = (f'<?xml version="1.0" encoding="UTF-8"?>'
                    f'<soapenv:Envelope xmlns:soapenv="{SOAP11_ENV}"><soapenv:Header/><soapenv:Body>'
                    f"<soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>{faultstring}</faultstring>"
                    f"<detail>{self.detail_xml()}</detail></soapenv:Fault>"
                    f"</soapenv:Body></soapenv:Envelope>")
        return body.encode("utf-8")
