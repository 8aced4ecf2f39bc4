"""The examples the README shows behave as it says."""

from __future__ import annotations

from pathlib import Path

from rules.base import Category
from rules.engine import assess_path
from tests.helpers import TODAY

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_the_model_application_passes_at_the_top_level() -> None:
    a = assess_path(EXAMPLES / "layanan-perizinan" / "openapi.yaml", today=TODAY)
    assert [(f.rule, f.pointer, f.message.en) for f in a.findings] == []
    assert a.verdict == "pass"
    assert (a.score.overall, a.score.level) == (100.0, 5)
    assert a.metrics["documentation_coverage"] == 100.0


def test_the_legacy_application_fails_in_every_category() -> None:
    a = assess_path(EXAMPLES / "simpeg-lama" / "swagger.yaml", today=TODAY)
    assert a.verdict == "fail"
    failing = {f.category for f in a.findings if f.severity.value == "error"}
    assert failing >= {Category.INTEROPERABILITY, Category.SECURITY, Category.SUSTAINABILITY}
    judged_alone = set(Category) - {Category.VALIDITY, Category.CONTRACT, Category.CHANGE}
    assert {f.category for f in a.findings} >= judged_alone
    assert a.score.level <= 2
