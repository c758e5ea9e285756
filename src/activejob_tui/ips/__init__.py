"""The SOAP adapter: talks to IPS (or the sandbox) through zeep and returns model objects."""
