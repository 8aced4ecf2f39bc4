"""The JSON report: a documented, versioned schema (reports/schema/report-v1.json) for CI and the service."""

from __future__ import annotations

from typing import Any

import orjson

from rules.i18n import Lang
from rules.result import Assessment

SCHEMA_VERSION = "1.0"
SCHEMA_ID = "https://spbe-gate.go.id/schema/report-v1.json"


def as_dict(assessment: Assessment, lang: Lang = "id") -> dict[str, Any]:
    score = assessment.score
    doc = assessment.document
    return {
        "$schema": SCHEMA_ID,
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "spbe-gate", "version": assessment.tool_version},
        "generated_at": assessment.generated_at.isoformat(timespec="seconds"),
        "lang": lang,
        "profile": assessment.profile,
        "fail_on": assessment.fail_on.value,
        "verdict": assessment.verdict,
        "score": {
            "overall": score.overall,
            "categories": {c.value: v for c, v in score.categories.items()},
        },
        "level": {
            "value": score.level,
            "label": score.level_label.get(lang),
            "index": score.index,
            "capped_by": score.capped_by,
        },
        "summary": assessment.counts(),
        "metrics": assessment.metrics,
        "document": {
            "root": doc.root,
            "openapi": doc.openapi,
            "title": doc.title,
            "version": doc.api_version,
            "operations": doc.operations,
            "files": [{"path": f.path, "sha256": f.sha256, "bytes": f.bytes} for f in doc.files],
            "x_spbe": doc.x_spbe,
        },
        "findings": [
            {
                "rule": f.rule,
                "name": f.name,
                "severity": f.severity.value,
                "category": f.category.value,
                "message": f.message.get(lang),
                "file": f.file,
                "pointer": f.pointer,
                "document_pointer": f.document_pointer,
                "line": f.line,
                "column": f.column,
                "waived": f.waived,
                "waiver_reason": f.waiver_reason,
            }
            for f in assessment.findings
        ],
        "rules": [
            {
                "id": o.rule.id,
                "name": o.rule.name,
                "category": o.rule.category.value,
                "severity": o.severity.value,
                "status": o.status,
                "findings": o.findings,
                "waived": o.waived,
            }
            for o in assessment.outcomes
        ],
        "duration_ms": assessment.duration_ms,
    }


def render(assessment: Assessment, lang: Lang = "id") -> str:
    return orjson.dumps(as_dict(assessment, lang), option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS).decode() + "\n"
