"""The JSON report: a documented, versioned schema (reports/schema/report-v1.json) for CI and the service.

The service stores the *archive* form (``archive=True``): each finding also carries its message in
both languages and its source snippet, so ``from_dict`` can give back an ``Assessment`` that the
view model renders in either language without the engine running again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson

from rules.base import Category, Severity
from rules.contract_run import ContractRun
from rules.i18n import Lang, Text
from rules.registry import get_rule
from rules.result import Assessment, DocumentInfo, FileInfo, Finding, RuleOutcome, Score

SCHEMA_VERSION = "1.0"
SCHEMA_ID = "https://spbe-gate.go.id/schema/report-v1.json"


def as_dict(assessment: Assessment, lang: Lang = "id", *, archive: bool = False) -> dict[str, Any]:
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
        "findings": [_finding(f, lang, archive) for f in assessment.findings],
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
        "contract": assessment.contract.as_dict() if assessment.contract else None,
    }


def _finding(f: Finding, lang: Lang, archive: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
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
    if archive:
        out["messages"] = f.message.as_dict()
        out["snippet"] = [list(line) for line in f.snippet]
    return out


def from_dict(data: dict[str, Any]) -> Assessment:
    """The ``Assessment`` an archived report records (messages in one language if not archived).

    Rules no longer in the rulebook keep their findings but lose their outcome row.
    """
    doc = data["document"]
    findings = tuple(
        Finding(
            rule=f["rule"],
            name=f["name"],
            category=Category(f["category"]),
            severity=Severity(f["severity"]),
            message=Text(**f["messages"]) if "messages" in f else Text(f["message"], f["message"]),
            file=f["file"],
            pointer=f["pointer"],
            line=f["line"],
            column=f["column"],
            document_pointer=f.get("document_pointer", ""),
            waived=f["waived"],
            waiver_reason=f.get("waiver_reason"),
            snippet=tuple((int(n), str(text)) for n, text in f.get("snippet", ())),
        )
        for f in data["findings"]
    )
    outcomes = []
    for o in data["rules"]:
        rule = get_rule(o["id"])
        if rule is not None:
            outcomes.append(RuleOutcome(rule, Severity(o["severity"]), o["status"], o["findings"], o["waived"]))
    score, level = data["score"], data["level"]
    return Assessment(
        tool_version=data["tool"]["version"],
        generated_at=datetime.fromisoformat(data["generated_at"]),
        profile=data["profile"],
        fail_on=Severity(data["fail_on"]),
        document=DocumentInfo(
            root=doc["root"],
            files=tuple(FileInfo(f["path"], f["sha256"], f["bytes"]) for f in doc["files"]),
            openapi=doc["openapi"],
            title=doc["title"],
            api_version=doc["version"],
            operations=doc["operations"],
            x_spbe=doc["x_spbe"],
        ),
        findings=findings,
        outcomes=tuple(outcomes),
        score=Score(
            overall=score["overall"],
            categories={Category(k): v for k, v in score["categories"].items()},
            index=level["index"],
            level=level["value"],
            capped_by=level["capped_by"],
        ),
        verdict=data["verdict"],
        metrics=dict(data["metrics"]),
        duration_ms=data["duration_ms"],
        contract=ContractRun.from_dict(data["contract"]) if data.get("contract") else None,
    )


def render(assessment: Assessment, lang: Lang = "id") -> str:
    return orjson.dumps(as_dict(assessment, lang), option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS).decode() + "\n"
