"""activejob-tui: a terminal operations console for IPS jobs."""

__version__ = "0.1.0"
