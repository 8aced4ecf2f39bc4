"""The documentation says what the code does: generated parts are current, commands are real."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

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


# -- the README's console blocks are real runs -------------------------------------------------

#: The demonstration servers the README starts by hand are the test session's (tests/conftest.py).
_SERVER = re.compile(r"^python examples/layanan-perizinan/server\.py --port (\d+)( --cacat)? &$")


@dataclass
class Session:
    command: list[str]
    expected: list[str]


def console_sessions(text: str) -> list[tuple[dict[str, bool], list[Session]]]:
    """Each ```console block: the servers it starts (port -> defective?) and its commands, each
    with the output shown under it."""
    blocks = []
    for block in re.findall(r"```console\n(.*?)```", text, re.S):
        servers: dict[str, bool] = {}
        sessions: list[Session] = []
        lines = block.splitlines()
        i = 0
        while i < len(lines):
            line = lines[i]
            assert line.startswith("$ "), f"output before any command: {line!r}"
            command = line[2:]
            while command.endswith("\\"):
                i += 1
                command = command[:-1] + lines[i].strip()
            i += 1
            expected = []
            while i < len(lines) and not lines[i].startswith("$ "):
                expected.append(lines[i])
                i += 1
            words = shlex.split(command, comments=True)
            server = _SERVER.match(" ".join(words))
            if server:
                servers[server.group(1)] = bool(server.group(2))
                continue
            assert words[0] == "spbe-gate", f"the README's console blocks run spbe-gate only: {command}"
            sessions.append(Session(words[1:], expected))
        blocks.append((servers, sessions))
    return blocks


def matches(expected: list[str], actual: str) -> bool:
    """Line by line; a line ``...`` stands for any lines (none included), a line ending in `` ...``
    for any line beginning with what precedes it."""
    pattern = ""
    for line in expected:
        if line.strip() in ("...", "…"):
            pattern += r"(?:.*\n)*?"
        elif line.endswith(" ..."):
            pattern += re.escape(line[:-3]) + r".*\n"
        else:
            pattern += re.escape(line) + r"\n"
    return re.fullmatch(pattern, actual) is not None


def test_readme_console_blocks_are_real_output(request: pytest.FixtureRequest) -> None:
    """The CLI tour and the contract tests as the README shows them: each command is run (the
    demonstration servers are the session's, on their own ports) and its output must be what the
    README prints, so that the tour cannot drift from the tool again."""
    blocks = console_sessions(README)
    assert len(blocks) >= 3 and sum(len(s) for _, s in blocks) >= 4
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPBE_GATE_")}
    env["NO_COLOR"] = "1"
    for servers, sessions in blocks:
        ports = {port: request.getfixturevalue("defective" if bad else "good") for port, bad in servers.items()}
        for session in sessions:
            args = list(session.command)
            for port, base in ports.items():  # the README's port -> the session server's
                args = [a.replace(f"http://127.0.0.1:{port}/perizinan/v1", base) for a in args]
            result = subprocess.run(
                [sys.executable, "-m", "gate", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
            )
            assert result.returncode in (0, 1), result.stderr
            actual = result.stdout
            for port, base in ports.items():
                actual = actual.replace(base.split("/perizinan")[0], f"http://127.0.0.1:{port}")
            expected = "\n".join(session.expected)
            assert matches(session.expected, actual), (
                f"$ spbe-gate {' '.join(session.command)}\n--- README\n{expected}\n--- real\n{actual}"
            )


@pytest.mark.parametrize(
    ("expected", "actual", "ok"),
    [
        (["a", "...", "d"], "a\nb\nc\nd\n", True),
        (["a", "...", "d"], "a\nd\n", True),
        (["a", "b ..."], "a\nb c d\n", True),
        (["a", "b"], "a\nb\nc\n", False),  # nothing left out silently
        (["a", "5 operasi"], "a\n10 operasi\n", False),
    ],
)
def test_console_matching(expected: list[str], actual: str, ok: bool) -> None:
    assert matches(expected, actual) is ok
