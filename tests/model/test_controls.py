"""The one table of job controls (model/controls.py) names things that exist: IPS operations of the
real WSDL, JobSource methods, the console's views, the CLI's subcommands and the console's keys."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from activejob_tui.cli.parser import build_parser
from activejob_tui.console_state import VERBS, VIEW_ACTIONS
from activejob_tui.ips.client import IpsClient
from activejob_tui.ips.source import JobSource
from activejob_tui.model.controls import CONTROLS
from activejob_tui.poller import View


def test_every_control_is_an_ips_operation_of_the_wsdl(shared_wsdl_path: Path) -> None:
    operations = set(re.findall(r'<operation name="(\w+)"', shared_wsdl_path.read_text(encoding="utf-8")))
    assert [c.operation for c in CONTROLS.values()] == ["stopJob", "pauseJob", "resumeJob", "executeJob", "deleteJob"]
    assert {c.operation for c in CONTROLS.values()} <= operations


def test_every_control_is_sent_by_a_job_source_method_that_sends_its_operation() -> None:
    for control in CONTROLS.values():
        assert inspect.iscoroutinefunction(getattr(JobSource, control.method)), control.method
        source = inspect.getsource(getattr(IpsClient, control.method))
        assert f'"{control.operation}"' in source, (control.method, control.operation)


def test_the_views_are_the_pollers_and_the_console_reads_the_table() -> None:
    assert dict(VIEW_ACTIONS) == {"stop": {View.ACTIVE}, "pause": {View.SCHEDULED}, "resume": {View.SCHEDULED},
                            "execute": {View.SCHEDULED}, "delete": {View.SCHEDULED}}
    assert all(isinstance(v, View) for views in VIEW_ACTIONS.values() for v in views)
    assert dict(VERBS) == {"stop": "stop", "pause": "pause", "resume": "resume", "execute": "run now", "delete": "delete"}


def test_the_cli_has_a_subcommand_per_control_with_its_summary() -> None:
    text = build_parser().format_help()
    for control in CONTROLS.values():
        assert re.search(rf"^\s+{control.verb}\s+{re.escape(control.summary)}$", text, re.MULTILINE), control.verb


def test_the_console_has_a_key_per_control() -> None:
    from activejob_tui.tui.screens.console import ConsoleScreen

    actions = {b.action for b in ConsoleScreen.BINDINGS if hasattr(b, "action")}
    assert {f"command('{verb}')" for verb in CONTROLS} <= actions
