"""The words a fault becomes, where a mutation run found them unchecked (docs/TESTING.md, round seven):
a translated reason that already ends in a full-width stop, the sentence for a fault element that is
not a SOAP fault, and which connection failures mean nothing left this machine (the proxy's sentence)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from activejob_tui import i18n
from activejob_tui.ips import errors
from activejob_tui.ips.faults import from_transport, read_fault, sentence
from activejob_tui.proxy import unreachable

S11 = "http://schemas.xmlsoap.org/soap/envelope/"
ENDPOINT = "https://ips.example:8443/scene7/services/IpsApiService"


@pytest.fixture
def english_afterwards() -> Iterator[None]:
    yield
    i18n.set_language("en")


@pytest.mark.parametrize("text", ["伺服器忙碌中，請稍後再試。", "作業已停止！", "要停止這個作業嗎？"])
def test_a_reason_ending_in_a_full_width_stop_gets_no_second_one(text: str) -> None:
    assert sentence(text) == text
    assert sentence(text + "  ") == text


def test_a_fault_element_that_is_not_a_soap_fault_is_named_in_the_operators_words(english_afterwards: None) -> None:
    body = f'<s:Envelope xmlns:s="{S11}"><s:Body><Fault/></s:Body></s:Envelope>'.encode()
    i18n.set_language("en")
    with pytest.raises(errors.MalformedResponse) as english:
        read_fault(body, "stopJob")
    assert english.value.message == "The server's answer to stopJob mentions a fault but is not one."
    i18n.set_language("zh_TW")
    with pytest.raises(errors.MalformedResponse) as translated:
        read_fault(body, "stopJob")
    assert translated.value.message == "伺服器對 stopJob 的回應提到錯誤，但並不是錯誤。"


@pytest.mark.parametrize("exc", [
    httpx.ConnectError("[Errno -2] Name or service not known"),
    httpx.ConnectError("[Errno 111] Connection refused"),
])
def test_a_proxy_that_cannot_be_reached_is_blamed_not_the_server(exc: Exception) -> None:
    cause = from_transport(exc, "http://proxy.example:3128", 5)
    err = unreachable("HTTPS_PROXY", "http://proxy.example:3128", "ips.example:8443", cause)
    assert err.message.startswith("The proxy in HTTPS_PROXY (http://proxy.example:3128) cannot be reached: ")
    assert "nothing was sent to ips.example:8443" in err.message


@pytest.mark.parametrize("exc", [httpx.ReadError("reset"), httpx.ReadTimeout("slow"), httpx.UnsupportedProtocol("x")])
def test_a_failure_past_the_proxy_names_the_server(exc: Exception) -> None:
    cause = from_transport(exc, ENDPOINT, 5)
    err = unreachable("HTTPS_PROXY", "http://proxy.example:3128", "ips.example:8443", cause)
    assert err.message.startswith("Cannot reach ips.example:8443 through the proxy in HTTPS_PROXY")
    assert cause.message in err.message
