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


def _severity(rule: type[Rule], profile: Profile, lang: Lang) -> str:
    """The severity as ``check`` words it ("galat", not "error"), or that the profile turned it off."""
    if not profile.setting(rule.id).enabled:
        return label("status_disabled", lang)
    return profile.severity_of(rule).label.get(lang)


def render_rulebook(fmt: str, lang: Lang, profile: Profile) -> str:
    rules = all_rules()
    if fmt == "json":
        data = {"profile": profile.name, "rules": [rule_dict(r, profile) for r in rules]}
        return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n"
    if fmt == "markdown":
        head = [label("id", lang), "name", label("category", lang), label("severity", lang), label("title", lang)]
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for r in rules:
            sev = _severity(r, profile, lang)
            lines.append(f"| {r.id} | `{r.name}` | {r.category.label.get(lang)} | {sev} | {r.title.get(lang)} |")
        return "\n".join(lines) + "\n"
    out = []
    width = max(len(_severity(r, profile, lang)) for r in rules)
    for r in rules:
        out.append(f"{r.id}  {_severity(r, profile, lang):<{width}}  {r.name:<36} {r.title.get(lang)}")
    return "\n".join(out) + "\n"
