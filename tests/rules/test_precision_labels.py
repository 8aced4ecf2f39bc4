"""The precision benchmark's labels (bench/precision/labels.tsv) stay well formed and name real rules."""

from __future__ import annotations

from pathlib import Path

from rules.registry import rules_by_id

LABELS = Path(__file__).resolve().parents[2] / "bench" / "precision" / "labels.tsv"


def test_labels_are_well_formed() -> None:
    lines = LABELS.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == ["document", "rule", "file", "pointer", "label", "note"]
    keys: set[tuple[str, ...]] = set()
    for n, line in enumerate(lines[1:], 2):
        fields = line.split("\t")
        assert len(fields) == 6, f"line {n}: {len(fields)} fields"
        document, rule, file, pointer, label, note = fields
        assert rule in rules_by_id(), f"line {n}: unknown rule {rule}"
        assert label in ("true", "false", "questionable"), f"line {n}: label {label!r}"
        assert note.strip(), f"line {n}: a label says why"
        assert pointer == "" or pointer.startswith("/"), f"line {n}: pointer {pointer!r}"
        key = (document, rule, file, pointer)
        assert key not in keys, f"line {n}: labelled twice"
        keys.add(key)
