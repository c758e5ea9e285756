"""The TLS context whose CA store the first handshake fills (src/activejob_tui/ips/trust.py, issue 9): the same
settings as httpx's own context, the same CA source, nothing loaded while only plain HTTP is spoken, and a clear
error for an ``SSL_CERT_FILE`` that names nothing."""

from __future__ import annotations

import ssl

import httpx
import pytest

from activejob_tui.config_error import ConfigError
from activejob_tui.ips import trust
from support.harness import one_line_error, rogue_cli_args, sandbox_cli_args
from support.rogue_server import ONE_JOB, Reply

SETTINGS = ("protocol", "verify_mode", "check_hostname", "options", "verify_flags", "minimum_version",
            "maximum_version", "keylog_filename")


def test_the_context_is_httpx_s_with_its_store_filled_on_first_use(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SSL_CERT_FILE", "SSL_CERT_DIR", "SSLKEYLOGFILE"):
        monkeypatch.delenv(name, raising=False)
    ours, theirs = trust.verifying_context(True), httpx.create_ssl_context(verify=True)
    assert {k: getattr(ours, k) for k in SETTINGS} == {k: getattr(theirs, k) for k in SETTINGS}
    assert ours.verify_mode is ssl.CERT_REQUIRED and ours.check_hostname
    assert ours.cert_store_stats()["x509_ca"] == 0  # nothing parsed yet
    assert isinstance(ours, trust.LazyTrust) and not ours.loaded
    ours.load_now()
    ours.load_now()  # once
    assert ours.loaded and ours.cert_store_stats() == theirs.cert_store_stats()  # certifi's bundle, as httpx loads it


def test_insecure_is_httpx_s_context_without_verification() -> None:
    context = trust.verifying_context(False)
    assert context.verify_mode is ssl.CERT_NONE and not context.check_hostname
    assert not isinstance(context, trust.LazyTrust)


def test_the_source_is_the_one_httpx_would_use(tmp_path, self_signed_cert) -> None:
    cert, _ = self_signed_cert
    by_file = trust.verifying_context(True, {"SSL_CERT_FILE": str(cert), "SSL_CERT_DIR": str(tmp_path)})
    by_file.load_now()
    assert by_file.cert_store_stats()["x509_ca"] == 1  # SSL_CERT_FILE first, as httpx
    by_dir = trust.verifying_context(True, {"SSL_CERT_DIR": str(tmp_path)})
    by_dir.load_now()
    assert by_dir.cert_store_stats()["x509_ca"] == 0  # a directory is looked up per handshake
    for name in ("SSL_CERT_FILE", "SSL_CERT_DIR"):
        with pytest.raises(ConfigError, match=rf"^{name} names {tmp_path}/none, which does not exist"):
            trust.verifying_context(True, {name: str(tmp_path / "none")})


def test_a_certificate_named_by_ssl_cert_file_is_trusted_over_https(run_cli, isolated_env, tls_rogue,
                                                                    self_signed_cert) -> None:
    tls_rogue.answer(Reply(200, ONE_JOB))
    env = {**isolated_env, "SSL_CERT_FILE": str(self_signed_cert[0]), "IPS_PASSWORD": "demo-password"}
    result = run_cli("jobs", "--format", "json", *rogue_cli_args(tls_rogue), env=env)
    assert result.returncode == 0, result.stderr
    assert '"name": "alpha"' in result.stdout and "insecure" not in result.stderr


def test_plain_http_never_reads_the_ca_bundle_and_https_does(run_cli, isolated_env, sandbox, tls_rogue,
                                                              tmp_path) -> None:
    broken = tmp_path / "not-a-bundle.pem"
    broken.write_text("this is no certificate\n", encoding="utf-8")
    env = {**isolated_env, "SSL_CERT_FILE": str(broken), "IPS_PASSWORD": "demo-password"}
    result = run_cli("jobs", *sandbox_cli_args(sandbox), env=env)  # plain HTTP: the bundle is never parsed
    assert result.returncode == 0, result.stderr
    tls_rogue.answer(Reply(200, ONE_JOB))
    result = run_cli("jobs", *rogue_cli_args(tls_rogue), env=env)  # TLS: parsed at the handshake, and refused
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert not tls_rogue.requests  # nothing (and no password) was sent


def test_a_missing_ssl_cert_file_is_one_line_naming_it(run_cli, isolated_env, sandbox, tmp_path) -> None:
    env = {**isolated_env, "SSL_CERT_FILE": str(tmp_path / "gone.pem"), "IPS_PASSWORD": "demo-password"}
    result = run_cli("jobs", *sandbox_cli_args(sandbox), env=env)
    assert result.returncode == 2
    assert one_line_error(result) == (f"activejob-tui: SSL_CERT_FILE names {tmp_path}/gone.pem, which does not "
                                      "exist: set it to a CA bundle (or unset it).")
