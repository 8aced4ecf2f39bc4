"""The diff as SARIF 2.1.0, for code scanning: one result per breaking change or deprecation.

Compatible changes are not problems to scan for; they are in the other formats. Each result sits
at its place in the new document, with the place in the old one as a related location (under
the ``BASELINE`` base, since both documents may have files of the same name).
"""

from __future__ import annotations

import hashlib
from typing import Any

import orjson

from reports.diff import FailOn, verdict
from reports.sarif import INFORMATION_URI, SARIF_SCHEMA
from rules.changes.kinds import KINDS
from rules.changes.model import Change, ChangeSeverity, Comparison
from rules.i18n import Lang, Text

_LEVEL = {ChangeSeverity.BREAKING: "error", ChangeSeverity.DEPRECATION: "warning"}
_OLD = Text("Di versi lama", "In the old version")


def _fingerprint(change: Change) -> str:
    key = "\x00".join((change.kind, change.new.file, change.new.pointer, change.old.file, change.old.pointer))
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _location(file: str, line: int, column: int, pointer: str, base: str | None = None) -> dict[str, Any]:
    artifact: dict[str, Any] = {"uri": file.replace("\\", "/")}
    if base:
        artifact["uriBaseId"] = base
    return {
        "physicalLocation": {
            "artifactLocation": artifact,
            "region": {"startLine": max(line, 1), "startColumn": max(column, 1)},
        },
        "logicalLocations": [{"fullyQualifiedName": pointer or "/", "kind": "member"}],
    }


def as_dict(comparison: Comparison, lang: Lang, *, fail_on: FailOn, tool_version: str) -> dict[str, Any]:
    kinds = list(KINDS.values())
    index = {kind.id: i for i, kind in enumerate(kinds)}
    descriptors = [
        {
            "id": kind.id,
            "name": kind.id,
            "shortDescription": {"text": kind.title.get(lang)},
            "defaultConfiguration": {"level": "error" if kind.can_break else "note"},
            "properties": {"tags": ["spbe", "breaking-change"] if kind.can_break else ["spbe"]},
        }
        for kind in kinds
    ]
    results = []
    for change in comparison.changes:
        level = _LEVEL.get(change.severity)
        if level is None:
            continue
        old = _location(change.old.file, change.old.line, change.old.column, change.old.pointer, "BASELINE")
        old["message"] = {"text": _OLD.get(lang)}
        results.append(
            {
                "ruleId": change.kind,
                "ruleIndex": index[change.kind],
                "level": level,
                "message": {"text": change.message.get(lang)},
                "locations": [_location(change.new.file, change.new.line, change.new.column, change.new.pointer)],
                "relatedLocations": [{"id": 1, **old}],
                "partialFingerprints": {"spbeGateDiff/v1": _fingerprint(change)},
                "properties": {"severity": change.severity.value, "operations": list(change.operations)},
            }
        )
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "spbe-gate diff",
                        "version": tool_version,
                        "semanticVersion": tool_version,
                        "informationUri": INFORMATION_URI,
                        "rules": descriptors,
                    }
                },
                "language": lang,
                "originalUriBaseIds": {"BASELINE": {"description": {"text": comparison.old.root}}},
                "artifacts": [{"location": {"uri": path}} for path in comparison.new.files],
                "results": results,
                "properties": {"verdict": verdict(comparison, fail_on), "summary": comparison.counts()},
            }
        ],
    }


def render(comparison: Comparison, lang: Lang, *, fail_on: FailOn, tool_version: str) -> str:
    data = as_dict(comparison, lang, fail_on=fail_on, tool_version=tool_version)
    return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n"
