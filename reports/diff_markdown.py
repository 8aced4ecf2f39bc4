"""The diff as Markdown, for a merge-request comment: breaking changes first, the rest folded.

Every piece of text that comes from a document is escaped (``reports.markdown.esc``).
"""

from __future__ import annotations

from reports.diff import ChangeView, DiffView
from reports.markdown import code, esc

_ICON = {"breaking": "🔴", "deprecation": "🟠", "compatible": "🟢"}


def _row(c: ChangeView) -> str:
    operations = f"<br>{esc(c.operations)}" if c.operations else ""
    return f"| {esc(c.kind)} | {esc(c.message)}{operations} | {code(c.old.location)} | {code(c.new.location)} |"


def render(view: DiffView) -> str:
    t = view.t
    icon = "✅" if view.passed else "❌"
    out = [
        f"## {icon} {esc(t['diff_title'])}: {esc(view.new.title)} {esc(view.old.api_version)} → "
        f"{esc(view.new.api_version)}",
        "",
        f"**{esc(t['verdict'])}: {esc(view.verdict_label)}** ({esc(t['fail_on'].lower())}: {esc(view.fail_on)})"
        f" · {esc(t['diff_changes'])}: {esc(view.counts)}",
        "",
        f"| | {esc(t['diff_old'])} | {esc(t['diff_new'])} |",
        "|---|---|---|",
        f"| OpenAPI | {esc(view.old.openapi)} | {esc(view.new.openapi)} |",
        f"| {esc(t['operations'])} | {view.old.operations} | {view.new.operations} |",
        f"| {esc(t['diff_base_path'])} | {code(view.old.base_path)} | {code(view.new.base_path)} |",
    ]
    for group in view.groups:
        if not group.changes:
            continue
        summary = f"{_ICON[group.severity]} {esc(group.label)}: {len(group.changes)}"
        head = [
            "",
            f"| {esc(t['diff_kind'])} | {esc(t['message'])} | {esc(t['diff_old'])} | {esc(t['diff_new'])} |",
            "|---|---|---|---|",
        ]
        rows = [_row(c) for c in group.changes]
        if group.severity == "breaking":
            out += ["", f"### {summary}", *head, *rows]
        else:
            out += ["", f"<details><summary>{summary}</summary>", *head, *rows, "", "</details>"]
    if view.total == 0:
        out += ["", esc(t["diff_no_changes"])]
    out += ["", f"<sub>spbe-gate {esc(view.tool_version)}</sub>"]
    return "\n".join(out) + "\n"
