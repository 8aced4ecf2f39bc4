"""Profiles tune the rulebook without code; waivers in the document are kept, never silently dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from rules.base import Severity
from rules.engine import assess_path
from rules.profile import Profile, ProfileError, load_profile, parse_profile
from rules.registry import rules_by_id
from tests.helpers import TODAY

KNOWN = rules_by_id()
UNVERSIONED = """openapi: 3.0.3
info: {title: Layanan, version: 1.0.0}
servers:
  - url: https://api.contohkab.go.id/layanan
paths:
  /izin:
    get:
      responses:
        "200": {description: Daftar izin}
"""


def doc(tmp_path: Path, text: str = UNVERSIONED) -> Path:
    path = tmp_path / "openapi.yaml"
    path.write_text(text)
    return path


def only(*ids: str) -> list[type]:
    return [KNOWN[i] for i in ids]


def test_default_profile_fails_on_error(tmp_path: Path) -> None:
    a = assess_path(doc(tmp_path), today=TODAY, rules=only("IOP001"))
    assert a.verdict == "fail"
    assert [f.rule for f in a.findings] == ["IOP001"]


def test_profile_disables_and_changes_severity(tmp_path: Path) -> None:
    off = parse_profile({"rules": {"IOP001": "off"}}, KNOWN)
    a = assess_path(doc(tmp_path), off, today=TODAY, rules=only("IOP001"))
    assert (a.verdict, a.findings, a.outcomes[0].status) == ("pass", (), "disabled")
    softer = parse_profile({"rules": {"versioned-base-path": {"severity": "warning"}}}, KNOWN)
    a = assess_path(doc(tmp_path), softer, today=TODAY, rules=only("IOP001"))
    assert a.verdict == "pass" and a.findings[0].severity is Severity.WARNING
    strict = parse_profile({"fail_on": "warning", "rules": {"IOP001": "warning"}}, KNOWN)
    assert assess_path(doc(tmp_path), strict, today=TODAY, rules=only("IOP001")).verdict == "fail"


def test_profile_options(tmp_path: Path) -> None:
    profile = parse_profile({"rules": {"IOP001": {"options": {"pattern": "/layanan/"}}}}, KNOWN)
    assert profile.options_of(KNOWN["IOP001"])["pattern"] == "/layanan/"
    assert assess_path(doc(tmp_path), profile, today=TODAY, rules=only("IOP001")).verdict == "pass"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"rules": {"XYZ999": "off"}}, "unknown rule"),
        ({"rules": {"IOP001": "fatal"}}, "not one of"),
        ({"rules": {"IOP001": {"options": {"nope": 1}}}}, "unknown option"),
        ({"rules": {"IOP001": {"options": {"pattern": 3}}}}, "expected a value like"),
        ({"rules": {"IOP001": {"severty": "error"}}}, "unknown keys"),
        ({"fail_on": "info"}, "fail_on must be"),
        ({"weights": {"security": -1}}, ">= 0"),
        ({"weights": {"validity": 10}}, "not scored"),
        ({"limits": {"max_file_bytes": "big"}}, "positive integer"),
        ({"limits": {"max_cats": 3}}, "unknown limit"),
        ({"colour": "red"}, "unknown keys"),
        (["a list"], "is a mapping"),
    ],
)
def test_bad_profiles_are_explained(data: object, message: str) -> None:
    with pytest.raises(ProfileError, match=message):
        parse_profile(data, KNOWN)


def test_profile_file(tmp_path: Path) -> None:
    path = tmp_path / "kab.yaml"
    path.write_text(
        "name: Kabupaten Contoh\nfail_on: warning\nrules:\n  IOP001: {severity: info}\n"
        "limits:\n  max_file_bytes: 1000000\n"
    )
    profile = load_profile(path, KNOWN)
    assert (profile.name, profile.fail_on, profile.limits.max_file_bytes) == (
        "Kabupaten Contoh",
        Severity.WARNING,
        1_000_000,
    )
    path.write_text("rules: [unclosed\n")
    with pytest.raises(ProfileError, match=r"kab\.yaml"):
        load_profile(path, KNOWN)
    with pytest.raises(ProfileError):
        load_profile(tmp_path / "missing.yaml", KNOWN)


def test_a_waiver_keeps_the_finding_marked(tmp_path: Path) -> None:
    text = UNVERSIONED.replace(
        "info: {title: Layanan, version: 1.0.0}\n",
        "info: {title: Layanan, version: 1.0.0}\nx-spbe-ignore:\n  - rule: IOP001\n"
        "    reason: Gateway kabupaten menambahkan /v1.\n",
    )
    a = assess_path(doc(tmp_path, text), today=TODAY, rules=only("IOP001", "VAL009", "VAL010", "VAL011"))
    assert [(f.rule, f.waived, f.waiver_reason) for f in a.findings] == [
        ("IOP001", True, "Gateway kabupaten menambahkan /v1.")
    ]
    assert a.verdict == "pass"
    assert a.counts()["waived"] == 1 and a.counts()["error"] == 0
    assert a.outcomes[0].status == "passed" and a.outcomes[0].waived == 1


def test_a_waiver_only_covers_its_object(tmp_path: Path) -> None:
    text = UNVERSIONED.replace("    get:\n", "    get:\n      x-spbe-ignore: {IOP001: Hanya untuk operasi ini.}\n")
    a = assess_path(doc(tmp_path, text), today=TODAY, rules=only("IOP001"))
    assert [(f.rule, f.waived) for f in a.findings] == [("IOP001", False)]  # the server is not under /paths


@pytest.mark.parametrize(
    ("waiver", "problem"),
    [
        ("  - rule: IOP001\n", "VAL009"),
        ("  - rule: IOP001\n    reason: lama\n    until: 2026-01-31\n", "VAL011"),
        ("  - rule: IOP404\n    reason: tidak ada\n", "VAL010"),
    ],
)
def test_bad_waivers_do_not_waive(tmp_path: Path, waiver: str, problem: str) -> None:
    text = UNVERSIONED.replace("paths:\n", "x-spbe-ignore:\n" + waiver + "paths:\n")
    a = assess_path(doc(tmp_path, text), today=TODAY, rules=only("IOP001", "VAL009", "VAL010", "VAL011"))
    assert sorted((f.rule, f.waived) for f in a.findings) == sorted([("IOP001", False), (problem, False)])
    assert a.verdict == "fail"


def test_validity_findings_cannot_be_waived(tmp_path: Path) -> None:
    text = (
        "openapi: 3.0.3\ninfo: {title: t, version: '1', x-spbe-ignore: {VAL002: coba}}\npaths:\n  /a:\n"
        "    get:\n      x-spbe-ignore: {VAL002: coba}\n      responses:\n        '200': {}\n"
    )
    a = assess_path(doc(tmp_path, text), today=TODAY, rules=only("VAL002"))
    assert [(f.rule, f.waived) for f in a.findings] == [("VAL002", False)]


def test_profile_default_is_named() -> None:
    assert Profile().name == "bawaan"
