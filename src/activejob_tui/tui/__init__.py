"""The console (Textual): ``ActiveJobApp`` in :mod:`activejob_tui.tui.app`."""
