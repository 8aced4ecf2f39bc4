"""SARIF 2.1.0, for code-scanning tools (GitHub, GitLab, SonarQube, VS Code's SARIF viewer).

Rule metadata comes from the registry, the one source of it; waived findings are kept as
results with an in-source suppression, so a waiver is visible and never a silent drop.
"""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import quote

import orjson

from rules.base import Severity
from rules.i18n import Lang
from rules.registry import all_rules
from rules.result import Assessment

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/spbe-gate/spbe-gate"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note", Severity.HINT: "note"}


def _fingerprint(rule: str, file: str, pointer: str) -> str:
    return hashlib.sha256(f"{rule}\x00{file}\x00{pointer}".encode()).hexdigest()[:32]


def _uri(uri_base: str, file: str) -> str:
    """A file's location for code scanning: relative to the repository root (``uri_base`` is the
    document's folder there), percent-encoded as a URI reference must be."""
    return uri_base + quote(file.replace("\\", "/"), safe="/")


def as_dict(assessment: Assessment, lang: Lang = "id", uri_base: str = "") -> dict[str, Any]:
    rules = all_rules()
    index = {rule.id: i for i, rule in enumerate(rules)}
    descriptors = [
        {
            "id": rule.id,
            "name": rule.name,
            "shortDescription": {"text": rule.title.get(lang)},
            "fullDescription": {"text": rule.rationale.get(lang)},
            "help": {"text": rule.fix.get(lang), "markdown": rule.fix.get(lang)},
            **({"helpUri": rule.references[0]} if rule.references else {}),
            "defaultConfiguration": {"level": _LEVEL[rule.severity]},
            "properties": {"category": rule.category.value, "tags": ["spbe", rule.category.value]},
        }
        for rule in rules
    ]
    results = []
    for f in assessment.findings:
        result: dict[str, Any] = {
            "ruleId": f.rule,
            "level": _LEVEL[f.severity],
            "message": {"text": f.message.get(lang)},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(uri_base, f.file), **_base_id(uri_base)},
                        "region": {"startLine": max(f.line, 1), "startColumn": max(f.column, 1)},
                    },
                    "logicalLocations": [{"fullyQualifiedName": f.pointer or "/", "kind": "member"}],
                }
            ],
            "partialFingerprints": {"spbeGate/v1": _fingerprint(f.rule, f.file, f.pointer)},
            "properties": {"category": f.category.value, "severity": f.severity.value},
        }
        if f.rule in index:
            result["ruleIndex"] = index[f.rule]
        if f.waived:
            result["suppressions"] = [{"kind": "inSource", "justification": f.waiver_reason or ""}]
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "spbe-gate",
                        "version": assessment.tool_version,
                        "semanticVersion": assessment.tool_version,
                        "informationUri": INFORMATION_URI,
                        "rules": descriptors,
                    }
                },
                "language": lang,
                "artifacts": [
                    {"location": {"uri": _uri(uri_base, file.path), **_base_id(uri_base)}}
                    for file in assessment.document.files
                ],
                "results": results,
                "properties": {
                    "verdict": assessment.verdict,
                    "level": assessment.score.level,
                    "score": assessment.score.overall,
                },
            }
        ],
    }


def _base_id(uri_base: str) -> dict[str, str]:
    """Relative URIs are relative to the checkout (``%SRCROOT%``, as GitHub code scanning reads them)."""
    return {} if uri_base.startswith("file:") else {"uriBaseId": "%SRCROOT%"}


def render(assessment: Assessment, lang: Lang = "id", uri_base: str = "") -> str:
    return orjson.dumps(as_dict(assessment, lang, uri_base), option=orjson.OPT_INDENT_2).decode() + "\n"
