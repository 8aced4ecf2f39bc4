"""Precision of the rulebook on real documents: a labelled sample of its findings.

The engine runs on every document in ../shared/specs/. From its findings a stratified sample
is drawn per rule (up to 25 findings of each rule of severity error, up to 8 of the others),
spread over the documents, each document's findings taken in the order of a stable hash of
(document, rule, file, pointer): the same finding stays in the sample from run to run, and
a changed rule changes the sample only where its findings change. Each sampled finding is
matched to its label in bench/precision/labels.tsv (true, false or questionable, judged by
reading the document where the finding lands); sampled findings without a label are listed,
and labels whose finding is gone are counted apart (a fixed false positive, or a lost true one).

    .venv/bin/python bench/precision.py                 # the tables; lists what needs a label
    .venv/bin/python bench/precision.py --todo          # also prints each unlabelled finding in context
    .venv/bin/python bench/precision.py --write         # also writes bench/precision/results.md

Precision = true ÷ (true + false); the false-positive rate = false ÷ all labelled findings
(questionable ones count as neither true nor false).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rules.base import Category, Severity  # noqa: E402
from rules.engine import assess_path  # noqa: E402
from rules.registry import all_rules, rules_by_id  # noqa: E402

SPECS = Path(os.environ.get("SPBE_GATE_SHARED", ROOT.parent / "shared")) / "specs"
LABELS = ROOT / "bench" / "precision" / "labels.tsv"
RESULTS = ROOT / "bench" / "precision" / "results.md"
COLUMNS = ("document", "rule", "file", "pointer", "label", "note")
KINDS = ("true", "false", "questionable")
#: Findings sampled per rule: more for errors, whose false positives decide verdicts.
QUOTA = {Severity.ERROR: 25}
DEFAULT_QUOTA = 8
#: The target: no error rule with a false-positive rate above this on the sample.
MAX_ERROR_FP_RATE = 0.02
#: Fixed, so that "today" does not move findings (budget years, sunset dates).
TODAY = date(2026, 7, 1)

Key = tuple[str, str, str, str]  # document, rule, file, pointer


@dataclass(frozen=True)
class Sampled:
    key: Key
    line: int
    message: str
    path: Path  # the file the finding is in


def documents() -> list[str]:
    sources = SPECS / "SOURCES.tsv"
    lines = sources.read_text(encoding="utf-8").splitlines()[1:] if sources.exists() else []
    return sorted(line.split("\t", 1)[0] for line in lines if line.strip())


def _rank(key: Key) -> str:
    return hashlib.sha256("\t".join(key).encode()).hexdigest()


def sample() -> tuple[dict[str, list[Sampled]], dict[str, int]]:
    """The sampled findings per rule, and every rule's total number of findings."""
    by_rule: dict[str, dict[str, dict[Key, Sampled]]] = defaultdict(lambda: defaultdict(dict))
    totals: dict[str, int] = defaultdict(int)
    for name in documents():
        path = SPECS / name
        if not path.exists():
            continue
        assessment = assess_path(path, today=TODAY)
        for f in assessment.findings:
            key = (name, f.rule, f.file, f.pointer)
            totals[f.rule] += 1
            by_rule[f.rule][name].setdefault(key, Sampled(key, f.line, f.message.en, path.parent / f.file))
    picked: dict[str, list[Sampled]] = {}
    for rule_id, per_doc in by_rule.items():
        quota = QUOTA.get(rules_by_id()[rule_id].severity, DEFAULT_QUOTA)
        queues = [sorted(found.values(), key=lambda s: _rank(s.key)) for _, found in sorted(per_doc.items())]
        chosen: list[Sampled] = []
        while len(chosen) < quota and any(queues):  # one from each document in turn
            for queue in queues:
                if queue and len(chosen) < quota:
                    chosen.append(queue.pop(0))
        picked[rule_id] = chosen
    return picked, totals


def read_labels() -> dict[Key, tuple[str, str]]:
    labels: dict[Key, tuple[str, str]] = {}
    if not LABELS.exists():
        return labels
    lines = LABELS.read_text(encoding="utf-8").splitlines()
    if not lines or tuple(lines[0].split("\t")) != COLUMNS:
        raise SystemExit(f"{LABELS}: the first line must be the header {COLUMNS}")
    for n, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != len(COLUMNS) or fields[4] not in KINDS:
            raise SystemExit(f"{LABELS}:{n}: expected {len(COLUMNS)} tab-separated fields, label one of {KINDS}")
        labels[(fields[0], fields[1], fields[2], fields[3])] = (fields[4], fields[5])
    return labels


