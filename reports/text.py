"""The terminal report: grouped by category, coloured when the terminal wants colour."""

from __future__ import annotations

from reports.model import ReportView

_RESET = "\033[0m"
_STYLE = {
    "error": "\033[1;31m",
    "warning": "\033[33m",
    "info": "\033[36m",
    "hint": "\033[2m",
    "pass": "\033[1;32m",
    "fail": "\033[1;31m",
    "dim": "\033[2m",
    "bold": "\033[1m",
}
#: Findings shown per category in the terminal; the other formats show them all.
MAX_PER_CATEGORY = 50


def render(view: ReportView, color: bool = False) -> str:
    def paint(style: str, text: str) -> str:
        return f"{_STYLE[style]}{text}{_RESET}" if color else text

    t = view.t
    out: list[str] = []
    out.append(paint("bold", f"{t['report_title']}: {view.title} {view.api_version}"))
    out.append(
        paint(
            "dim",
            f"{view.root} · OpenAPI {view.openapi} · {view.operations_text} · {view.files_text}",
        )
    )
    out.append("")
    for cat in view.categories:
        if not cat.findings and not cat.note:
            continue
        head = f"{cat.label}"
        if cat.scored:
            head += f"  {t['score'].lower()} {cat.score_text}"
        out.append(paint("bold", head))
        if cat.note:
            out.append(paint("dim", f"  {cat.note}"))
        shown = cat.findings[:MAX_PER_CATEGORY]
        width = max((len(f.location) for f in shown), default=0)
        for f in shown:
            sev = paint(f.severity, f"{f.severity_label:<10}")
            waived = paint("dim", f" ({t['waived']}: {f.waiver_reason})") if f.waived else ""
            message = "".join(s.text for s in f.message_spans)  # a terminal shows code as it is
            out.append(f"  {f.location:<{width}}  {sev} {f.rule} {message}{waived}")
        hidden = len(cat.findings) - MAX_PER_CATEGORY
        if hidden > 0:
            out.append(paint("dim", f"  … {hidden} {t['more_findings']}"))
        out.append("")
    if view.findings_total == 0:
        out.append(t["no_findings"])
        out.append("")
    counts = ", ".join(f"{row.value} {row.key}" for row in view.counts)
    if view.waived:
        counts += f", {view.waived} {t['waived']}"
    out.append(f"{t['findings']}: {counts}")
    scores = " · ".join(f"{c.label} {c.score_text}" for c in view.categories if c.scored)
    out.append(f"{t['score']}: {view.overall_score}/100  ({scores})")
    level = f"{t['level']}: {view.level} {view.level_label} ({t['spbe_index']} {view.index})"
    if view.level_note:
        level += f" — {view.level_note}"
    out.append(level)
    for row in view.metrics:
        out.append(f"{row.key}: {row.value}")
    verdict = paint("pass" if view.passed else "fail", view.verdict_label)
    out.append(f"{t['verdict']}: {verdict}  ({t['pass_rule'].lower()}: {view.pass_rule})")
    return "\n".join(out) + "\n"
