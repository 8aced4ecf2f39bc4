"""The rulebook is complete: every rule is self-describing and has its fixtures."""

from __future__ import annotations

import importlib
from collections import Counter
from pathlib import Path

import pytest

from rules.base import Category, Rule
from rules.engine import assess_path
from rules.registry import all_rules
from tests.helpers import TODAY, expected_findings

CASES = Path(__file__).parent / "cases"
RULES = all_rules()


def test_rulebook_size() -> None:
    assert len(RULES) >= 40 + 13, "at least 40 rules besides the validity checks"
    per_category = Counter(rule.category for rule in RULES)
    for category in Category:
        assert per_category[category] >= 6, category


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_is_complete(rule: type[Rule]) -> None:
    for text in (rule.title, rule.rationale, rule.fix, rule.message):
        assert text.id.strip() and text.en.strip()
    assert rule.rationale.id != rule.rationale.en
    if rule.category is not Category.VALIDITY:
        assert rule.references, f"{rule.id} names no source"
    module = importlib.import_module(rule.__module__)
    assert Path(module.__file__ or "").stem.startswith(rule.id.lower() + "_"), "one rule per file, named by id"
    assert module.__doc__ and module.__doc__.startswith(rule.id), "module docstring starts with the id"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_has_fixtures(rule: type[Rule]) -> None:
    folder = CASES / rule.id
    good = sorted(folder.glob("good*.yaml"))
    bad = sorted(folder.glob("bad*.yaml"))
    assert good, f"{rule.id} has no good fixture"
    assert bad, f"{rule.id} has no bad fixture"
    for path in bad:
        assert expected_findings(path), f"{path.name} marks no expected finding"


def _non_validity_fixtures() -> list[Path]:
    return [
        p
        for rule in RULES
        if rule.category is not Category.VALIDITY
        for p in sorted((CASES / rule.id).glob("*.yaml"))
        if p.name.startswith(("good", "bad"))
    ]


@pytest.mark.parametrize("path", _non_validity_fixtures(), ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_fixture_is_valid_openapi(path: Path) -> None:
    """Fixtures of the other categories are valid documents, so they test one thing only."""
    validity = [r for r in RULES if r.category is Category.VALIDITY and r.id != "VAL009"]
    assessment = assess_path(path, today=TODAY, rules=validity)
    problems = [f"{f.rule} {f.pointer}: {f.message.en}" for f in assessment.findings if f.severity.value == "error"]
    assert problems == []
