"""ARCHITECTURE.md's import direction holds: gate -> reports -> rules, never back."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: package -> packages it must never import
FORBIDDEN = {"rules": {"reports", "gate"}, "reports": {"gate"}}
#: what the engine must not pull in: it runs without a web server or a database
HEAVY = {"fastapi", "sqlmodel", "sqlalchemy", "uvicorn", "starlette", "celery", "redis"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_import_direction(package: str) -> None:
    for path in sorted((ROOT / package).rglob("*.py")):
        bad = imported_modules(path) & (FORBIDDEN[package] | HEAVY)
        assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"


def test_routes_go_through_services() -> None:
    """Routes call gate/services; only services import the engine."""
    routes = Path(__file__).resolve().parents[1] / "gate" / "api" / "routes"
    for path in routes.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "from rules.engine" not in text and "import rules.engine" not in text, path.name


def _gate_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("gate."):
            found.add(".".join(node.module.split(".")[:2]))
        elif isinstance(node, ast.Import):
            found.update(".".join(a.name.split(".")[:2]) for a in node.names if a.name.startswith("gate."))
    return found


@pytest.mark.parametrize("layer", ["services", "api", "web", "core", "contract"])
def test_workers_sit_above_the_services(layer: str) -> None:
    """gate/jobs imports the services; nothing below it imports gate/jobs (main.py wires it in)."""
    for path in sorted((ROOT / "gate" / layer).rglob("*.py")):
        assert "gate.jobs" not in _gate_imports(path), path.relative_to(ROOT)
