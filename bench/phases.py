"""Where spbe-gate's time goes on one document, phase by phase, in one process.

.venv/bin/python bench/phases.py [DOCUMENT]   (default: Stripe's 4 MB YAML)
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reports import render  # noqa: E402
from rules import engine  # noqa: E402
from rules.base import Context  # noqa: E402
from rules.bundle import DirectorySource, load  # noqa: E402
from rules.document import Document  # noqa: E402
from rules.profile import Profile  # noqa: E402
from rules.registry import all_rules  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "specs" / "stripe-spec3-2023-09.yaml"


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    profile = Profile()
    rows: list[tuple[str, float]] = []

    started = time.perf_counter()
    bundle = load(DirectorySource(path.parent), path.name, profile.limits)
    rows.append(("read + parse + bundle", time.perf_counter() - started))

    started = time.perf_counter()
    doc = Document(bundle)
    _ = doc.operations, doc.schemas, doc.examples, doc.references
    rows.append(("index (operations, schemas, examples, refs)", time.perf_counter() - started))

    per_category: dict[str, float] = defaultdict(float)
    violations = []
    for rule in all_rules():
        ctx = Context(profile.options_of(rule), date.today())
        started = time.perf_counter()
        violations += [(rule, rule.severity, v) for v in rule().check(doc, ctx)]
        per_category[rule.category.value] += time.perf_counter() - started
    rows += [(f"rules: {category}", seconds) for category, seconds in per_category.items()]

    started = time.perf_counter()
    findings = engine._findings(bundle, violations, [])
    rows.append((f"locate {len(findings)} findings + snippets", time.perf_counter() - started))

    assessment = engine.assess_path(path)
    for fmt in ("json", "sarif", "html"):
        started = time.perf_counter()
        render(assessment, fmt)
        rows.append((f"render {fmt}", time.perf_counter() - started))

    width = max(len(name) for name, _ in rows)
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds:6.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
