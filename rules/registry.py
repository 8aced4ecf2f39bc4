"""The rulebook: every rule, from each category package's ``RULES`` list."""

from __future__ import annotations

from functools import cache

from rules.base import Rule


@cache
def all_rules() -> tuple[type[Rule], ...]:
    from rules import change_control, contract, documentation, interoperability, security, sustainability, validity

    rules: list[type[Rule]] = []
    for package in (validity, interoperability, security, sustainability, documentation, contract, change_control):
        rules.extend(package.RULES)
    ids: set[str] = set()
    names: set[str] = set()
    for rule in rules:
        if rule.id in ids or rule.name in names:
            raise TypeError(f"rule {rule.id} ({rule.name}) is registered twice")
        ids.add(rule.id)
        names.add(rule.name)
    return tuple(rules)


@cache
def rules_by_id() -> dict[str, type[Rule]]:
    return {rule.id: rule for rule in all_rules()}


@cache
def rule_refs() -> dict[str, str]:
    """Ids and names (as written in waivers and profiles) -> ids."""
    refs = {rule.id: rule.id for rule in all_rules()}
    refs.update({rule.name: rule.id for rule in all_rules()})
    return refs


def get_rule(ref: str) -> type[Rule] | None:
    rule_id = rule_refs().get(ref) or rule_refs().get(ref.upper())
    return rules_by_id().get(rule_id) if rule_id else None
