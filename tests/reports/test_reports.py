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

from reports import FORMATS, render
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
