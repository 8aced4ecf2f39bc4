"""Contract tests against the demonstration application, started on 127.0.0.1; the allow-list."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from gate.cli import main
from gate.contract.guard import AllowList
from gate.contract.runner import run_contract
from rules.bundle import DirectorySource, load
from rules.parsing import Limits
from tests.helpers import DEMO_APP, free_port, start_demo

APP = DEMO_APP
AUTH = "Authorization: Bearer token-uji-perizinan"


@pytest.fixture(scope="module")
def good() -> Iterator[str]:
    yield from start_demo()


@pytest.fixture(scope="module")
def defective() -> Iterator[str]:
    yield from start_demo("--cacat")


def _document() -> dict[str, object]:
    data = load(DirectorySource(APP), "openapi.yaml", Limits()).data
    assert isinstance(data, dict)
    return data


def test_the_application_that_keeps_its_contract_passes(good: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(APP / "openapi.yaml"), "--base-url", good, "--auth-header", AUTH, "-f", "json"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert '"contract": 100.0' in out
    assert "token-uji-perizinan" not in out


def test_each_defect_is_reported_at_its_operation_with_its_check(defective: str) -> None:
    run = run_contract(_document(), defective, headers={"Authorization": "Bearer token-uji-perizinan"})
    found = {(f.check, f.operation) for f in run.failures}
    assert ("not_a_server_error", "GET /izin") in found
    assert ("response_schema_conformance", "GET /jenis-izin/{kode}") in found
    assert ("status_code_conformance", "DELETE /izin/{nomor_izin}") in found
    assert ("content_type_conformance", "GET /statistik") in found
    assert run.stopped == "completed" and run.operations_tested == run.operations_total == 10
    for f in run.failures:
        assert f.curl.startswith("curl ") and "token-uji-perizinan" not in f.curl + f.message + f.body


def test_the_cli_fails_the_defective_application(defective: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["test", str(APP / "openapi.yaml"), "--base-url", defective, "--auth-header", AUTH, "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 1
    for rule in ("KON001", "KON002", "KON003", "KON004"):
        assert rule in out


@pytest.mark.parametrize("allowed", [["10.0.0.0/8"], []])
def test_loopback_is_refused_unless_allowed(good: str, allowed: list[str]) -> None:
    run = run_contract(_document(), good, allow=AllowList.parse(allowed))
    assert run.stopped == "unreachable"
    assert "allow-list" in run.error
    assert not [f for f in run.failures if f.status is not None]


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("127.0.0.1", False),
        ("169.254.169.254", False),
        ("10.1.2.3", False),
        ("192.168.1.1", False),
        ("172.16.0.1", False),
        ("::1", False),
        ("::ffff:127.0.0.1", False),
        ("203.0.113.10", True),
    ],
)
def test_allow_list_checks_addresses(address: str, allowed: bool) -> None:
    allow = AllowList.parse(["203.0.113.0/24"])
    assert allow.allows(address) is allowed


def test_a_target_that_answers_nothing_fails(capsys: pytest.CaptureFixture[str]) -> None:
    closed = f"http://127.0.0.1:{free_port()}/perizinan/v1"  # nothing listens there
    code = main(["test", str(APP / "openapi.yaml"), "--base-url", closed, "--time-limit", "20", "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 1
    assert "KON011" in out
