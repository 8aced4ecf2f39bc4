"""The report's view model: everything a renderer shows, already chosen, ordered and translated.

Renderers (and templates) hold no logic beyond iterating this model: what to show, in which
language, in which order is decided here once, for text, Markdown and HTML alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from reports.i18n import counted, label, labels, noun
from reports.metadata import MetaRow, metadata_rows
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
class Span:
    """A piece of a sentence: plain words, or code (a key, a value, a command) set apart."""

    text: str
    code: bool = False


def inline(text: str) -> tuple[Span, ...]:
    """Rule texts mark code the Markdown way (`x-spbe`); the renderers show it as code, never as
    backticks. An odd number of backticks (a response excerpt may hold one) is left as written."""
    parts = text.split("`")
    if len(parts) % 2 == 0:
        return (Span(text),)
    return tuple(Span(part, i % 2 == 1) for i, part in enumerate(parts) if part)


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
    #: ``message`` with its code set apart.
    message_spans: tuple[Span, ...]
    file: str
    pointer: str
    line: int
    column: int
    location: str
    waived: bool
    waiver_reason: str
    snippet: tuple[SnippetLine, ...]
    #: What the snippet is ("Lines 20–26").
    snippet_label: str


@dataclass(frozen=True, slots=True)
class FindingGroup:
    """The findings of one rule in a category: the rule and its fix are said once, then each place
    it found (``waived``: all of them are waived)."""

    rule: str
    title: str
    severity: str
    severity_label: str
    waived: bool
    #: "3 temuan" / "3 findings" ("" for one).
    count: str
    fix: tuple[Span, ...]
    findings: tuple[FindingView, ...]


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
    rationale_spans: tuple[Span, ...]
    fix: str
    references: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CategoryView:
    key: str
    label: str
    scored: bool
    score: float | None
    score_text: str
    #: "Skor 48.6" or "tidak dinilai": what the category's heading says about its score.
    score_line: str
    rules_passed: int
    rules_run: int
    findings: tuple[FindingView, ...]
    #: ``findings`` grouped by rule, in the same order.
    groups: tuple[FindingGroup, ...]
    #: "3 temuan" / "3 findings": how many ``findings`` there are.
    findings_text: str
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
    #: "1 file", "10 operations".
    files_text: str
    operations_text: str
    profile: str
    fail_on: str
    #: What passing requires, in words ("tanpa temuan galat" / "no error findings").
    pass_rule: str
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
    metadata: tuple[MetaRow, ...]
    categories: tuple[CategoryView, ...]
    rules: tuple[RuleView, ...]
    #: "81 aturan" / "81 rules".
    rules_text: str
    findings_total: int
    #: Snippets shown open (a printable report) or folded (a report inside a web page).
    snippets_open: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


def _score_text(score: float | None, lang: Lang) -> str:
    return "—" if score is None else f"{score:.1f}"


def _finding_view(f: Finding, lang: Lang, rules: dict[str, RuleOutcome]) -> FindingView:
    outcome = rules.get(f.rule)
    rule = outcome.rule if outcome else None
    message = clean(f.message.get(lang))
    lines = [n for n, _ in f.snippet]
    return FindingView(
        rule=f.rule,
        name=f.name,
        title=rule.title.get(lang) if rule else f.name,
        severity=f.severity.value,
        severity_label=f.severity.label.get(lang),
        category=f.category.value,
        message=message,
        message_spans=inline(message),
        file=clean(f.file),
        pointer=clean(f.pointer or "/"),
        line=f.line,
        column=f.column,
        location=clean(f"{f.file}:{f.line}:{f.column}"),
        waived=f.waived,
        waiver_reason=clean(f.waiver_reason or ""),
        snippet=tuple(SnippetLine(n, clean(text), n == f.line) for n, text in f.snippet),
        snippet_label=label("snippet", lang).format(start=lines[0], end=lines[-1]) if lines else "",
    )


def _groups(findings: list[FindingView], lang: Lang, rules: dict[str, RuleOutcome]) -> tuple[FindingGroup, ...]:
    """The findings of each rule together, in the order of each rule's first finding (active ones
    come first); the rule's fix is said once."""
    by_rule: dict[str, list[FindingView]] = {}
    for f in findings:
        by_rule.setdefault(f.rule, []).append(f)
    groups = []
    for rule, found in by_rule.items():
        first, outcome = found[0], rules.get(rule)
        groups.append(
            FindingGroup(
                rule=rule,
                title=first.title,
                severity=first.severity,
                severity_label=first.severity_label,
                waived=all(f.waived for f in found),
                count=counted(len(found), "findings", lang) if len(found) > 1 else "",
                fix=inline(outcome.rule.fix.get(lang)) if outcome else (),
                findings=tuple(found),
            )
        )
    return tuple(groups)


def _pass_rule(fail_on: Severity, lang: Lang) -> str:
    """'tanpa temuan galat atau peringatan' / 'no error or warning findings'."""
    names = [s.label.get(lang) for s in sorted(Severity, key=lambda s: -s.rank) if s.rank >= fail_on.rank]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {label('or', lang)} {names[-1]}"
    return label("pass_rule_none", lang).format(severities=listed)


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


def build(
    assessment: Assessment, lang: Lang = "id", *, max_per_category: int | None = None, snippets_open: bool = True
) -> ReportView:
    """The view model; ``max_per_category`` and folded snippets keep a web page light (the most
    severe findings first)."""
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
        shown = in_cat[:max_per_category]
        score_text = _score_text(cat_score, lang) if category.scored else label("not_scored", lang)
        categories.append(
            CategoryView(
                key=category.value,
                label=category.label.get(lang),
                scored=category.scored,
                score=cat_score,
                score_text=score_text,
                score_line=f"{label('score', lang)} {score_text}" if category.scored else score_text,
                rules_passed=sum(1 for o in ran if o.status == "passed"),
                rules_run=len(ran),
                findings=tuple(shown),
                groups=_groups(shown, lang, outcomes),
                findings_text=counted(len(shown), "findings", lang),
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
            rationale_spans=inline(o.rule.rationale.get(lang)),
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
        files_text=counted(len(doc.files), "files", lang),
        operations_text=counted(doc.operations, "operations", lang),
        # The built-in profile's name is a word ("bawaan"): said in the report's language.
        profile=label("default_profile", lang) if assessment.profile == Profile().name else assessment.profile,
        fail_on=assessment.fail_on.label.get(lang),
        pass_rule=_pass_rule(assessment.fail_on, lang),
        verdict=assessment.verdict,
        passed=assessment.verdict == "pass",
        verdict_label=label(assessment.verdict, lang),
        overall_score=_score_text(score.overall, lang),
        index="—" if score.index is None else f"{score.index:.2f}",
        level=score.level,
        level_label=score.level_label.get(lang),
        level_note=note,
        counts=tuple(Row(noun(counts[s.value], s.value, lang), str(counts[s.value])) for s in Severity),
        waived=counts["waived"],
        metrics=tuple(metrics),
        metadata=tuple(MetaRow(clean(r.label), clean(r.value), r.raw_key) for r in metadata_rows(doc.x_spbe, lang))
        if doc.x_spbe
        else (),
        categories=tuple(categories),
        rules=rules,
        rules_text=counted(len(rules), "rules", lang),
        findings_total=len(findings),
        snippets_open=snippets_open,
    )
