"""The IPS sandbox: a real SOAP server that imitates the IPS job API."""
