"""One data-driven test for every rule: its good fixtures pass, its bad ones fail exactly where marked.

Fixtures live in ``tests/rules/cases/<RULE-ID>/``: ``good*.yaml`` and ``bad*.yaml``. A bad
fixture marks each expected finding with ``# expect: <json-pointer>`` on the line where the
finding must land; the test compares (pointer, line) pairs both ways. An optional
``profile.yaml`` beside them sets rule options. A contract rule's fixture has its observations
beside it (``good.contract.json``: what a contract run against the deployment saw). A change
rule's fixture is the new version of a document; the previous version is beside it
(``baseline-<fixture>.yaml``, or ``baseline.yaml`` for all the folder's fixtures).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rules.base import Category, Rule
from rules.bundle import DirectorySource
from rules.changes import load_document
from rules.contract_run import ContractRun
from rules.document import Document
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


def _contract(path: Path) -> ContractRun | None:
    """A contract rule's fixture pairs the document with what a contract run observed."""
    observed = path.with_suffix(".contract.json")
    return ContractRun.from_dict(json.loads(observed.read_text(encoding="utf-8"))) if observed.exists() else None


def _baseline(path: Path) -> Document | None:
    """A change rule's fixture is judged against the previous version beside it."""
    for name in (f"baseline-{path.stem}.yaml", "baseline.yaml"):
        if (path.parent / name).exists():
            return load_document(DirectorySource(path.parent), name, side="old")
    return None


def findings_of(rule: type[Rule], path: Path) -> set[tuple[str, int]]:
    assessment = assess_path(
        path, _profile(path.parent), today=TODAY, rules=[rule], contract=_contract(path), baseline=_baseline(path)
    )
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


def test_contract_rules_have_observations() -> None:
    for rule in all_rules():
        if rule.category is Category.CONTRACT:
            for path in (CASES / rule.id).glob("*.yaml"):
                assert _contract(path) is not None, f"{path} has no {path.stem}.contract.json"


def test_contract_rules_do_not_run_without_a_contract_run() -> None:
    bad = CASES / "KON001" / "bad.yaml"
    assessment = assess_path(bad, today=TODAY, rules=list(all_rules()))
    assert not [f for f in assessment.findings if f.category is Category.CONTRACT]
    assert {o.status for o in assessment.outcomes if o.rule.category is Category.CONTRACT} == {"not-run"}
    assert assessment.score.categories[Category.CONTRACT] is None


def test_change_rules_have_a_baseline() -> None:
    for rule in all_rules():
        if rule.category is Category.CHANGE:
            for path in (CASES / rule.id).glob("*.yaml"):
                if path.name.startswith(("good", "bad")):
                    assert _baseline(path) is not None, f"{path} has no baseline beside it"


def test_change_rules_do_not_run_without_a_baseline() -> None:
    bad = CASES / "CHG001" / "bad.yaml"
    assessment = assess_path(bad, today=TODAY, rules=list(all_rules()))
    assert not [f for f in assessment.findings if f.category is Category.CHANGE]
    assert {o.status for o in assessment.outcomes if o.rule.category is Category.CHANGE} == {"not-run"}
    assert assessment.score.categories[Category.CHANGE] is None
    with_baseline = assess_path(bad, today=TODAY, rules=list(all_rules()), baseline=_baseline(bad))
    assert {f.rule for f in with_baseline.findings if f.category is Category.CHANGE} >= {"CHG001", "CHG007"}
    assert with_baseline.score.categories[Category.CHANGE] is not None
