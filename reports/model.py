"""The report's view model: everything a renderer shows, already chosen, ordered and translated.

Renderers (and templates) hold no logic beyond iterating this model: what to show, in which
language, in which order is decided here once, for text, Markdown and HTML alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from reports.i18n import label, labels
from rules.base import Category, Severity
from rules.contract_run import ContractRun
from rules.i18n import Lang
from rules.profile import Profile
from rules.result import Assessment, Finding, RuleOutcome

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """User text without control characters (a description may carry terminal escape sequences)."""
    return _CONTROL.sub("", text)


CATEGORY_ORDER = (
    Category.VALIDITY,
    Category.INTEROPERABILITY,
    Category.SECURITY,
    Category.SUSTAINABILITY,
    Category.DOCUMENTATION,
    Category.CONTRACT,
    Category.CHANGE,
)


@dataclass(frozen=True, slots=True)
class SnippetLine:
    number: int
    text: str
    target: bool


@dataclass(frozen=True, slots=True)
class FindingView:
    rule: str
    name: str
    title: str
    severity: str
    severity_label: str
    category: str
    message: str
    file: str
    pointer: str
    line: int
    column: int
    location: str
    waived: bool
    waiver_reason: str
    fix: str
    snippet: tuple[SnippetLine, ...]


@dataclass(frozen=True, slots=True)
class RuleView:
    id: str
    name: str
    title: str
    category: str
    category_label: str
    severity: str
    severity_label: str
    status: str
    status_label: str
    findings: int
    waived: int
    rationale: str
    fix: str
    references: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CategoryView:
    key: str
    label: str
    scored: bool
    score: float | None
    score_text: str
    rules_passed: int
    rules_run: int
    findings: tuple[FindingView, ...]
    active_findings: int
    #: Findings left out of ``findings`` by ``build(..., max_per_category=...)``.
    hidden: int = 0
    #: A sentence about the category's input: for contract tests, which run, when, how far it got.
    note: str = ""


@dataclass(frozen=True, slots=True)
class Row:
    key: str
    value: str


@dataclass(frozen=True, slots=True)
class ReportView:
    lang: str
    t: dict[str, str]
    tool_version: str
    generated_at: str
    duration: str
    title: str
    api_version: str
    openapi: str
    root: str
    files: int
    operations: int
    profile: str
    fail_on: str
    verdict: str
    passed: bool
    verdict_label: str
    overall_score: str
    index: str
    level: int
    level_label: str
    level_note: str
    counts: tuple[Row, ...]
    waived: int
    metrics: tuple[Row, ...]
    metadata: tuple[Row, ...]
    categories: tuple[CategoryView, ...]
    rules: tuple[RuleView, ...]
    findings_total: int
    extra: dict[str, Any] = field(default_factory=dict)


def _score_text(score: float | None, lang: Lang) -> str:
    return "—" if score is None else f"{score:.1f}"


def _finding_view(f: Finding, lang: Lang, rules: dict[str, RuleOutcome]) -> FindingView:
    outcome = rules.get(f.rule)
    rule = outcome.rule if outcome else None
    return FindingView(
        rule=f.rule,
        name=f.name,
        title=rule.title.get(lang) if rule else f.name,
        severity=f.severity.value,
        severity_label=f.severity.label.get(lang),
        category=f.category.value,
        message=clean(f.message.get(lang)),
        file=clean(f.file),
        pointer=clean(f.pointer or "/"),
        line=f.line,
        column=f.column,
        location=clean(f"{f.file}:{f.line}:{f.column}"),
        waived=f.waived,
        waiver_reason=clean(f.waiver_reason or ""),
        fix=rule.fix.get(lang) if rule else "",
        snippet=tuple(SnippetLine(n, clean(text), n == f.line) for n, text in f.snippet),
    )


def _flatten(value: Any, prefix: str = "") -> list[Row]:
    rows: list[Row] = []
    if isinstance(value, dict):
        for key, item in value.items():
            rows.extend(_flatten(item, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(value, list) and value and all(not isinstance(v, dict | list) for v in value):
        rows.append(Row(clean(prefix), clean(", ".join(str(v) for v in value))))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            rows.extend(_flatten(item, f"{prefix}[{i}]"))
    else:
        rows.append(Row(clean(prefix), "" if value is None else clean(str(value))))
    return rows


def _contract_note(run: ContractRun | None, lang: Lang) -> str:
    """Which run the contract rules judged: a reassessment carries the last run, so say when it was."""
    if run is None:
        return ""
    at = run.at.replace("T", " ").replace("+00:00", " UTC") if run.at else label("unknown_time", lang)
    note = label("contract_note", lang).format(
        at=at, url=clean(run.base_url), tested=run.operations_tested, total=run.operations_total, requests=run.requests
    )
    if run.untested:
        note += " " + label("contract_untested", lang).format(count=len(run.untested))
    return note


def build(assessment: Assessment, lang: Lang = "id", *, max_per_category: int | None = None) -> ReportView:
    """The view model; ``max_per_category`` keeps a web page light (the most severe findings first)."""
    outcomes = {o.rule.id: o for o in assessment.outcomes}
    findings = [_finding_view(f, lang, outcomes) for f in assessment.findings]
    sev_rank = {s.value: s.rank for s in Severity}
    categories = []
    for category in CATEGORY_ORDER:
        in_cat = sorted(
            (f for f in findings if f.category == category.value),
            key=lambda f: (f.waived, -sev_rank[f.severity], f.rule, f.file, f.line, f.column),
        )
        ran = [o for o in assessment.outcomes if o.rule.category is category and o.status in ("passed", "failed")]
        if category in (Category.CONTRACT, Category.CHANGE) and not ran:
            continue  # no contract run or no baseline: nothing to show, not a category that failed
        cat_score = assessment.score.categories.get(category)
        categories.append(
            CategoryView(
                key=category.value,
                label=category.label.get(lang),
                scored=category.scored,
                score=cat_score,
                score_text=_score_text(cat_score, lang) if category.scored else label("not_scored", lang),
                rules_passed=sum(1 for o in ran if o.status == "passed"),
                rules_run=len(ran),
                findings=tuple(in_cat[:max_per_category]),
                active_findings=sum(1 for f in in_cat if not f.waived),
                hidden=max(0, len(in_cat) - max_per_category) if max_per_category is not None else 0,
                note=_contract_note(assessment.contract, lang) if category is Category.CONTRACT else "",
            )
        )
    rules = tuple(
        RuleView(
            id=o.rule.id,
            name=o.rule.name,
            title=o.rule.title.get(lang),
            category=o.rule.category.value,
            category_label=o.rule.category.label.get(lang),
            severity=o.severity.value,
            severity_label=o.severity.label.get(lang),
            status=o.status,
            status_label=label(f"status_{o.status}", lang),
            findings=o.findings,
            waived=o.waived,
            rationale=o.rule.rationale.get(lang),
            fix=o.rule.fix.get(lang),
            references=o.rule.references,
        )
        for o in assessment.outcomes
    )
    score = assessment.score
    counts = assessment.counts()
    doc = assessment.document
    note = ""
    if score.capped_by:
        note = label(f"capped_{score.capped_by}", lang)
    metrics = []
    if "documentation_coverage" in assessment.metrics:
        metrics.append(Row(label("doc_coverage", lang), f"{assessment.metrics['documentation_coverage']:.1f}%"))
    return ReportView(
        lang=lang,
        t=labels(lang),
        tool_version=assessment.tool_version,
        generated_at=assessment.generated_at.strftime("%Y-%m-%d %H:%M:%S UTC"),
        duration=f"{assessment.duration_ms / 1000:.2f} s",
        title=clean(doc.title or doc.root),
        api_version=clean(doc.api_version or "—"),
        openapi=doc.openapi or "—",
        root=doc.root,
        files=len(doc.files),
        operations=doc.operations,
        # The built-in profile's name is a word ("bawaan"): said in the report's language.
        profile=label("default_profile", lang) if assessment.profile == Profile().name else assessment.profile,
        fail_on=assessment.fail_on.label.get(lang),
        verdict=assessment.verdict,
        passed=assessment.verdict == "pass",
        verdict_label=label(assessment.verdict, lang),
        overall_score=_score_text(score.overall, lang),
        index="—" if score.index is None else f"{score.index:.2f}",
        level=score.level,
        level_label=score.level_label.get(lang),
        level_note=note,
        counts=tuple(Row(s.label.get(lang), str(counts[s.value])) for s in Severity),
        waived=counts["waived"],
        metrics=tuple(metrics),
        metadata=tuple(_flatten(doc.x_spbe)) if doc.x_spbe else (),
        categories=tuple(categories),
        rules=rules,
        findings_total=len(findings),
    )
