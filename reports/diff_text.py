"""The diff on a terminal: grouped by severity, coloured when the terminal wants colour."""

from __future__ import annotations

from reports.diff import DiffView
from reports.text import _RESET
from reports.text import _STYLE as _REPORT_STYLE

_STYLE = {**_REPORT_STYLE, "breaking": "\033[1;31m", "deprecation": "\033[33m", "compatible": "\033[32m"}
#: Changes shown per group on a terminal; the other formats show them all.
MAX_PER_GROUP = 50


def render(view: DiffView, color: bool = False) -> str:
    def paint(style: str, text: str) -> str:
        return f"{_STYLE[style]}{text}{_RESET}" if color else text

    t = view.t
    out = [paint("bold", f"{t['diff_title']}: {view.new.title} {view.old.api_version} → {view.new.api_version}")]
    for key, side in (("diff_old", view.old), ("diff_new", view.new)):
        out.append(
            paint(
                "dim",
                f"{t[key]}: {side.root} · OpenAPI {side.openapi} · {side.operations} {t['operations'].lower()}"
                f" · {t['diff_base_path']} {side.base_path}",
            )
        )
    out.append("")
    for group in view.groups:
        if not group.changes:
            continue
        out.append(paint(group.severity, f"{group.label} ({len(group.changes)})"))
        shown = group.changes[:MAX_PER_GROUP]
        width = max(len(c.new.location) for c in shown)
        for c in shown:
            out.append(f"  {c.new.location:<{width}}  {c.kind}  {c.message}")
            detail = f"{t['diff_old']}: {c.old.location}"
            if c.operations:
                detail += f" · {t['diff_operations_label']}: {c.operations}"
            out.append(paint("dim", f"  {'':<{width}}  {detail}"))
        hidden = len(group.changes) - MAX_PER_GROUP
        if hidden > 0:
            out.append(paint("dim", f"  … {hidden} {t['more_findings']}"))
        out.append("")
    if view.total == 0:
        out += [t["diff_no_changes"], ""]
    out.append(f"{t['diff_changes']}: {view.counts}")
    verdict = paint("pass" if view.passed else "fail", view.verdict_label)
    out.append(f"{t['verdict']}: {verdict}  ({t['fail_on'].lower()}: {view.fail_on})")
    return "\n".join(out) + "\n"
