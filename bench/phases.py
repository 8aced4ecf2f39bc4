"""Where spbe-gate's time goes on one document, phase by phase, in one process.

.venv/bin/python bench/phases.py [DOCUMENT]   (default: Stripe's 4 MB YAML)

Wall time and CPU time of each phase (the machine is shared: CPU time moves less with the
load); the garbage collector is paused, as the engine pauses it during an assessment.
"""

from __future__ import annotations

import gc
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
    rows: list[tuple[str, float, float]] = []
    gc.disable()

    def timed(name: str, started: tuple[float, float]) -> None:
        rows.append((name, time.perf_counter() - started[0], time.process_time() - started[1]))

    def now() -> tuple[float, float]:
        return time.perf_counter(), time.process_time()

    started = now()
    bundle = load(DirectorySource(path.parent), path.name, profile.limits)
    timed("read + parse + bundle", started)

    started = now()
    doc = Document(bundle)
    _ = doc.operations, doc.schemas, doc.examples, doc.references
    timed("index (operations, schemas, examples, refs)", started)

    per_category: dict[str, tuple[float, float]] = defaultdict(lambda: (0.0, 0.0))
    violations = []
    for rule in all_rules():
        ctx = Context(profile.options_of(rule), date.today())
        started = now()
        violations += [(rule, rule.severity, v) for v in rule().check(doc, ctx)]
        wall, cpu = per_category[rule.category.value]
        per_category[rule.category.value] = (
            wall + time.perf_counter() - started[0],
            cpu + time.process_time() - started[1],
        )
    rows += [(f"rules: {category}", wall, cpu) for category, (wall, cpu) in per_category.items()]

    started = now()
    findings = engine._findings(bundle, violations, [])
    timed(f"locate {len(findings)} findings + snippets", started)

    gc.enable()
    assessment = engine.assess_path(path)
    for fmt in ("json", "sarif", "html"):
        started = now()
        render(assessment, fmt)
        timed(f"render {fmt}", started)

    width = max(len(name) for name, _, _ in rows)
    print(f"{'phase':<{width}}  {'wall':>7}  {'cpu':>7}")
    for name, wall, cpu in rows:
        print(f"{name:<{width}}  {wall:6.3f}s  {cpu:6.3f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
