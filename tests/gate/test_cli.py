"""The spbe-gate command: exit codes, formats, languages, files, profiles."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gate.cli import main

CASES = Path(__file__).resolve().parents[1] / "rules" / "cases"
INVALID = CASES / "VAL002" / "bad.yaml"
GOOD = """openapi: 3.0.3
info: {title: Layanan, version: 1.0.0}
servers:
  - url: https://api.contohkab.go.id/layanan/v1
paths:
  /izin:
    get:
      responses:
        "200": {description: Daftar izin}
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse's own usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def lenient_profile(tmp_path: Path) -> Path:
    """Turns every rule except IOP001 off, so a small document can pass."""
    from rules.registry import all_rules

    lines = ["name: hanya IOP001", "rules:"] + [f"  {r.id}: off" for r in all_rules() if r.id != "IOP001"]
    path = tmp_path / "profile.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_invalid_document_exits_1_with_findings(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(INVALID), "--color", "never")
    assert code == 1
    assert "VAL002" in out and "TIDAK LULUS" in out and "bad.yaml:14:9" in out


def test_passing_document_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "openapi.yaml").write_text(GOOD)
    code, out, _ = run(capsys, "check", str(tmp_path), "--profile", str(lenient_profile(tmp_path)), "--lang", "en")
    assert code == 0, out
    assert "PASSED" in out


def test_unreadable_document_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "openapi.yaml").write_text("openapi: [\n")
    code, out, _ = run(capsys, "check", str(tmp_path / "openapi.yaml"), "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["verdict"] == "fail" and report["findings"][0]["rule"] == "VAL001"
    assert report["level"]["value"] == 1


@pytest.mark.parametrize(
    "args",
    [
        ("check", "no/such/file.yaml"),
        ("check", "."),  # a folder without openapi.yaml
        ("check", str(INVALID), "--format", "pdf"),
        ("check", str(INVALID), "--fail-on", "hint"),
        ("check",),
        ("frobnicate",),
        (),
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], args: tuple[str, ...]) -> None:
    code, _, err = run(capsys, *args)
    assert code == 2
    assert "Traceback" not in err


def test_bad_profile_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text("rules:\n  NOPE001: off\n")
    code, _, err = run(capsys, "check", str(INVALID), "--profile", str(profile))
    assert code == 2 and "NOPE001" in err


def test_output_file_and_unwritable_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "laporan.json"
    code, out, _ = run(capsys, "check", str(INVALID), "--format", "json", "--output", str(target))
    assert code == 1 and out == ""
    assert json.loads(target.read_text())["summary"]["error"] >= 3
    code, _, err = run(capsys, "check", str(INVALID), "--output", str(tmp_path / "missing" / "x.txt"))
    assert code == 2 and "x.txt" in err


def test_fail_on_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "openapi.yaml").write_text(
        GOOD.replace("  /izin:\n    get:", "  /izin:\n    get:\n      summary: a\n      summary: b")
    )
    profile = lenient_profile(tmp_path)
    profile.write_text(profile.read_text().replace("  VAL008: off\n", ""))
    assert run(capsys, "check", str(tmp_path), "--profile", str(profile))[0] == 0  # VAL008 is a warning
    assert run(capsys, "check", str(tmp_path), "--profile", str(profile), "--fail-on", "warning")[0] == 1


def test_english_and_indonesian(capsys: pytest.CaptureFixture[str]) -> None:
    _, out_id, _ = run(capsys, "check", str(INVALID), "--color", "never")
    _, out_en, _ = run(capsys, "check", str(INVALID), "--lang", "en", "--color", "never")
    assert "properti wajib 'description' tidak ada" in out_id
    assert "required property 'description' is missing" in out_en


def test_colour_only_when_asked(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\033[" not in run(capsys, "check", str(INVALID))[1]  # not a terminal
    assert "\033[" in run(capsys, "check", str(INVALID), "--color", "always")[1]


def test_rules_listing(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "--format", "json")
    assert code == 0
    rules = json.loads(out)["rules"]
    assert {r["id"] for r in rules} >= {"VAL001", "IOP001"}
    first = rules[0]
    assert set(first["title"]) == {"id", "en"} and first["rationale"]["id"] and first["fix"]["en"]
    code, out, _ = run(capsys, "rules")
    assert code == 0 and "versioned-base-path" in out


def test_console_script_exit_codes(tmp_path: Path) -> None:
    """The installed entry point, as CI would call it."""
    result = subprocess.run([sys.executable, "-m", "gate", "check", str(INVALID)], capture_output=True, text=True)
    assert result.returncode == 1 and "VAL002" in result.stdout
    result = subprocess.run(
        [sys.executable, "-m", "gate", "check", str(tmp_path / "x.yaml")], capture_output=True, text=True
    )
    assert result.returncode == 2 and "x.yaml" in result.stderr and "Traceback" not in result.stderr


DIFF = Path(__file__).resolve().parents[1] / "reports" / "data" / "diff"


def test_diff_exit_codes_and_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "diff", str(DIFF / "old"), str(DIFF / "new"), "--lang", "en")
    assert code == 1 and "Breaking (" in out and "path-removed" in out and "skema/izin.yaml" in out
    code, out, _ = run(capsys, "diff", str(DIFF / "old"), str(DIFF / "old"), "--format", "json")
    assert code == 0 and json.loads(out)["summary"] == {"breaking": 0, "deprecation": 0, "compatible": 0}
    old, new = tmp_path / "lama.yaml", tmp_path / "baru.yaml"
    old.write_text(GOOD)
    new.write_text(GOOD.replace("      responses:", "      parameters: [{name: batas, in: query}]\n      responses:"))
    code, out, _ = run(capsys, "diff", str(old), str(new), "--format", "markdown")
    assert code == 0 and "parameter-added" in out
    code, _, _ = run(capsys, "diff", str(old), str(new), "--fail-on", "any")
    assert code == 1


def test_diff_usage_and_unreadable_documents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "diff", str(tmp_path / "nope.yaml"), str(DIFF / "new"))
    assert code == 2 and "nope.yaml" in err
    broken = tmp_path / "rusak.yaml"
    broken.write_text("openapi: [\n")
    code, out, err = run(capsys, "diff", str(broken), str(DIFF / "new"), "--lang", "en")
    assert code == 1 and out == "" and "rusak.yaml:2" in err and "Traceback" not in err


def test_check_with_a_baseline_runs_the_change_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad, baseline = CASES / "CHG001" / "bad.yaml", CASES / "CHG001" / "baseline.yaml"
    code, out, _ = run(capsys, "check", str(bad), "--format", "json")
    assert not [f for f in json.loads(out)["findings"] if f["category"] == "change"]
    code, out, _ = run(capsys, "check", str(bad), "--baseline", str(baseline), "--format", "json")
    report = json.loads(out)
    assert code == 1 and {f["rule"] for f in report["findings"] if f["category"] == "change"} == {"CHG001", "CHG007"}
    assert report["score"]["categories"]["change"] is not None
    code, _, err = run(capsys, "check", str(bad), "--baseline", str(tmp_path / "x.yaml"))
    assert code == 2 and "x.yaml" in err
    broken = tmp_path / "rusak.yaml"
    broken.write_text("openapi: [\n")
    code, _, err = run(capsys, "check", str(bad), "--baseline", str(broken), "--lang", "en")
    assert code == 2 and "--baseline cannot be read" in err
