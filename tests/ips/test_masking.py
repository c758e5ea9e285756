"""The --debug SOAP trace masks the password: in its element (any prefix, with attributes), and
wherever else the server or the request echoes it; control characters are escaped, lines kept."""

from __future__ import annotations

import logging

import pytest

from activejob_tui.ips.client import ClientSettings
from activejob_tui.ips.transport import trace_logger

SECRET = "s3cr<t&'pw"


def traced(caplog, data: bytes, password: str = SECRET) -> str:
    settings = ClientSettings(wsdl="http://ips.example/w", user="ops@example.com", password=password)
    with caplog.at_level(logging.DEBUG, logger="activejob_tui.ips.client"):
        trace_logger(settings)("POST http://ips.example/api", data)
    records = [r for r in caplog.records if r.name == "activejob_tui.ips.client"]
    assert len(records) == 1 and records[0].levelno == logging.DEBUG
    return records[0].getMessage()


@pytest.mark.parametrize("element", [
    "<password>{}</password>",
    "<ns0:password>{}</ns0:password>",
    '<ns1:password xmlns:ns1="http://www.scene7.com/IpsApi/xsd">{}</ns1:password>',
])
def test_the_password_element_is_masked_whatever_its_prefix(caplog, element: str) -> None:
    body = ("<Envelope><Header><authHeader><user>ops@example.com</user>"
            + element.format("other-value") + "</authHeader></Header></Envelope>").encode()
    message = traced(caplog, body)
    assert message.startswith("POST http://ips.example/api\n")
    assert "other-value" not in message
    assert element.format("********") in message
    assert "<user>ops@example.com</user>" in message  # only the password goes


def test_the_password_echoed_anywhere_is_masked(caplog) -> None:
    body = f"<fault><faultstring>Invalid password '{SECRET}' for {SECRET}</faultstring></fault>".encode()
    message = traced(caplog, body)
    assert SECRET not in message
    assert "Invalid password '********' for ********" in message


def test_an_empty_password_masks_nothing_else(caplog) -> None:
    message = traced(caplog, b"<a>plain</a>", password="")
    assert message == "POST http://ips.example/api\n<a>plain</a>"


def test_lines_are_kept_and_controls_escaped(caplog) -> None:
    message = traced(caplog, b"<a>one</a>\n<b>two\x1b[2J</b>\n\xff")
    lines = message.split("\n")
    assert lines[1] == "<a>one</a>"
    assert lines[2] == "<b>two\\x1b[2J</b>"  # the escape is shown, not sent to the terminal
    assert lines[3] == "\ufffd"  # a byte that is not UTF-8 is replaced, not fatal
    assert len(lines) == 4
