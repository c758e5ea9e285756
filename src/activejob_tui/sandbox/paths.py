"""The sandbox's URL paths, in a module of their own so a client process can name them without
loading the HTTP server (aiohttp): the console and the CLI start and find the sandbox through
these, only the sandbox process itself imports :mod:`.server`."""

from __future__ import annotations

ENDPOINT_PATH = "/scene7/services/IpsApiService"
"""The SOAP endpoint, as the public IPS service names it (IPS_JOBS_API.md §1)."""
API_ENDPOINT_PATH = "/scene7/api/IpsApiService"
"""The same endpoint under the path newer public clients use (IPS_JOBS_API.md §10)."""
WSDL_2016_PATH = "/scene7/webservice/IpsApi-2016-01-14-beta.wsdl"
"""The 2016-01-14-beta WSDL."""
WSDL_LEGACY_PATH = "/scene7/webservice/IpsApi.wsdl"
"""The legacy (unversioned namespace) WSDL."""
