"""The part of an IPS WSDL the client calls (issue 9: the console's memory).

An IPS WSDL declares the whole API — IpsApi.wsdl (IPS_JOBS_API.md §1): 73 operations, each on a SOAP 1.1
and a SOAP 1.2 binding, 150 messages and 786 schema elements — and zeep builds objects for every one of
them: 7.5 MiB resident after a trim and 65–80 ms for IpsApi.wsdl. The client calls :data:`OPERATIONS`
(IPS_JOBS_API.md §4) on the SOAP 1.1 binding (``client.SOAP11_BINDING``). :func:`subset` keeps those
operations and all they refer to — their messages (input, output, fault, ``soap:header``), then the
schema's global components reachable from those messages' parts, transitively — and drops the rest:
4.3 MiB and ~45 ms (``benchmarks/README.md``, issue 9). The sandbox's own WSDL declares little more than
the client calls, so there the cut is small.

Kept on the safe side:

- references are followed by local name: a name declared in two schemas keeps both;
- every attribute that can name a schema component is followed (``type``, ``base``, ``ref``,
  ``itemType``, ``memberTypes``, ``substitutionGroup``, ``refer``);
- a document that imports or includes another (``wsdl:import``, ``xsd:import`` with a
  ``schemaLocation``, ``xsd:include``, ``xsd:redefine``) is not cut (``None``);
- an operation of :data:`OPERATIONS` the WSDL lacks is simply absent, as in the whole WSDL: the
  client says so when it is called.

Only the SOAP 1.2 bindings (those whose binding element is in the SOAP 1.2 namespace) and their ports
go whole: the client never uses them.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from lxml import etree

from ..model.controls import CONTROLS

WSDL = "http://schemas.xmlsoap.org/wsdl/"
XSD = "http://www.w3.org/2001/XMLSchema"
SOAP12 = "http://schemas.xmlsoap.org/wsdl/soap12/"

READS = ("getActiveJobs", "getScheduledJobs", "getJobLogs", "getJobLogDetails", "getCompanyMembership")
"""The operations the client reads with (IPS_JOBS_API.md §4.1–4.4 and the company lookup)."""
OPERATIONS = frozenset(READS) | {control.operation for control in CONTROLS.values()}
"""Every operation the client calls: the reads and the commands (``model.controls``, §4.5)."""

_GLOBALS = frozenset(f"{{{XSD}}}{name}" for name in
                     ("element", "complexType", "simpleType", "group", "attributeGroup", "attribute"))
_NAMING = ("type", "base", "ref", "itemType", "memberTypes", "substitutionGroup", "refer")


def _local(qname: str) -> str:
    return qname.rpartition(":")[2]


def _is_soap12(binding: etree._Element) -> bool:
    return any(isinstance(child.tag, str) and child.tag.startswith(f"{{{SOAP12}}}") for child in binding)


def _imports(root: etree._Element) -> bool:
    if root.find(f"{{{WSDL}}}import") is not None:
        return True
    for node in root.iter(f"{{{XSD}}}include", f"{{{XSD}}}redefine", f"{{{XSD}}}import"):
        if node.tag != f"{{{XSD}}}import" or node.get("schemaLocation"):
            return True
    return False


def subset(root: etree._Element, operations: frozenset[str] = OPERATIONS) -> etree._Element | None:
    """A copy of the WSDL ``root`` (``wsdl:definitions``) with only ``operations`` and what they refer
    to; ``None`` when the document imports or includes another (then nothing is cut)."""
    if root.tag != f"{{{WSDL}}}definitions" or _imports(root):
        return None
    root = copy.deepcopy(root)
    soap12 = {b.get("name") for b in root.iterfind(f"{{{WSDL}}}binding") if _is_soap12(b)}
    for binding in root.findall(f"{{{WSDL}}}binding"):
        if binding.get("name") in soap12:
            root.remove(binding)
    for service in root.iterfind(f"{{{WSDL}}}service"):
        for port in service.findall(f"{{{WSDL}}}port"):
            if _local(port.get("binding", "")) in soap12:
                service.remove(port)
    messages: set[str] = set()
    for holder in (*root.iterfind(f"{{{WSDL}}}portType"), *root.iterfind(f"{{{WSDL}}}binding")):
        for operation in holder.findall(f"{{{WSDL}}}operation"):
            if operation.get("name") not in operations:
                holder.remove(operation)
            else:
                messages.update(_local(node.get("message", "")) for node in operation.iter() if node.get("message"))
    names: set[str] = set()
    for message in root.findall(f"{{{WSDL}}}message"):
        if message.get("name") not in messages:
            root.remove(message)
        else:
            names.update(_local(part.get(a, "")) for part in message for a in ("element", "type") if part.get(a))
    _keep_reachable(root, names)
    return root


def missing(root: etree._Element, bindings: Mapping[str, Any], operations: frozenset[str] = OPERATIONS) -> list[str]:
    """The operations of ``operations`` that the whole WSDL ``root`` binds (SOAP 1.2 bindings aside) and
    zeep's ``bindings`` (``Document.bindings`` of the cut document: binding QName → binding) lack — zeep
    drops an operation whose message it cannot find with a mere warning. Empty when the cut is whole."""
    namespace = root.get("targetNamespace")
    lacking = []
    for binding in root.iterfind(f"{{{WSDL}}}binding"):
        if _is_soap12(binding):
            continue
        built = bindings.get(f"{{{namespace}}}{binding.get('name')}")
        for operation in binding.iterfind(f"{{{WSDL}}}operation"):
            name = operation.get("name", "")
            if name not in operations:
                continue
            if built is None or not _binds(built, name):
                lacking.append(name)
    return lacking


def _binds(binding: Any, operation: str) -> bool:
    """Whether zeep's ``binding`` has ``operation`` (its ``get`` raises ValueError for one it lacks)."""
    try:
        binding.get(operation)
    except ValueError:
        return False
    return True


def _names(node: etree._Element, attributes: tuple[str, ...]) -> set[str]:
    """Local names that ``node`` and its descendants refer to through ``attributes``."""
    return {_local(qname) for inner in node.iter() for a in attributes for qname in (inner.get(a) or "").split()}


def _keep_reachable(root: etree._Element, names: set[str]) -> None:
    """Drop the schemas' global components not reachable from ``names`` (local names): what a kept
    component refers to is kept, and so is what derives from it or may stand in its place (an
    ``extension``/``restriction`` of it, a member of its substitution group: ``xsi:type`` answers)."""
    components: dict[str, list[etree._Element]] = {}
    for schema in root.iter(f"{{{XSD}}}schema"):
        for node in schema:
            if node.tag in _GLOBALS and node.get("name"):
                components.setdefault(node.get("name"), []).append(node)
    derived: dict[str, set[str]] = {}
    for name, nodes in components.items():
        for node in nodes:
            for base in _names(node, ("base", "substitutionGroup")):
                derived.setdefault(base, set()).add(name)
    todo = [name for name in names if name in components]
    kept = set(todo)
    while todo:
        name = todo.pop()
        for node in components[name]:
            for other in (_names(node, _NAMING) | derived.get(name, set())) - kept:
                if other in components:
                    kept.add(other)
                    todo.append(other)
    for name, nodes in components.items():
        if name not in kept:
            for node in nodes:
                node.getparent().remove(node)
