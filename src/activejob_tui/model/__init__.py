"""Pure data and pure functions: imports nothing of textual, zeep, httpx or lxml."""
