"""The selected job as text for the raw view (``y``, ``x``).

``y``: the object ``activejob-tui jobs --format json`` prints for this job (``output_json.as_json``),
pretty-printed. ``x``: the job as an XML item. The IPS client decodes the SOAP answer and does not
keep the server's bytes, so the XML is *re-serialized* from the decoded job (IPS element names,
values as the CLI's JSON has them) and the view says so in its title. Every line is made safe
(:func:`text.safe_str`): server text is shown, never executed.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Any

from ..i18n import N_
from ..output_json import as_json
from .text import safe_str

XML_NOTE = N_("re-serialized from the decoded job: the client does not keep the server's XML")


def job_json(job: Any) -> list[str]:
    """Lines of the CLI's JSON object for ``job``, indented by 2."""
    value = json.loads(as_json([job]))[0]
    return [safe_str(line) for line in json.dumps(value, indent=2, ensure_ascii=False).splitlines()]


def job_xml(job: Any) -> list[str]:
    """Lines of ``job`` as an IPS XML item (``<activeJob>`` …), indented by 2."""
    value = json.loads(as_json([job]))[0]
    root = ET.Element(_element_name(job))
    _fill(root, value)
    ET.indent(root, space="  ")
    return [safe_str(line) for line in ET.tostring(root, encoding="unicode").splitlines()]


def _element_name(job: Any) -> str:
    name = type(job).__name__
    return name[0].lower() + name[1:]


def _fill(parent: ET.Element, value: Any) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, list):
                holder = ET.SubElement(parent, key)
                for element in item:
                    _fill(ET.SubElement(holder, "items"), element)
            elif item is not None:
                _fill(ET.SubElement(parent, key), item)
    elif value is not None:
        parent.text = value if isinstance(value, str) else json.dumps(value)
