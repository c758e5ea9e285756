"""getCompanyMembership (IPS_JOBS_API.md §4.7) read by ``ips.decode``, both shapes, and through
``IpsClient.company_memberships`` against the sandbox; the header's region words (``ips.regions``)."""

from __future__ import annotations

import pytest

from activejob_tui.ips.client import ClientSettings, IpsClient
from activejob_tui.ips.decode import CompanyMembership, decode_company_membership
from activejob_tui.ips.errors import MalformedResponse
from activejob_tui.ips.regions import region, where

LEGACY = "http://www.scene7.com/IpsApi/xsd"
V2016 = "http://www.scene7.com/IpsApi/xsd/2016-01-14-beta"


def envelope(body: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/'
            f'envelope/"><soapenv:Body>{body}</soapenv:Body></soapenv:Envelope>').encode()


def test_the_unversioned_company_array():
    data = envelope(f'<r:getCompanyMembershipReturn xmlns:r="{LEGACY}"><r:companyArray>'
                    "<r:items><r:companyHandle>c|1</r:companyHandle><r:name>Alpha</r:name><r:rootPath>A/</r:rootPath></r:items>"
                    "<r:items><r:companyHandle> </r:companyHandle><r:name>No handle</r:name></r:items>"
                    "<r:items><r:companyHandle>c|2</r:companyHandle><r:name>Beta</r:name><r:rootPath>B/</r:rootPath></r:items>"
                    "</r:companyArray></r:getCompanyMembershipReturn>")
    assert decode_company_membership(data) == [CompanyMembership("c|1", "Alpha"), CompanyMembership("c|2", "Beta")]


def test_the_2016_membership_array_with_role_and_active():
    data = envelope(f'<getCompanyMembershipReturn xmlns="{V2016}"><membershipArray>'
                    "<items><company><companyHandle>c|9</companyHandle><name>Gamma</name><rootPath>G/</rootPath></company>"
                    "<role>IpsCompanyAdmin</role><isActive>false</isActive></items>"
                    "<items><company><companyHandle>c|10</companyHandle><name>Delta</name></company><role/></items>"
                    "</membershipArray></getCompanyMembershipReturn>")
    assert decode_company_membership(data) == [CompanyMembership("c|9", "Gamma", "IpsCompanyAdmin", False),
                                               CompanyMembership("c|10", "Delta", None, None)]


@pytest.mark.parametrize("body", [
    "<x/>",
    '<r:getActiveJobsReturn xmlns:r="http://www.scene7.com/IpsApi/xsd"/>',
    '<r:getCompanyMembershipReturn xmlns:r="urn:not-ips"/>',
])
def test_anything_else_is_malformed(body):
    with pytest.raises(MalformedResponse):
        decode_company_membership(envelope(body))


async def test_the_sandbox_user_belongs_to_two_companies(sandbox):
    settings = ClientSettings(wsdl=sandbox.wsdl_url_2016, user="demo@example.com", password="demo-password",
                              company_name="demo studio", timeout=5.0)
    client = await IpsClient.open(settings)
    try:
        assert [(c.name, c.role, c.is_active) for c in await client.company_memberships()] == [
            ("Demo Company", "IpsUser", True), ("Demo Studio", "IpsUser", True)]
        assert client.info is not None and client.info.company_name == "Demo Studio"
        assert {j.company_handle for j in await client.active_jobs()} == {client.company_handle}
    finally:
        await client.close()
    assert client.is_closed


def test_regions_and_hosts_for_the_header():
    assert region("s7sps3apissl.scene7.com") == "EMEA"
    assert region("S7SPS1APISSL-STAGING.scene7.com.") == "North America staging"
    assert region("s7sps9apissl.scene7.com") is None and region("example.com") is None
    api = "/scene7/services/IpsApiService"
    assert where(f"https://s7sps5apissl.scene7.com{api}") == "Japan/APAC s7sps5apissl.scene7.com"
    assert where(f"https://s7sps5apissl.scene7.com{api}", short=True) == "Japan/APAC"
    assert where(f"http://127.0.0.1:18080{api}") == "127.0.0.1:18080 (this machine)"
    assert where(f"http://127.0.0.1:41234{api}", "sandbox") == "embedded sandbox 127.0.0.1:41234"
    assert where(f"http://127.0.0.1:41234{api}", "sandbox", short=True) == "sandbox :41234"
    assert where(f"https://ips.example.com:8443{api}") == "ips.example.com:8443"
