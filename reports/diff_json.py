"""The diff as JSON: a documented, versioned schema (reports/schema/diff-v1.json) for CI."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson

from reports.diff import FailOn, verdict
from rules.changes.model import Change, Comparison, Place, Side
from rules.i18n import Lang

SCHEMA_VERSION = "1.0"
SCHEMA_ID = "https://spbe-gate.go.id/schema/diff-v1.json"


def _place(place: Place) -> dict[str, Any]:
    return {
        "file": place.file,
        "pointer": place.pointer,
        "document_pointer": place.document_pointer,
        "line": place.line,
        "column": place.column,
    }


def _side(side: Side) -> dict[str, Any]:
    return {
        "root": side.root,
        "files": list(side.files),
        "openapi": side.openapi,
        "title": side.title,
        "version": side.api_version,
        "operations": side.operations,
        "base_paths": list(side.base_paths),
        "major": side.major,
    }


def _change(change: Change, lang: Lang) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "severity": change.severity.value,
        "message": change.message.get(lang),
        "direction": change.direction or None,
        "operations": list(change.operations),
        "old": _place(change.old),
        "new": _place(change.new),
        "deprecated": change.deprecated,
        "sunset": change.sunset,
        "new_sunset": change.new_sunset,
    }


def as_dict(
    comparison: Comparison, lang: Lang, *, fail_on: FailOn, generated_at: datetime, tool_version: str
) -> dict[str, Any]:
    return {
        "$schema": SCHEMA_ID,
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "spbe-gate", "version": tool_version},
        "generated_at": generated_at.isoformat(timespec="seconds"),
        "lang": lang,
        "fail_on": fail_on,
        "verdict": verdict(comparison, fail_on),
        "summary": comparison.counts(),
        "major_version_raised": comparison.major_version_raised,
        "old": _side(comparison.old),
        "new": _side(comparison.new),
        "changes": [_change(c, lang) for c in comparison.changes],
        "duration_ms": comparison.duration_ms,
    }


def render(comparison: Comparison, lang: Lang, *, fail_on: FailOn, generated_at: datetime, tool_version: str) -> str:
    data = as_dict(comparison, lang, fail_on=fail_on, generated_at=generated_at, tool_version=tool_version)
    return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n"
