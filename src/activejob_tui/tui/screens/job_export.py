"""The selected job out of the console: ``y`` its JSON, ``x`` its XML (``RawScreen``), ``c`` its
jobHandle to the clipboard (OSC 52)."""

from __future__ import annotations

from ...i18n import _
from ..text import safe_str
from .parts import ConsoleParts
from .raw import RawScreen


def show_raw(parts: ConsoleParts, kind: str) -> None:
    """``kind`` ``"json"``: the selected job as ``activejob-tui jobs --format json`` prints it;
    ``"xml"``: as an XML item (re-serialized from the model, not the bytes the server sent).
    A warning toast when no job is selected."""
    from ..raw_text import XML_NOTE, job_json, job_xml  # ElementTree and pyexpat: loaded when first asked (issue 9)

    table = parts.table
    job, key = table.selected_job, table.selected_key
    if job is None:
        parts.screen.notify(_("No job selected."), severity="warning")
        return
    handle = safe_str(getattr(job, "job_handle", None) or key or "—")
    if kind == "json":
        parts.screen.app.push_screen(RawScreen(_("{handle} · JSON").format(handle=handle), job_json(job),
                                               note=_("as `activejob-tui jobs --format json` prints it")))
    else:
        parts.screen.app.push_screen(RawScreen(_("{handle} · XML").format(handle=handle), job_xml(job),
                                               note=_(XML_NOTE)))


def copy_handle(parts: ConsoleParts) -> None:
    """The selected job's jobHandle to the clipboard (OSC 52: the terminal must allow it); a toast
    says what was copied, or why nothing was (no job, or a job the server sent without a jobHandle)."""
    job = parts.table.selected_job
    handle = getattr(job, "job_handle", None)
    screen = parts.screen
    if not handle:
        screen.notify(_("Nothing copied: no job selected, or the server sent it without a jobHandle."),
                      severity="warning")
        return
    screen.app.copy_to_clipboard(handle)
    screen.notify(_("Copied the jobHandle {handle} to the clipboard (through the terminal, OSC 52).").format(
        handle=safe_str(handle)), markup=False)
