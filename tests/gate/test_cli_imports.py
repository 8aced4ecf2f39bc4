"""`spbe-gate check` imports only what it uses: every import is paid on every run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gate.cli import main

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT = ROOT / "examples" / "layanan-perizinan" / "openapi.yaml"
#: The service (web, API, database, jobs), the contract runner and its HTTP stack, and PyYAML
#: (the parser's fallback for what rapidyaml refuses).
FORBIDDEN = (
    "gate.api",
    "gate.web",
    "gate.services",
    "gate.jobs",
    "gate.core",
    "gate.models",
    "gate.contract",
    "fastapi",
    "starlette",
    "uvicorn",
    "sqlalchemy",
    "sqlmodel",
    "alembic",
    "psycopg",
    "celery",
    "redis",
    "schemathesis",
    "hypothesis",
    "requests",
    "urllib3",
    "httpx",
    "yaml",
)

_PROBE = """
import json, os, sys
from gate.cli import main
code = main(sys.argv[1:])
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_check_loads_no_service_contract_or_database_stack(fmt: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, "check", str(DOCUMENT), "--format", fmt, "--output", "-"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    loaded = json.loads(proc.stderr.strip().splitlines()[-1])
    offending = [m for m in loaded if m.split(".")[0] in FORBIDDEN or m.startswith(FORBIDDEN)]
    assert offending == []


def test_contract_option_defaults_in_the_help_are_the_runners(capsys: pytest.CaptureFixture[str]) -> None:
    """The help names the defaults without importing the runner; they must stay its defaults."""
    from gate.contract.runner import Bounds

    with pytest.raises(SystemExit):
        main(["test", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    d = Bounds()
    for shown in (d.max_examples, f"{d.time_limit_s:g}", d.max_requests, f"{d.request_timeout_s:g}", d.rate_limit):
        assert f"(default {shown})" in out
