"""The service's own API passes the gate's own rulebook."""

from __future__ import annotations

import json
from pathlib import Path

from gate.core.config import Settings
from gate.main import create_app
from rules.bundle import MemorySource
from rules.engine import assess
from tests.helpers import TODAY


def test_the_gate_passes_its_own_gate(tmp_path: Path) -> None:
    # A deployment states its budget (GATE_SPBE_METADATA); without one SUS006 rightly fails it.
    settings = Settings(data_dir=tmp_path, secret_key="x", spbe_metadata={"anggaran": [TODAY.year, TODAY.year + 1]})
    document = create_app(settings).openapi()
    result = assess(MemorySource({"openapi.json": json.dumps(document).encode()}), "openapi.json", today=TODAY)
    active = [
        f"{f.rule} {f.pointer}: {f.message.en}" for f in result.findings if f.active and f.severity.value != "info"
    ]
    assert result.verdict == "pass", active
    assert result.score.level >= 4, active
    # What is waived says why, in the document itself.
    waived = {f.rule for f in result.findings if f.waived}
    assert waived <= {"SEC003", "SEC005"}


def test_without_a_budget_the_gate_says_so(tmp_path: Path) -> None:
    document = create_app(Settings(data_dir=tmp_path, secret_key="x")).openapi()
    result = assess(MemorySource({"openapi.json": json.dumps(document).encode()}), "openapi.json", today=TODAY)
    assert [f.rule for f in result.findings if f.active and f.severity.value == "error"] == ["SUS006"]
