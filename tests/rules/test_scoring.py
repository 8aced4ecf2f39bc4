"""Score, SPBE index, maturity level and verdict: the mapping documented in rules/result.py."""

from __future__ import annotations

import pytest

from rules.base import Category, Severity
from rules.i18n import Text
from rules.profile import DEFAULT_WEIGHTS
from rules.registry import rules_by_id
from rules.result import Finding, RuleOutcome, compute_score, level_for_index

IOP001 = rules_by_id()["IOP001"]
VAL002 = rules_by_id()["VAL002"]


@pytest.mark.parametrize(
    ("index", "level"),
    [(1.0, 1), (1.79, 1), (1.8, 2), (2.59, 2), (2.6, 3), (3.49, 3), (3.5, 4), (4.19, 4), (4.2, 5), (5.0, 5)],
)
def test_spbe_predicate_thresholds(index: float, level: int) -> None:
    assert level_for_index(index) == level


def finding(rule: type, severity: Severity = Severity.ERROR, waived: bool = False) -> Finding:
    return Finding(rule.id, rule.name, rule.category, severity, Text("x", "x"), "a.yaml", "", 1, 1, waived=waived)


def outcome(rule: type, status: str, severity: Severity | None = None) -> RuleOutcome:
    return RuleOutcome(rule, severity or rule.severity, status)  # type: ignore[arg-type]


def test_weights_by_severity_within_a_category() -> None:
    # Two interoperability rules: one error rule passing (5), one warning rule failing (3).
    outcomes = [outcome(IOP001, "passed"), outcome(IOP001, "failed", Severity.WARNING)]
    score = compute_score(outcomes, [], DEFAULT_WEIGHTS)
    assert score.categories[Category.INTEROPERABILITY] == pytest.approx(62.5)
    assert score.overall == pytest.approx(62.5)  # the only scored category that ran
    assert score.index == pytest.approx(3.5)
    assert score.level == 4


def test_disabled_and_unrun_rules_do_not_count() -> None:
    outcomes = [outcome(IOP001, "passed"), outcome(IOP001, "disabled"), outcome(IOP001, "not-applicable")]
    score = compute_score(outcomes, [], DEFAULT_WEIGHTS)
    assert score.categories[Category.INTEROPERABILITY] == 100
    assert score.categories[Category.SECURITY] is None
    assert (score.overall, score.level) == (100, 5)


def test_category_weights() -> None:
    sec = next(r for r in rules_by_id().values() if r.category is Category.SECURITY)
    outcomes = [outcome(IOP001, "passed"), outcome(sec, "failed")]
    score = compute_score(outcomes, [finding(sec, waived=True)], {Category.INTEROPERABILITY: 3, Category.SECURITY: 1})
    assert score.overall == pytest.approx(75)


def test_invalid_document_is_level_one() -> None:
    outcomes = [outcome(IOP001, "passed"), outcome(VAL002, "failed")]
    score = compute_score(outcomes, [finding(VAL002)], DEFAULT_WEIGHTS)
    assert score.overall == 100
    assert (score.level, score.capped_by) == (1, "invalid")


def test_remaining_error_caps_at_two_and_a_waiver_lifts_the_cap() -> None:
    outcomes = [outcome(IOP001, "passed")]
    capped = compute_score(outcomes, [finding(IOP001)], DEFAULT_WEIGHTS)
    assert (capped.level, capped.capped_by) == (2, "errors")
    waived = compute_score(outcomes, [finding(IOP001, waived=True)], DEFAULT_WEIGHTS)
    assert (waived.level, waived.capped_by) == (5, None)
    warning = compute_score(outcomes, [finding(IOP001, Severity.WARNING)], DEFAULT_WEIGHTS)
    assert warning.level == 5


def test_nothing_scored_is_level_one() -> None:
    score = compute_score([outcome(VAL002, "passed")], [], DEFAULT_WEIGHTS)
    assert (score.overall, score.index, score.level) == (None, None, 1)
