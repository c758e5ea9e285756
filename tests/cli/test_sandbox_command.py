"""``activejob-tui sandbox``'s own mistakes as a user sees them: a bad --port or --db is a usage error
(exit 2) before anything is created or seeded; anything unexpected is one line without a traceback
unless --debug, as for every other command."""

from __future__ import annotations

import pytest


def usage_error(result) -> str:
    """argparse's refusal: exit 2, its usage lines and one ``error:`` line (returned); no traceback."""
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and "unexpected error" not in result.stderr, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("activejob-tui sandbox: error: "), result.stderr
    return last


@pytest.mark.parametrize("port", ["99999", "-5", "65536", "eighty"])
def test_a_port_outside_0_to_65535_is_a_usage_error_and_nothing_is_seeded(run_cli, isolated_env, tmp_path, port):
    db = tmp_path / "x.db"
    result = run_cli("sandbox", "--port", port, "--db", str(db), env=isolated_env, timeout=30)
    line = usage_error(result)
    assert "--port" in line and "0" in line and "65535" in line, line
    assert not db.exists(), "the database was created (and seeded) before the port was refused"
    assert result.stdout == ""


@pytest.mark.parametrize("debug", ["", "before", "after"], ids=["plain", "debug-sandbox", "sandbox-debug"])
def test_an_unexpected_sandbox_error_is_one_line_unless_debug(run_cli, isolated_env, tmp_path, debug):
    db = tmp_path / "garbage.db"
    db.write_bytes(b"this is not an SQLite database, only text that fills more than the header of one" * 2)
    argv = ["sandbox", "--port", "0", "--db", str(db)]
    argv = ["--debug", *argv] if debug == "before" else [*argv, "--debug"] if debug == "after" else argv
    result = run_cli(*argv, env=isolated_env, timeout=30)
    assert result.returncode == 1, (result.stdout, result.stderr)
    if debug:
        assert "Traceback" in result.stderr and "DatabaseError" in result.stderr, result.stderr
        return
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines == ["activejob-tui: unexpected error: DatabaseError: file is not a database "
                     "(run with --debug for details)"], result.stderr


def test_a_db_in_a_folder_that_does_not_exist_is_refused_and_not_created(run_cli, isolated_env, tmp_path):
    folder = tmp_path / "nonexistent" / "dir"
    result = run_cli("sandbox", "--port", "0", "--db", str(folder / "x.db"), env=isolated_env, timeout=30)
    line = usage_error(result)
    assert f"the folder {folder} does not exist" in line, line
    assert not (tmp_path / "nonexistent").exists(), "the sandbox created the folder"


def test_a_db_that_is_a_folder_is_refused(run_cli, isolated_env, tmp_path):
    result = run_cli("sandbox", "--port", "0", "--db", str(tmp_path), env=isolated_env, timeout=30)
    assert f"{tmp_path} is a folder" in usage_error(result)


def test_a_second_sandbox_on_a_served_database_is_refused_naming_the_first(run_cli, isolated_env, tmp_path):
    """A new user ran ``activejob-tui sandbox`` beside a console's embedded sandbox, both on the default
    database: both ran its schedules, and every scheduled job fired twice."""
    from activejob_tui.sandbox.command import claim
    from activejob_tui.sandbox.process import SandboxProcess

    db = tmp_path / "shared.db"
    first = SandboxProcess(db_path=db)
    first.start()
    try:
        result = run_cli("sandbox", "--port", "0", "--db", str(db), env=isolated_env, timeout=30)
        assert result.returncode == 1, (result.stdout, result.stderr)
        assert result.stdout == "" and result.stderr.strip().splitlines() == [
            f"activejob-tui sandbox: {db} is served by another sandbox (process {first.pid}); use it, stop it, "
            "or give --db another file."]
    finally:
        first.stop()
    claim(db).close()  # the first one's end freed it


def test_the_embedded_sandbox_says_in_one_line_that_its_database_is_served(run_cli, isolated_env, tmp_path):
    from activejob_tui.sandbox.process import SandboxProcess

    db = tmp_path / "data" / "activejob-tui" / "sandbox.db"  # the embedded sandbox's, under XDG_DATA_HOME
    db.parent.mkdir(parents=True)
    standalone = SandboxProcess(db_path=db)
    standalone.start()
    try:
        result = run_cli("jobs", env=isolated_env, timeout=60)
    finally:
        standalone.stop()
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stderr.strip().splitlines()[-1] == (
        f"activejob-tui: The embedded IPS sandbox did not start: activejob-tui sandbox: {db} is served by another "
        f"sandbox (process {standalone.pid}); use it, stop it, or give --db another file.")



def test_a_port_in_use_is_one_line_and_leaves_no_database_behind(run_cli, isolated_env, tmp_path):
    """A new user's second ``sandbox --port P --db y.db`` on a taken port: refused, and y.db (created and
    seeded before the port was tried) stayed behind. A database that was there before is kept."""
    import socket

    folder = tmp_path / "dbs"
    folder.mkdir()
    taken = socket.create_server(("127.0.0.1", 0))
    port = str(taken.getsockname()[1])
    try:
        result = run_cli("sandbox", "--port", port, "--db", str(folder / "y.db"), env=isolated_env, timeout=30)
        assert result.returncode == 1, (result.stdout, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert lines == [f"activejob-tui sandbox: port {port} on 127.0.0.1 is in use; give --port another one (0 picks "
                         "a free one)."], lines
        assert "Traceback" not in result.stderr and result.stdout == ""
        assert sorted(p.name for p in folder.iterdir()) == []

        kept = folder / "kept.db"
        assert run_cli("sandbox", "--port", port, "--db", str(kept), env=isolated_env, timeout=30).returncode == 1
        kept_before = folder / "kept-before.db"
        from activejob_tui.sandbox.store import Store

        Store(kept_before).close()
        assert run_cli("sandbox", "--port", port, "--db", str(kept_before), env=isolated_env, timeout=30).returncode == 1
        assert kept_before.exists()
        assert not kept.exists()
    finally:
        taken.close()
