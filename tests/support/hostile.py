"""Hostile text (Rich markup, C1 and OSC sequences, controls, bidi, 10,000 characters, CJK and emoji, combining
marks), submitted with plain zeep — not through activejob-tui — to a sandbox of its own (the ``hostile_sandbox``
fixture), and the characters that must never reach a terminal raw."""

from __future__ import annotations

HOSTILE = {
    "rich": "[bold red]BOOM[/] [link=https://evil.example]click[/link] [/]",
    "c1-csi": "\x9b31mC1 CSI red\x9b0m and DEL\x7f",
    "osc": "\x9d8;;https://evil.example\x9clink\x9d8;;\x9c",
    "controls": "tab\there\nnewline\rcarriage",
    "bidi": "invoice\u202egpj.exe\u202c \u2066isolate\u2069 zero\u200bwidth",
    "long": "L" * 9_990 + "-the-end!",
    "cjk-emoji": "漢字のジョブ名 🚀👩\u200d💻 ｆｕｌｌ",
    "zalgo": "Z\u0351\u0352a\u0353l\u0354g\u0355o",
}
# Characters a terminal acts on or reorders; none may reach the terminal raw. (ZWJ and ZWNJ are text:
# they build emoji sequences and Persian words, and are kept — issue 10, model/text.py.)
RAW_FORBIDDEN = ["\x1b", "\r", "\x7f", "\u202e", "\u202c", "\u2066", "\u2069", "\u200b"] + [
    chr(c) for c in range(0x80, 0xA0)
]


def submit_jobs(server, names: dict[str, str]) -> dict[str, str]:
    """Submit one optimizeImages job per entry with plain zeep (name and description = the text);
    returns key → jobHandle."""
    import zeep

    client = zeep.Client(server.wsdl_url_2016)
    service = client.create_service("{http://www.scene7.com/IpsApi}IpsApiServiceSoapBinding", server.endpoint)
    header = {"authHeader": {"user": "demo@example.com", "password": "demo-password", "appName": "t",
                             "appVersion": "1"}}
    return {key: service.submitJob(companyHandle="c|1", jobName=text, description=text,
                                   optimizeImagesJob={"emailSetting": "None"}, _soapheaders=header)
            for key, text in names.items()}