@dataclass
class Tally:
    true: int = 0
    false: int = 0
    questionable: int = 0
    unlabelled: int = 0
    findings: int = 0
    #: Labelled false, and no longer found: false positives found in the sample and fixed.
    fixed: int = 0

    @property
    def labelled(self) -> int:
        return self.true + self.false + self.questionable

    def precision(self) -> str:
        judged = self.true + self.false
        return f"{100 * self.true / judged:.1f}%" if judged else "—"

    def fp_rate(self) -> float | None:
        return self.false / self.labelled if self.labelled else None

    def add(self, other: Tally) -> None:
        for name in ("true", "false", "questionable", "unlabelled", "findings", "fixed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _fp(t: Tally) -> str:
    rate = t.fp_rate()
    return "—" if rate is None else f"{100 * rate:.1f}%"


def _fp_worst(t: Tally) -> str:
    """The false-positive rate if every questionable label were a false positive."""
    return "—" if not t.labelled else f"{100 * (t.false + t.questionable) / t.labelled:.1f}%"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--todo", action="store_true", help="print each unlabelled sampled finding in context")
    parser.add_argument("--write", action="store_true", help=f"write the tables to {RESULTS.relative_to(ROOT)}")
    args = parser.parse_args()
    if not SPECS.exists():
        print(f"no documents at {SPECS} (set SPBE_GATE_SHARED)", file=sys.stderr)
        return 2
    picked, totals = sample()
    labels = read_labels()
    per_rule: dict[str, Tally] = {}
    todo: list[Sampled] = []
    sampled_keys: set[Key] = set()
    for rule_id, chosen in picked.items():
        tally = per_rule[rule_id] = Tally(findings=totals[rule_id])
        for s in chosen:
            sampled_keys.add(s.key)
            label = labels.get(s.key)
            if label is None:
                tally.unlabelled += 1
                todo.append(s)
            else:
                setattr(tally, label[0], getattr(tally, label[0]) + 1)
    gone = [(key, label) for key, label in labels.items() if key not in sampled_keys]
    for (_, rule_id, _, _), (kind, _) in gone:
        if kind == "false":
            per_rule.setdefault(rule_id, Tally(findings=totals.get(rule_id, 0))).fixed += 1

    rules = {r.id: r for r in all_rules()}
    lines = [
        f"Documents: {len(documents())} in ../shared/specs/ (today fixed at {TODAY}). Sample: up to "
        f"{QUOTA[Severity.ERROR]} findings per error rule, {DEFAULT_QUOTA} per other rule, spread over the "
        "documents. Precision = true ÷ (true + false); FP rate = false ÷ labelled; FPs fixed = findings "
        "labelled false that the rule no longer reports.",
        "",
        "| category | rules with findings | findings | labelled | true | false | questionable | precision | FP rate "
        "| FP rate, questionable as false | FPs fixed |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    overall = Tally()
    for category in Category:
        if category is Category.CONTRACT:
            continue  # judged on a running deployment, not on documents
        cat = Tally()
        count = 0
        for rule_id, tally in per_rule.items():
            if rules[rule_id].category is category:
                cat.add(tally)
                count += 1
        overall.add(cat)
        lines.append(
            f"| {category.label.en} | {count} | {cat.findings} | {cat.labelled} | {cat.true} | {cat.false} "
            f"| {cat.questionable} | {cat.precision()} | {_fp(cat)} | {_fp_worst(cat)} | {cat.fixed} |"
        )
    lines.append(
        f"| **all** | {len(per_rule)} | {overall.findings} | {overall.labelled} | {overall.true} | {overall.false} "
        f"| {overall.questionable} | {overall.precision()} | {_fp(overall)} | {_fp_worst(overall)} | {overall.fixed} |"
    )
    lines += [
        "",
        "| rule | severity | findings | labelled | true | false | questionable | precision | FP rate "
        "| FP rate, questionable as false | FPs fixed |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    missed: list[str] = []
    for rule_id in sorted(per_rule, key=lambda r: (-rules[r].severity.rank, r)):
        t = per_rule[rule_id]
        severity = rules[rule_id].severity
        lines.append(
            f"| {rule_id} | {severity.value} | {t.findings} | {t.labelled} | {t.true} | {t.false} | {t.questionable} "
            f"| {t.precision()} | {_fp(t)} | {_fp_worst(t)} | {t.fixed} |"
        )
        rate = t.fp_rate()
        if severity is Severity.ERROR and rate is not None and rate > MAX_ERROR_FP_RATE:
            missed.append(f"{rule_id} {100 * rate:.1f}%")
    lines.append("")
    lines.append(
        f"Target (no error rule with an FP rate above {100 * MAX_ERROR_FP_RATE:g}% on the sample): "
        + ("met." if not missed else "not met: " + ", ".join(missed) + ".")
    )
    if todo:
        lines.append(f"Unlabelled sampled findings: {len(todo)} (run with --todo and label them).")
    if gone:
        fixed = sum(1 for _, (label, _) in gone if label == "false")
        lost = sum(1 for _, (label, _) in gone if label == "true")
        lines.append(
            f"Labels whose finding is no longer sampled: {len(gone)} ({fixed} false positives gone, "
            f"{lost} true findings gone)."
        )
    text = "\n".join(lines) + "\n"
    print(text)
    if args.todo:
        sources: dict[Path, list[str]] = {}
        for s in sorted(todo, key=lambda s: (s.key[1], s.key[0])):
            doc, rule_id, file, pointer = s.key
            print(f"{doc}\t{rule_id}\t{file}\t{pointer}\t\t\n    {file}:{s.line} {s.message}")
            text_lines = sources.setdefault(s.path, s.path.read_text(encoding="utf-8", errors="replace").splitlines())
            for n in range(max(1, s.line - 3), min(len(text_lines), s.line + 4) + 1):
                print(f"    {n:>7}{'>' if n == s.line else ' '} {text_lines[n - 1][:160]}")
    if args.write:
        RESULTS.write_text("# Precision of the rulebook (generated by bench/precision.py)\n\n" + text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
