"""Shared test helpers."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

#: Every rule case runs on this date, so checks that depend on "this year" are repeatable.
TODAY = date(2026, 7, 1)
SHARED = Path(__file__).resolve().parents[2] / "shared"
SPECS = SHARED / "specs"
EXPECT = re.compile(r"#\s*expect:\s*(.+?)\s*$")


def expected_findings(path: Path) -> set[tuple[str, int]]:
    """``# expect: /pointer [/another]`` comments: (pointer, line of the comment)."""
    out: set[tuple[str, int]] = set()
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        m = EXPECT.search(line)
        if m:
            for pointer in m.group(1).split():
                out.add(("" if pointer == '""' else pointer, lineno))
    return out
