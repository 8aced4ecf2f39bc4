"""One data-driven test for every rule: its good fixtures pass, its bad ones fail exactly where marked.

Fixtures live in ``tests/rules/cases/<RULE-ID>/``: ``good*.yaml`` and ``bad*.yaml``. A bad
fixture marks each expected finding with ``# expect: <json-pointer>`` on the line where the
finding must land; the test compares (pointer, line) pairs both ways. An optional
``profile.yaml`` beside them sets rule options.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rules.base import Rule
from rules.engine import assess_path
from rules.profile import Profile, load_profile
from rules.registry import all_rules, rules_by_id
from tests.helpers import TODAY, expected_findings

CASES = Path(__file__).parent / "cases"


def _profile(case_dir: Path) -> Profile:
    path = case_dir / "profile.yaml"
    return load_profile(path, rules_by_id()) if path.exists() else Profile()


def _fixtures() -> list[object]:
    params = []
    for rule in all_rules():
        for path in sorted((CASES / rule.id).glob("*.yaml")):
            if path.name.startswith(("good", "bad")):
                params.append(pytest.param(rule, path, id=f"{rule.id}-{path.stem}"))
    return params


def findings_of(rule: type[Rule], path: Path) -> set[tuple[str, int]]:
    assessment = assess_path(path, _profile(path.parent), today=TODAY, rules=[rule])
    return {(f.pointer, f.line) for f in assessment.findings if f.rule == rule.id}


@pytest.mark.parametrize(("rule", "path"), _fixtures())
def test_rule_case(rule: type[Rule], path: Path) -> None:
    found = findings_of(rule, path)
    if path.name.startswith("good"):
        assert found == set(), f"{rule.id} should not fire on {path.name}"
    else:
        expected = expected_findings(path)
        assert expected, f"{path} marks no expected finding"
        assert found == expected
