"""The rulebook as a listing: ``spbe-gate rules`` in text, JSON or Markdown, from the one registry."""

from __future__ import annotations

from typing import Any

import orjson

from reports.i18n import label
from rules.base import Rule
from rules.i18n import Lang
from rules.profile import Profile
from rules.registry import all_rules


def rule_dict(rule: type[Rule], profile: Profile) -> dict[str, Any]:
    setting = profile.setting(rule.id)
    return {
        "id": rule.id,
        "name": rule.name,
        "category": rule.category.value,
        "severity": (setting.severity or rule.severity).value,
        "default_severity": rule.severity.value,
        "enabled": setting.enabled,
        "title": rule.title.as_dict(),
        "rationale": rule.rationale.as_dict(),
        "fix": rule.fix.as_dict(),
        "message": rule.message.as_dict(),
        "references": list(rule.references),
        "options": {
            name: {
                "default": opt.default,
                "value": profile.options_of(rule)[name],
                "description": opt.description.as_dict(),
            }
            for name, opt in rule.options.items()
        },
        "versions": sorted(rule.versions),
    }


def render_rulebook(fmt: str, lang: Lang, profile: Profile) -> str:
    rules = all_rules()
    if fmt == "json":
        data = {"profile": profile.name, "rules": [rule_dict(r, profile) for r in rules]}
        return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n"
    if fmt == "markdown":
        head = [label("id", lang), "name", label("category", lang), label("severity", lang), label("title", lang)]
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for r in rules:
            sev = profile.severity_of(r).value if profile.setting(r.id).enabled else "off"
            lines.append(f"| {r.id} | `{r.name}` | {r.category.label.get(lang)} | {sev} | {r.title.get(lang)} |")
        return "\n".join(lines) + "\n"
    out = []
    for r in rules:
        sev = profile.severity_of(r).value if profile.setting(r.id).enabled else "off"
        out.append(f"{r.id}  {sev:<8} {r.name:<36} {r.title.get(lang)}")
    return "\n".join(out) + "\n"
