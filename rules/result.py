"""What an assessment produces: findings, per-rule outcomes, scores, level and verdict.

Scoring (documented in the README, tested in tests/rules/test_scoring.py):

- A rule *passes* when it leaves no finding that is not waived. Each enabled rule weighs by its
  effective severity: error 5, warning 3, info 1, hint 0.
- A category's score is 100 x (weight of its passing rules) / (weight of its enabled rules).
- The overall score is the mean of the category scores, weighted by the profile's weights
  (default: interoperability 35, security 30, sustainability 20, documentation 15).
- The SPBE index is 1 + 4 x overall / 100 (a 1-5 scale) and the maturity level is the SPBE
  predicate of that index (PermenPANRB 59/2020 thresholds): below 1.8 Kurang (1), from 1.8
  Cukup (2), from 2.6 Baik (3), from 3.5 Sangat Baik (4), from 4.2 Memuaskan (5).
- Caps: a document that cannot be read or is structurally invalid (an error of the validity
  category) is level 1; any other error not waived caps the level at 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from rules.base import Category, Rule, Severity
from rules.contract_run import ContractRun
from rules.i18n import Text

Verdict = Literal["pass", "fail"]
RuleStatus = Literal["passed", "failed", "disabled", "not-applicable", "not-run"]

LEVELS: dict[int, Text] = {
    1: Text("Kurang", "Poor"),
    2: Text("Cukup", "Fair"),
    3: Text("Baik", "Good"),
    4: Text("Sangat Baik", "Very good"),
    5: Text("Memuaskan", "Excellent"),
}
#: Lowest SPBE index of levels 2..5.
LEVEL_THRESHOLDS: tuple[tuple[float, int], ...] = ((4.2, 5), (3.5, 4), (2.6, 3), (1.8, 2))


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    name: str
    category: Category
    severity: Severity
    message: Text
    file: str
    pointer: str  # inside ``file``
    line: int
    column: int
    #: Pointer in the joined document (what waivers and the service key on).
    document_pointer: str = ""
    waived: bool = False
    waiver_reason: str | None = None
    #: A few source lines around ``line``: (line number, text).
    snippet: tuple[tuple[int, str], ...] = ()

    @property
    def active(self) -> bool:
        return not self.waived


@dataclass(frozen=True, slots=True)
class RuleOutcome:
    rule: type[Rule]
    severity: Severity  # after the profile
    status: RuleStatus
    findings: int = 0
    waived: int = 0


@dataclass(frozen=True, slots=True)
class Score:
    overall: float | None
    categories: dict[Category, float | None]
    index: float | None
    level: int
    #: Why the level is lower than the index says: "invalid", "errors" or None.
    capped_by: str | None = None

    @property
    def level_label(self) -> Text:
        return LEVELS[self.level]


@dataclass(frozen=True, slots=True)
class FileInfo:
    path: str
    sha256: str
    bytes: int


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    root: str
    files: tuple[FileInfo, ...] = ()
    openapi: str | None = None  # as written: "3.0.3", "2.0"
    version: str | None = None  # family: "2.0", "3.0", "3.1"
    title: str | None = None
    api_version: str | None = None
    operations: int = 0
    x_spbe: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class Assessment:
    tool_version: str
    generated_at: datetime
    profile: str
    fail_on: Severity
    document: DocumentInfo
    findings: tuple[Finding, ...]
    outcomes: tuple[RuleOutcome, ...]
    score: Score
    verdict: Verdict
    metrics: dict[str, float] = field(default_factory=dict)
    duration_ms: float = 0.0
    #: The contract run the contract rules judged, if any (its own start time included).
    contract: ContractRun | None = None

    def counts(self) -> dict[str, int]:
        """Active findings per severity, plus the number waived."""
        out = {s.value: 0 for s in Severity}
        waived = 0
        for f in self.findings:
            if f.waived:
                waived += 1
            else:
                out[f.severity.value] += 1
        out["waived"] = waived
        return out


def level_for_index(index: float) -> int:
    for threshold, level in LEVEL_THRESHOLDS:
        if index >= threshold - 1e-9:
            return level
    return 1


def compute_score(outcomes: list[RuleOutcome], findings: list[Finding], weights: dict[Category, float]) -> Score:
    earned: dict[Category, float] = {c: 0.0 for c in Category if c.scored}
    possible: dict[Category, float] = {c: 0.0 for c in Category if c.scored}
    for outcome in outcomes:
        category = outcome.rule.category
        if not category.scored or outcome.status not in ("passed", "failed"):
            continue
        weight = outcome.severity.weight
        possible[category] += weight
        if outcome.status == "passed":
            earned[category] += weight
    categories: dict[Category, float | None] = {
        c: (round(100 * earned[c] / possible[c], 1) if possible[c] else None) for c in possible
    }
    total_weight = sum(weights.get(c, 0) for c, v in categories.items() if v is not None)
    overall: float | None = None
    if total_weight:
        overall = round(sum(weights.get(c, 0) * v for c, v in categories.items() if v is not None) / total_weight, 1)
    index = None if overall is None else round(1 + 4 * overall / 100, 2)
    level = 1 if index is None else level_for_index(index)
    capped_by = None
    active_errors = [f for f in findings if f.active and f.severity is Severity.ERROR]
    if any(f.category is Category.VALIDITY for f in active_errors) or overall is None:
        if level > 1:
            capped_by = "invalid"
        level = 1
    elif active_errors and level > 2:
        level, capped_by = 2, "errors"
    return Score(overall, categories, index, level, capped_by)
