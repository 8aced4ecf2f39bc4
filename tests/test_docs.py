"""The documentation says what the code does: generated parts are current, commands are real."""

from __future__ import annotations

import re
from pathlib import Path

from reports.rulebook import render_rulebook
from rules.profile import Profile
from rules.registry import all_rules
from rules.sustainability.xspbe import markdown_table

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_rules_md_is_current() -> None:
    text = (ROOT / "RULES.md").read_text(encoding="utf-8")
    assert render_rulebook("markdown", "id", Profile()) in text
    assert render_rulebook("markdown", "en", Profile()) in text


def test_readme_x_spbe_table_is_current() -> None:
    assert markdown_table("id") in README


def test_readme_counts_the_rules() -> None:
    m = re.search(r"(\d+) rules in seven categories", README)
    assert m and int(m.group(1)) == len(all_rules())


def test_ci_runs_the_readme_test_command() -> None:
    setup = re.search(r"## Mulai / Set-up.*?```sh\n(.*?)```", README, re.S)
    assert setup
    install, test = setup.group(1).strip().splitlines()
    assert "pip install -e" in install and "spbe-gate serve --demo" in install
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test.strip() in ci
