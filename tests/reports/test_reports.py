"""Every report format: golden files, schema and structure checks, escaping of hostile text.

Set SPBE_GATE_UPDATE_GOLD=1 to rewrite the golden files after an intended change, then review
the diff.
"""

from __future__ import annotations

import dataclasses
import json
import os
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import jsonschema_rs
import pytest
from markupsafe import escape

from reports import FORMATS, render
from rules.base import Severity
from rules.engine import assess_path
from rules.registry import all_rules
from rules.result import Assessment
from tests.helpers import TODAY

HERE = Path(__file__).parent
DOC = HERE / "data" / "openapi.yaml"
GOLD = HERE / "gold"
SCHEMA = json.loads((HERE.parents[1] / "reports" / "schema" / "report-v1.json").read_text())
SUFFIX = {"text": "txt", "json": "json", "sarif": "sarif", "junit": "xml", "html": "html", "markdown": "md"}
RULES = [r for r in all_rules() if r.category.value == "validity" or r.id in ("IOP001", "IOP002", "IOP003", "SEC001")]


def _assessment() -> Assessment:
    a = assess_path(DOC, today=TODAY, rules=RULES)
    # What changes from run to run is fixed, so the golden files compare byte for byte.
    return dataclasses.replace(
        a, generated_at=datetime(2026, 7, 1, 8, 0, tzinfo=UTC), duration_ms=12.5, tool_version="0.0.0"
    )


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_golden(fmt: str, lang: str) -> None:
    out = render(_assessment(), fmt, lang)  # type: ignore[arg-type]
    gold = GOLD / f"report.{lang}.{SUFFIX[fmt]}"
    if os.environ.get("SPBE_GATE_UPDATE_GOLD"):
        gold.write_text(out, encoding="utf-8")
    assert out == gold.read_text(encoding="utf-8")


def test_the_document_has_the_findings_the_reports_need() -> None:
    a = _assessment()
    assert a.verdict == "fail"
    assert any(f.waived for f in a.findings) and any(not f.waived for f in a.findings)


def test_json_report_validates_against_its_schema() -> None:
    validator = jsonschema_rs.validator_for(SCHEMA)
    for path in (DOC, HERE.parents[1] / "examples" / "layanan-perizinan" / "openapi.yaml"):
        for lang in ("id", "en"):
            report = json.loads(render(assess_path(path, today=TODAY), "json", lang))  # type: ignore[arg-type]
            errors = [f"{list(e.instance_path)}: {e.message}" for e in validator.iter_errors(report)]
            assert errors == []


def test_archived_report_gives_back_what_the_engine_found() -> None:
    """The service renders stored reports: the archive form must lose nothing the pages show."""
    from reports import json_report, model

    validator = jsonschema_rs.validator_for(SCHEMA)
    for path in (DOC, HERE.parents[1] / "examples" / "layanan-perizinan" / "openapi.yaml"):
        original = assess_path(path, today=TODAY)
        archived = json.loads(json.dumps(json_report.as_dict(original, archive=True)))
        assert [f"{list(e.instance_path)}: {e.message}" for e in validator.iter_errors(archived)] == []
        restored = json_report.from_dict(archived)
        assert path != DOC or any(f.snippet for f in restored.findings)
        for lang in ("id", "en"):
            assert model.build(restored, lang) == model.build(original, lang)  # type: ignore[arg-type]


def test_html_escapes_everything_from_the_document() -> None:
    html = render(_assessment(), "html", "en")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;dipertahankan&lt;/b&gt;" in html
    assert "\x1b" not in html
    # Self-contained: nothing is fetched from elsewhere.
    assert "<link" not in html and "<script" not in html and "src=" not in html


def test_markdown_cannot_be_injected() -> None:
    md = render(_assessment(), "markdown", "id")
    assert "<script>" not in md and "<b>" not in md
    assert "\\| \\*\\*tebal\\*\\*" in md
    assert "\x1b" not in md


def test_text_report_strips_control_characters() -> None:
    a = _assessment()
    assert "\x1b" in (a.document.title or "")  # the document does carry an escape sequence
    assert "\x1b" not in render(a, "text", "en")


def test_junit_structure() -> None:
    root = ET.fromstring(render(_assessment(), "junit", "en"))
    assert root.tag == "testsuites"
    cases = root.findall("testsuite/testcase")
    assert len(cases) == len(RULES)
    failed = {c.get("name", "").split()[0] for c in cases if c.find("failure") is not None}
    assert {"IOP001", "SEC001"} <= failed
    assert int(root.get("failures", "-1")) == len(failed)
    assert int(root.get("tests", "-1")) == len(cases)


