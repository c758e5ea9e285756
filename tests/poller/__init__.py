"""The poller, through its public API (the console-free part)."""
