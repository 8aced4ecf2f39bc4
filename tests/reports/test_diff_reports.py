"""The diff report in every format: golden files, schema, escaping (``spbe-gate diff``).

Set SPBE_GATE_UPDATE_GOLD=1 to rewrite the golden files after an intended change, then review
the diff. The pair in data/diff is a multi-file document (schemas in skema/*.yaml).
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import jsonschema_rs
import pytest

from reports.diff import DIFF_FORMATS, render_diff
from rules.changes import KINDS, Comparison, compare_paths

HERE = Path(__file__).parent
DATA = HERE / "data" / "diff"
GOLD = HERE / "gold"
SCHEMA = json.loads((HERE.parents[1] / "reports" / "schema" / "diff-v1.json").read_text())
SUFFIX = {"text": "txt", "json": "json", "markdown": "md", "sarif": "sarif"}
FIXED = {"generated_at": datetime(2026, 7, 1, 8, 0, tzinfo=UTC), "tool_version": "0.0.0"}


def _comparison() -> Comparison:
    comparison = compare_paths(DATA / "old" / "openapi.yaml", DATA / "new" / "openapi.yaml")
    comparison.duration_ms = 12.5  # what changes from run to run is fixed
    return comparison


@pytest.mark.parametrize("fmt", DIFF_FORMATS)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_golden(fmt: str, lang: str) -> None:
    out = render_diff(_comparison(), fmt, lang, **FIXED)  # type: ignore[arg-type]
    gold = GOLD / f"diff.{lang}.{SUFFIX[fmt]}"
    if os.environ.get("SPBE_GATE_UPDATE_GOLD"):
        gold.write_text(out, encoding="utf-8")
    assert out == gold.read_text(encoding="utf-8")


def test_the_pair_has_every_severity_and_several_files() -> None:
    counts = _comparison().counts()
    assert counts["breaking"] and counts["deprecation"] and counts["compatible"]
    assert {c.new.file for c in _comparison().changes} >= {"openapi.yaml", "skema/izin.yaml", "skema/permohonan.yaml"}


def test_json_validates_against_its_schema() -> None:
    validator = jsonschema_rs.validator_for(SCHEMA)
    for lang in ("id", "en"):
        for fail_on in ("breaking", "any"):
            report = json.loads(render_diff(_comparison(), "json", lang, fail_on=fail_on))  # type: ignore[arg-type]
            assert [f"{list(e.instance_path)}: {e.message}" for e in validator.iter_errors(report)] == []
    assert set(SCHEMA["$defs"]["change"]["properties"]["kind"]["enum"]) == set(KINDS)


def test_fail_on_any_fails_on_a_compatible_change_only() -> None:
    comparison = compare_paths(DATA / "old" / "openapi.yaml", DATA / "old" / "openapi.yaml")
    assert json.loads(render_diff(comparison, "json", fail_on="any"))["verdict"] == "pass"
    compatible = _comparison()
    compatible.changes = tuple(c for c in compatible.changes if not c.breaking)
    assert json.loads(render_diff(compatible, "json", fail_on="breaking"))["verdict"] == "pass"
    assert json.loads(render_diff(compatible, "json", fail_on="any"))["verdict"] == "fail"


def test_markdown_cannot_be_injected() -> None:
    md = render_diff(_comparison(), "markdown", "id")
    assert "**tebal**" not in md and "\\*\\*tebal\\*\\*" in md


def test_sarif_structure() -> None:
    sarif = json.loads(render_diff(_comparison(), "sarif", "en"))
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(KINDS)
    results = run["results"]
    comparison = _comparison()
    assert len(results) == comparison.counts()["breaking"] + comparison.counts()["deprecation"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning")
        assert result["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
        assert result["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "BASELINE"
    assert len({r["partialFingerprints"]["spbeGateDiff/v1"] for r in results}) == len(results)