def test_sarif_structure() -> None:
    sarif = json.loads(render(_assessment(), "sarif", "en"))
    assert sarif["version"] == "2.1.0" and sarif["$schema"].endswith("sarif-schema-2.1.0.json")
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.id for r in all_rules()]
    for result in run["results"]:
        assert result["level"] in ("error", "warning", "note", "none")
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert result["message"]["text"]
    suppressed = [r for r in run["results"] if "suppressions" in r]
    assert suppressed and suppressed[0]["suppressions"][0]["justification"]
    # Fingerprints are stable from run to run.
    again = json.loads(render(_assessment(), "sarif", "en"))["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in again] == [r["partialFingerprints"] for r in run["results"]]


# -- what a reader meets (issue 15) ------------------------------------------------------------

LEGACY = HERE.parents[1] / "examples" / "simpeg-lama" / "swagger.yaml"


def _legacy_html(lang: str) -> str:
    return render(assess_path(LEGACY, today=TODAY), "html", lang)  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_rules_fix_is_said_once_however_many_findings_it_has(lang: str) -> None:
    a = assess_path(LEGACY, today=TODAY)
    html = _legacy_html(lang)
    fix = "Cara memperbaiki" if lang == "id" else "How to fix"
    rules = {f.rule for f in a.findings}
    assert len(a.findings) > len(rules)  # some rules found several things
    assert html.count(fix) == len(rules)
    for outcome in a.outcomes:
        if outcome.rule.id in rules:
            parts = outcome.rule.fix.get(lang).split("`")  # type: ignore[arg-type]
            shown = "".join(f"<code>{escape(p)}</code>" if i % 2 else str(escape(p)) for i, p in enumerate(parts))
            assert html.count(shown) == 1, outcome.rule.id


def test_code_in_rule_texts_is_shown_as_code_not_backticks() -> None:
    for lang in ("id", "en"):
        html = _legacy_html(lang)
        assert "`" not in html
        assert "<code>x-spbe</code>" in html  # SUS001's fix
    md = render(assess_path(LEGACY, today=TODAY), "markdown", "en")
    assert "\\`" not in md


def test_metadata_is_shown_in_words_not_keys() -> None:
    html = render(_assessment(), "html", "en")
    assert "anggaran[0]" not in html and "penanggung_jawab" not in html and "True" not in html
    assert "<dt>Budget years</dt><dd>2026, 2027 (APBD)</dd>" in html
    assert "<dt>Uses the local government SSO</dt><dd>yes</dd>" in html
    assert "<dt>Lifecycle</dt><dd>production</dd>" in html
    assert "<dt>Responsible official</dt><dd>Budi Santoso (budi.santoso@contohkab.go.id; Kepala Bidang)</dd>" in html
    assert "<dt><code>x-daerah.kode_wilayah</code></dt><dd>33.01</dd>" in html  # a region's own field, as written
    indonesian = render(_assessment(), "html", "id")
    assert "<dt>Siklus hidup</dt><dd>produksi</dd>" in indonesian and "<dd>ya</dd>" in indonesian


def test_metadata_that_does_not_fit_its_schema_is_shown_as_written() -> None:
    from reports.metadata import metadata_rows

    rows = metadata_rows({"sso": "kadang", "anggaran": 2026, "penanggung_jawab": {"nama": "A", "hp": "1"}}, "en")
    assert [(r.label, r.value, r.raw_key) for r in rows] == [
        ("penanggung_jawab.nama", "A", True),
        ("penanggung_jawab.hp", "1", True),
        ("anggaran", "2026", True),
        ("Uses the local government SSO", "kadang", False),
    ]


def test_counts_and_headings_read_as_sentences() -> None:
    en = render(_assessment(), "html", "en")
    assert "1 file ·" in en and "1 files" not in en
    assert "4 errors · 2 warnings · 0 info · 0 hints" in en
    assert "Score not scored" not in en and "· not scored</span>" in en
    text = render(_assessment(), "text", "en")
    assert "Findings: 4 errors, 2 warnings, 0 info, 0 hints, 1 waived" in text


def test_a_passed_verdict_does_not_read_as_a_failure() -> None:
    good = assess_path(HERE.parents[1] / "examples" / "layanan-perizinan" / "openapi.yaml", today=TODAY)
    assert good.verdict == "pass"
    for lang, words in (("id", "Syarat lulus: tanpa temuan galat"), ("en", "To pass: no error findings")):
        html = render(good, "html", lang)  # type: ignore[arg-type]
        assert words in html and "Gagal pada" not in html and "Fails on" not in html
    strict = dataclasses.replace(good, fail_on=Severity.WARNING)
    assert "(to pass: no error or warning findings)" in render(strict, "text", "en")


def test_no_fix_hint_sends_a_web_user_to_the_readme() -> None:
    for rule in all_rules():
        for lang in ("id", "en"):
            assert "README" not in rule.fix.get(lang), rule.id  # type: ignore[arg-type]
