"""The two job-subset WSDLs, generated from the tables of :mod:`.xsd`.

Both follow the shape of the real public ``IpsApi.wsdl``: targetNamespace
``http://www.scene7.com/IpsApi``, messages ``<op>`` / ``<op>Response`` with parts ``input`` /
``output``, the three fault messages with part ``fault`` (elements in the unversioned
namespace), message ``authHeader``, portType ``IpsApiPortType``, two document/literal
bindings (SOAP 1.1 and 1.2) whose SOAPAction is the bare operation name, and service
``IpsApiService`` with ports ``IpsApiSoapPort`` / ``IpsApiSoap12Port``.
"""

from __future__ import annotations

from functools import lru_cache
from xml.sax.saxutils import quoteattr

from . import xsd

FAULTS = ("ipsApiFault", "authenticationFault", "authorizationFault")


def _reachable(version: str) -> list[str]:
    types, elements = xsd.TYPES[version], xsd.ELEMENTS[version]
    seen: set[str] = set()
    stack = [f.type for op in xsd.OPERATIONS for suffix in ("Param", "Return")
             for f in elements[op + suffix] if not f.simple]
    while stack:
        t = stack.pop()
        if t in seen:
            continue
        seen.add(t)
        stack.extend(f.type for f in types[t] if not f.simple)
    return [t for t in types if t in seen]  # table order


def _field_xml(f: xsd.Field, indent: str) -> str:
    typ = f"xsd:{xsd.SIMPLE[f.type]}" if f.simple else f"types:{f.type}"
    occ = ""
    if f.min_occurs == 0:
        occ += ' minOccurs="0"'
    if f.unbounded:
        occ += ' maxOccurs="unbounded"'
    return f'{indent}<element name="{f.name}" type="{typ}"{occ}/>\n'


def _sequence(fields: tuple[xsd.Field, ...], indent: str) -> str:
    if not fields:
        return f"{indent}<sequence></sequence>\n"
    return (f"{indent}<sequence>\n" + "".join(_field_xml(f, indent + "  ") for f in fields)
            + f"{indent}</sequence>\n")


def _schema_open(ns: str) -> str:
    return ('    <schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns="http://www.w3.org/2001/XMLSchema" '
            f'xmlns:types="{ns}" targetNamespace="{ns}" elementFormDefault="qualified">\n')


def _element(name: str, fields: tuple[xsd.Field, ...]) -> str:
    return (f'      <element name="{name}">\n        <complexType>\n'
            + _sequence(fields, "          ") + "        </complexType>\n      </element>\n")


def _binding(name: str, soap: str) -> str:
    out = [f'  <binding name="{name}" type="tns:IpsApiPortType">\n',
           f'    <{soap}:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>\n']
    for op in xsd.OPERATIONS:
        out.append(
            f'    <operation name="{op}">\n'
            f'      <{soap}:operation soapAction="{op}"/>\n'
            f'      <input name="{op}">\n'
            f'        <{soap}:body namespace="{xsd.WSDL_NS}" use="literal"/>\n'
            f'        <{soap}:header message="tns:authHeader" part="authHeader" namespace="{xsd.WSDL_NS}" use="literal"/>\n'
            f'      </input>\n'
            f'      <output name="{op}Response">\n'
            f'        <{soap}:body namespace="{xsd.WSDL_NS}" use="literal"/>\n'
            f'      </output>\n'
        )
        for fault in FAULTS:
            out.append(f'      <fault name="{fault}">\n'
                       f'        <{soap}:fault name="{fault}" namespace="{xsd.WSDL_NS}" use="literal"/>\n'
                       f'      </fault>\n')
        out.append("    </operation>\n")
    out.append("  </binding>\n")
    return "".join(out)


@lru_cache(maxsize=64)
def render_wsdl(version: str, address: str) -> bytes:
    """The WSDL of ``version`` (xsd.LEGACY or xsd.V2016) with ``soap:address`` = ``address``."""
    ns = xsd.VERSION_NS[version]
    types, elements = xsd.TYPES[version], xsd.ELEMENTS[version]
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
           f'<definitions name="IpsApi" targetNamespace="{xsd.WSDL_NS}" '
           'xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" '
           'xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/" '
           f'xmlns:tns="{xsd.WSDL_NS}" xmlns:types="{ns}" xmlns:hdr="{xsd.FAULT_NS}">\n',
           "  <!-- IPS sandbox (activejob-tui): the job subset of the IPS API -->\n",
           "  <types>\n", _schema_open(ns)]
    for t in _reachable(version):
        out.append(f'      <complexType name="{t}">\n' + _sequence(types[t], "        ") + "      </complexType>\n")
    for op in xsd.OPERATIONS:
        for suffix in ("Param", "Return"):
            out.append(_element(op + suffix, elements[op + suffix]))
    if version == xsd.V2016:
        out.append(_element("authHeader", xsd.V2016_AUTH_HEADER))
    out.append("    </schema>\n")
    out.append(_schema_open(xsd.FAULT_NS))
    for fault in FAULTS:
        out.append(_element(fault, xsd.FAULT_ELEMENTS[fault]))
    if version == xsd.LEGACY:
        out.append(_element("authHeader", xsd.LEGACY_AUTH_HEADER))
    out.append("    </schema>\n  </types>\n\n")
    for op in xsd.OPERATIONS:
        out.append(f'  <message name="{op}">\n    <part element="types:{op}Param" name="input"/>\n  </message>\n'
                   f'  <message name="{op}Response">\n    <part element="types:{op}Return" name="output"/>\n'
                   "  </message>\n")
    for fault in FAULTS:
        out.append(f'  <message name="{fault}Exception">\n    <part element="hdr:{fault}" name="fault"/>\n'
                   "  </message>\n")
    hdr = "hdr" if version == xsd.LEGACY else "types"
    out.append(f'  <message name="authHeader">\n    <part element="{hdr}:authHeader" name="authHeader"/>\n'
               "  </message>\n\n")
    out.append('  <portType name="IpsApiPortType">\n')
    for op in xsd.OPERATIONS:
        out.append(f'    <operation name="{op}">\n'
                   f'      <input message="tns:{op}" name="{op}"/>\n'
                   f'      <output message="tns:{op}Response" name="{op}Response"/>\n')
        for fault in FAULTS:
            out.append(f'      <fault message="tns:{fault}Exception" name="{fault}"/>\n')
        out.append("    </operation>\n")
    out.append("  </portType>\n\n")
    out.append(_binding("IpsApiServiceSoapBinding", "soap"))
    out.append(_binding("IpsApiServiceSoap12Binding", "soap12"))
    loc = quoteattr(address)
    out.append('\n  <service name="IpsApiService">\n'
               '    <port binding="tns:IpsApiServiceSoapBinding" name="IpsApiSoapPort">\n'
               f"      <soap:address location={loc}/>\n    </port>\n"
               '    <port binding="tns:IpsApiServiceSoap12Binding" name="IpsApiSoap12Port">\n'
               f"      <soap12:address location={loc}/>\n    </port>\n  </service>\n</definitions>\n")
    return "".join(out).encode("utf-8")
