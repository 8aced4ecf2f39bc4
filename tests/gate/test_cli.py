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
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
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


@pytest.mark.parametrize(
    ("size", "id_text", "en_text"),
    [
        (1, "1 bita", "1 byte"),
        (512, "512 bita", "512 bytes"),
        (1536, "1,5 KB", "1.5 KB"),
        (20 * 1024 * 1024, "20 MB", "20 MB"),
        (int(31.4 * 1024 * 1024), "31,4 MB", "31.4 MB"),
        (3 * 1024**3, "3 GB", "3 GB"),
    ],
)
def test_sizes_read_the_way_each_language_writes_them(size: int, id_text: str, en_text: str) -> None:
    from rules.i18n import format_size

    assert (format_size(size, "id"), format_size(size, "en")) == (id_text, en_text)


def test_an_oversized_document_is_told_its_real_size(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "openapi.yaml"
    with big.open("wb") as fh:
        fh.write(GOOD.encode())
        fh.truncate(int(31.4 * 1024 * 1024))  # sparse: 31.4 MB on paper, nothing read
    code, out, _ = run(capsys, "check", str(big))
    assert code == 1 and "Berkas berukuran 31,4 MB, melebihi batas 20 MB." in out
    code, out, _ = run(capsys, "check", str(big), "--lang", "en")
    assert code == 1 and "The file is 31.4 MB, over the limit of 20 MB." in out
    # One byte over: the rounded sizes would read the same, so both are exact.
    big.write_bytes(b"a" * 1025)
    profile = tmp_path / "p.yaml"
    profile.write_text("limits: {max_file_bytes: 1024}\n")
    code, out, _ = run(capsys, "check", str(big), "--profile", str(profile))
    assert "Berkas berukuran 1.025 bita, melebihi batas 1.024 bita." in out


def test_profile_errors_speak_the_report_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text("rules:\n  NOPE001: off\n")
    _, _, err = run(capsys, "check", str(INVALID), "--profile", str(profile))
    assert "aturan tidak dikenal 'NOPE001'" in err and "unknown" not in err
    _, _, err = run(capsys, "check", str(INVALID), "--profile", str(profile), "--lang", "en")
    assert "unknown rule 'NOPE001'" in err
    code, _, err = run(capsys, "check", str(INVALID), "--profile", str(tmp_path / "tidak-ada.yaml"))
    assert code == 2 and "berkas tidak ditemukan" in err and "No such file" not in err


def test_rules_listing_words_severity_as_check_does(capsys: pytest.CaptureFixture[str]) -> None:
    out_id = run(capsys, "rules")[1]
    out_en = run(capsys, "rules", "--lang", "en")[1]
    iop001_id = next(line for line in out_id.splitlines() if line.startswith("IOP001"))
    iop001_en = next(line for line in out_en.splitlines() if line.startswith("IOP001"))
    assert iop001_id.split()[1] == "galat" and iop001_en.split()[1] == "error"


def _gate(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The command as a shell runs it: its own process, stdin, stdout and stderr."""
    import os

    return subprocess.run(
        [sys.executable, "-m", "gate", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_reads_the_document_from_standard_input(tmp_path: Path) -> None:
    legacy = EXAMPLES / "simpeg-lama" / "swagger.yaml"
    from_file = _gate("check", str(legacy), "--format", "json")
    from_stdin = _gate("check", "-", "--format", "json", stdin=legacy.read_bytes())
    assert from_stdin.returncode == from_file.returncode == 1, from_stdin.stderr
    a, b = json.loads(from_file.stdout), json.loads(from_stdin.stdout)
    assert [(f["rule"], f["line"]) for f in a["findings"]] == [(f["rule"], f["line"]) for f in b["findings"]]
    assert {f["file"] for f in b["findings"]} == {"-"}
    # Named for the report (and SARIF) when the pipeline knows where it came from.
    named = _gate("check", "-", "--stdin-filename", "api/swagger.yaml", "--format", "sarif", stdin=legacy.read_bytes())
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in json.loads(named.stdout)["runs"][0]["results"]
    }
    assert uris == {"api/swagger.yaml"}
    # No folder: a $ref to another file is a finding, never a read of the current folder.
    (tmp_path / "skema.yaml").write_text("type: object\n")
    doc = GOOD.replace(
        '"200": {description: Daftar izin}',
        '"200": {description: Daftar izin, content: {application/json: {schema: {$ref: "skema.yaml"}}}}',
    )
    result = subprocess.run(
        [sys.executable, "-m", "gate", "check", "-", "--format", "json"],
        input=doc,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 1 and "VAL003" in {f["rule"] for f in json.loads(result.stdout)["findings"]}
    # Bounded: never more than the limit is read.
    profile = tmp_path / "kecil.yaml"
    profile.write_text("limits: {max_file_bytes: 2048}\n")
    big = _gate("check", "-", "--profile", str(profile), stdin=GOOD.encode() * 100)
    assert big.returncode == 1 and "Masukan standar melebihi batas 2 KB." in big.stdout


@pytest.mark.parametrize(
    ("args", "usage", "message"),
    [
        (("check", str(INVALID), "--bogus"), "spbe-gate check", "argumen tidak dikenal: --bogus"),
        (("check", "--bogus"), "spbe-gate check", "argumen berikut wajib diisi: PATH"),
        (("rules", "--format", "pdf"), "spbe-gate rules", "argumen --format/-f: pilihan tidak sah: 'pdf'"),
        (("db", "upgrade", "--now"), "spbe-gate db upgrade", "argumen tidak dikenal: --now"),
        (("serve", "--port", "delapan"), "spbe-gate serve", "argumen --port: nilai int tidak sah: 'delapan'"),
        (("frobnicate",), "spbe-gate [-h]", "argumen COMMAND: pilihan tidak sah: 'frobnicate'"),
    ],
)
def test_a_usage_error_shows_its_sub_commands_usage(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], usage: str, message: str
) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert err.startswith(f"pemakaian: {usage}"), err
    assert err.splitlines()[-1].startswith(f"{usage.split(' [')[0]}: galat: {message}"), err
    code, _, err = run(capsys, *args, "--lang", "en")
    assert code == 2 and err.startswith(f"usage: {usage}") and ": error: " in err


def test_every_command_and_option_has_help_in_both_languages() -> None:
    import argparse

    from gate.cli import build_parser, parsers

    seen = 0
    for parser in parsers(build_parser()):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    assert choice.help and " / " in choice.help, f"{parser.prog} {choice.dest}"
                continue
            where = f"{parser.prog} {'/'.join(action.option_strings) or action.dest}"
            assert action.help and " / " in action.help, where
            seen += 1
    assert seen > 60  # every parser was walked: check, test, rules, serve, worker, db, admin, demo, submit


def test_serve_help_names_its_variables() -> None:
    from gate.cli import build_parser, parsers

    serve = next(p for p in parsers(build_parser()) if p.prog == "spbe-gate serve")
    text = serve.format_help()
    assert "GATE_PORT" in text and "GATE_HOST" in text and "GATE_WORKERS" in text


def test_serve_listens_on_gate_port(tmp_path: Path) -> None:
    """GATE_PORT is a typed setting: serve listens there, and a mistyped value is a clear error."""
    import os
    import time

    import httpx

    from tests.helpers import free_port

    port = free_port()
    env = {**os.environ, "GATE_PORT": str(port), "GATE_DATA_DIR": str(tmp_path / "data"), "GATE_JOB_WORKERS": "1"}
    env.pop("GATE_DATABASE_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "gate", "serve", "--no-access-log"], env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 60
        status = 0
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                status = httpx.get(f"http://127.0.0.1:{port}/api/v1/kesehatan", timeout=1).status_code
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        assert status == 200
    finally:
        proc.terminate()
        proc.wait(20)
    bad = _gate("serve", env={"GATE_PORT": "delapan-ribu", "GATE_DATA_DIR": str(tmp_path / "data")})
    assert bad.returncode == 2 and "GATE_PORT" in bad.stderr and "Traceback" not in bad.stderr


def test_several_documents_get_one_report_each(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """As pre-commit calls it: the changed files in one command; the exit code is the worst."""
    legacy = str(EXAMPLES / "simpeg-lama" / "swagger.yaml")
    good = str(EXAMPLES / "layanan-perizinan" / "openapi.yaml")
    code, out, _ = run(capsys, "check", good, legacy)
    assert code == 1
    assert out.index(f"==> {good} <==") < out.index("LULUS") < out.index(f"==> {legacy} <==")
    assert out.count("Laporan Penilaian SPBE Gate") == 2
    code, out, err = run(capsys, "check", good, str(tmp_path / "tidak-ada.yaml"))
    assert code == 2 and "LULUS" in out and "tidak-ada.yaml" in err  # the other one is still assessed
    assert run(capsys, "check", good, legacy, "--format", "json")[0] == 2  # one JSON document per output


def test_write_adds_reports_of_the_same_assessment(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sarif, junit = tmp_path / "spbe.sarif", tmp_path / "spbe-junit.xml"
    code, out, _ = run(capsys, "check", str(INVALID), "--write", f"sarif={sarif}", "--write", f"junit={junit}")
    assert code == 1 and "VAL002" in out
    results = json.loads(sarif.read_text())["runs"][0]["results"]
    assert "VAL002" in {r["ruleId"] for r in results}
    assert 'name="VAL002 openapi-schema"' in junit.read_text() and "<failure" in junit.read_text()
    code, _, err = run(capsys, "check", str(INVALID), "--write", "pdf=x.pdf")
    assert code == 2 and "--write harus FORMAT=BERKAS" in err


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
