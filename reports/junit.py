"""JUnit XML for CI dashboards: one test suite per category, one test case per rule.

A rule with an active error or warning finding is a failure; info and hint findings are
written to the case's output; disabled or not-applicable rules are skipped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from reports.i18n import label
from reports.model import CATEGORY_ORDER, clean
from rules.base import Severity
from rules.i18n import Lang
from rules.result import Assessment, Finding

_FAILING = (Severity.ERROR, Severity.WARNING)


def _line(f: Finding, lang: Lang) -> str:
    waived = f" [{label('waived', lang)}: {clean(f.waiver_reason or '')}]" if f.waived else ""
    severity = f.severity.label.get(lang)
    return f"{f.file}:{f.line}:{f.column} {f.pointer or '/'} [{severity}] {clean(f.message.get(lang))}{waived}"


def render(assessment: Assessment, lang: Lang = "id") -> str:
    by_rule: dict[str, list[Finding]] = {}
    for f in assessment.findings:
        by_rule.setdefault(f.rule, []).append(f)
    seconds = f"{assessment.duration_ms / 1000:.3f}"
    root = ET.Element("testsuites", name="spbe-gate", time=seconds)
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for category in CATEGORY_ORDER:
        outcomes = [o for o in assessment.outcomes if o.rule.category is category]
        if not outcomes:
            continue
        suite = ET.SubElement(root, "testsuite", name=f"spbe-gate.{category.value}")
        counts = {"tests": 0, "failures": 0, "skipped": 0}
        for outcome in outcomes:
            rule = outcome.rule
            case = ET.SubElement(
                suite, "testcase", classname=f"spbe-gate.{category.value}", name=f"{rule.id} {rule.name}"
            )
            counts["tests"] += 1
            if outcome.status not in ("passed", "failed"):
                ET.SubElement(case, "skipped", message=outcome.status)
                counts["skipped"] += 1
                continue
            findings = by_rule.get(rule.id, [])
            failing = [f for f in findings if f.active and f.severity in _FAILING]
            if failing:
                counts["failures"] += 1
                failure = ET.SubElement(
                    case,
                    "failure",
                    message=f"{len(failing)} × {clean(rule.title.get(lang))}",
                    type=failing[0].severity.value,
                )
                failure.text = "\n".join(_line(f, lang) for f in failing)
            rest = [f for f in findings if f not in failing]
            if rest:
                ET.SubElement(case, "system-out").text = "\n".join(_line(f, lang) for f in rest)
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        suite.set("errors", "0")
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
