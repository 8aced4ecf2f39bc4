"""Markdown for a merge-request comment or a CI job summary.

Every piece of text that comes from the document is escaped: a description cannot add links,
emphasis, tables or HTML to the comment.
"""

from __future__ import annotations

import re

from reports.model import FindingView, ReportView, Span

_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~&])")
_ICON = {"error": "🔴", "warning": "🟠", "info": "🔵", "hint": "⚪"}


def esc(text: str) -> str:
    """Inline-safe Markdown: special characters escaped, line breaks flattened."""
    flat = " ".join(str(text).split())
    return _SPECIAL.sub(r"\\\1", flat)


def code(text: str) -> str:
    """An inline code span that the text cannot close."""
    flat = " ".join(str(text).split())
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {flat} {fence}"


def inline(spans: tuple[Span, ...]) -> str:
    """A rule's sentence with its code as code spans, the rest escaped."""
    return "".join(code(s.text) if s.code else esc(s.text) for s in spans)


def _finding(f: FindingView) -> str:
    waived = f" — _{esc(f.waiver_reason)}_" if f.waived else ""
    severity = f"{_ICON.get(f.severity, '')} {esc(f.severity_label)}"
    return f"| {severity} | {esc(f.rule)} | {inline(f.message_spans)}{waived} | {code(f.location)} |"


def render(view: ReportView) -> str:
    t = view.t
    icon = "✅" if view.passed else "❌"
    out = [
        f"## {icon} {esc(t['report_title'])}: {esc(view.title)} {esc(view.api_version)}",
        "",
        f"**{esc(t['verdict'])}: {esc(view.verdict_label)}** · "
        f"{esc(t['level'])} **{view.level} {esc(view.level_label)}**"
        f" · {esc(t['score'])} **{esc(view.overall_score)}**/100 · {esc(t['spbe_index'])} {esc(view.index)}",
    ]
    if view.level_note:
        out.append(f"> {esc(view.level_note)}")
    out += [
        "",
        f"| {esc(t['category'])} | {esc(t['score'])} | {esc(t['rules'])} | {esc(t['findings'])} |",
        "|---|---:|---:|---:|",
    ]
    for cat in view.categories:
        out.append(
            f"| {esc(cat.label)} | {esc(cat.score_text)} | {cat.rules_passed}/{cat.rules_run} | {cat.active_findings} |"
        )
    counts = ", ".join(f"{row.value} {esc(row.key)}" for row in view.counts)
    out += ["", f"{esc(t['findings'])}: {counts}" + (f", {view.waived} {esc(t['waived'])}" if view.waived else "")]
    for row in view.metrics:
        out.append(f"{esc(row.key)}: {esc(row.value)}")
    for cat in view.categories:
        if cat.note:
            out += ["", f"{esc(cat.label)}: {esc(cat.note)}"]
        if not cat.findings:
            continue
        out += [
            "",
            f"<details><summary>{esc(cat.label)}: {esc(cat.findings_text)}</summary>",
            "",
            f"| {esc(t['severity'])} | {esc(t['rule'])} | {esc(t['message'])} | {esc(t['location'])} |",
            "|---|---|---|---|",
        ]
        out += [_finding(f) for f in cat.findings]
        out += ["", "</details>"]
    if view.findings_total == 0:
        out += ["", esc(t["no_findings"])]
    out += ["", f"<sub>spbe-gate {esc(view.tool_version)} · {esc(t['profile'])}: {esc(view.profile)}</sub>"]
    return "\n".join(out) + "\n"
