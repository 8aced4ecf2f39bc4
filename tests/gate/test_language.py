"""The command line speaks one language at a time: no English word in its Indonesian output and
no Indonesian word in its English output.

The two vocabularies are taken from the code itself: every ``Text(id, en)`` written with literals
in ``gate/``, ``rules/`` and ``reports/``. A word that only the English texts use is English (and
the other way round); words both use (OpenAPI keywords, NIK, URL...) belong to neither. What the
assessed document says is its own (its title, its parameter names) and is not counted; usage
lines (option names and choices) are syntax, not language; markup is not text.
"""

from __future__ import annotations

import ast
import os
import re
import xml.etree.ElementTree as ET
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LEGACY = ROOT / "examples" / "simpeg-lama" / "swagger.yaml"
INVALID = ROOT / "tests" / "rules" / "cases" / "VAL002" / "bad.yaml"
_WORD = re.compile(r"^[A-Za-z]{4,}$")
_EDGE = "\"'`.,;:!?()[]{}<>«»—–*|"


def words(text: str) -> set[str]:
    """Plain words of four letters or more: not identifiers (snake_case, kebab-case, dotted), not
    paths, numbers or pointers."""
    out = set()
    text = re.sub(r"`[^`]*`|\{[^}]*\}", " ", text)  # code and placeholders
    for token in text.split():
        if (token[:1] in "'`\"" and token.rstrip(".,;:!?)]}")[-1:] in "'`\"") or token.startswith("--"):
            continue  # quoted: a value or an identifier, not a word of the sentence
        token = token.strip(_EDGE)
        if _WORD.match(token):
            out.add(token.lower())
    return out


def _literal(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):  # an f-string: its literal parts
        return " ".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    return None


@cache
def vocabularies() -> tuple[frozenset[str], frozenset[str]]:
    """(Indonesian-only words, English-only words) of every Text(id, en) in the code."""
    indonesian: set[str] = set()
    english: set[str] = set()
    for package in ("gate", "rules", "reports"):
        for file in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call) or len(node.args) != 2:
                    continue
                name = getattr(node.func, "id", getattr(node.func, "attr", None))
                id_text, en_text = _literal(node.args[0]), _literal(node.args[1])
                if name == "Text" and id_text is not None and en_text is not None:
                    indonesian |= words(id_text)
                    english |= words(en_text)
    assert len(indonesian) > 500 and len(english) > 500  # the walk found the texts
    keys = openapi_keys()
    return frozenset(indonesian - english - keys), frozenset(english - indonesian - keys)


@cache
def openapi_keys() -> frozenset[str]:
    """The OpenAPI specification's own field names (``servers``, ``host``, ``schemes``): messages
    name them as code, a terminal shows them without backticks, and they are no language's words."""
    from rules.validity.val002_openapi_schema import osv_schema

    keys: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            properties = node.get("properties")
            if isinstance(properties, dict):
                keys.update(k.lower() for k in properties)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for version in ("2.0", "3.0", "3.1"):
        walk(osv_schema(version))
    return frozenset(keys)


#: Elements whose content is not language: markup, and code (keys, values, commands, snippets),
#: which the texts write between backticks and the pages show as code.
_NOT_TEXT = ("style", "script", "code", "pre")


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in _NOT_TEXT
        self.parts.extend(v or "" for k, v in attrs if k in ("title", "aria-label", "alt"))

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in _NOT_TEXT

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def readable(output: str, fmt: str) -> str:
    """What a person reads of an output: text and messages, without markup or usage syntax."""
    if fmt == "html":
        parser = _TextOnly()
        parser.feed(output)
        return "\n".join(parser.parts)
    if fmt == "junit":
        root = ET.fromstring(output)
        return "\n".join([e.text or "" for e in root.iter()] + [e.get("message", "") for e in root.iter()])
    lines = []
    in_usage = False
    for line in output.splitlines():
        if re.match(r"^(pemakaian|usage):", line):
            in_usage = True
            continue
        if in_usage and line.startswith(" "):
            continue
        in_usage = False
        lines.append(re.sub(r"^spbe-gate( [a-z-]+)*: ", "", line))  # the program's name
    return "\n".join(lines)


def gate(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """What the command prints, stdout and stderr (in this process: 40 runs in a few seconds)."""
    from gate.cli import main
    from gate.core.config import get_settings

    get_settings.cache_clear()  # GATE_* as set now
    try:
        main(list(args))
    except SystemExit:  # argparse's usage errors
        pass
    finally:
        get_settings.cache_clear()
    out, err = capsys.readouterr()
    return out + err


def _oversized(tmp_path: Path) -> str:
    big = tmp_path / "besar" / "openapi.yaml"
    big.parent.mkdir(exist_ok=True)
    with big.open("wb") as fh:
        fh.write(LEGACY.read_bytes())
        fh.truncate(21 * 1024 * 1024)
    return str(big)


def _profile(tmp_path: Path, text: str) -> str:
    path = tmp_path / "profil.yaml"
    path.write_text(text)
    return str(path)


#: (name, format, command) — the outputs a user meets: reports, listings and every kind of error.
CASES = [
    ("report", "text", lambda t: ["check", str(LEGACY)]),
    ("report", "markdown", lambda t: ["check", str(LEGACY), "-f", "markdown"]),
    ("report", "html", lambda t: ["check", str(LEGACY), "-f", "html"]),
    ("report", "junit", lambda t: ["check", str(LEGACY), "-f", "junit"]),
    ("invalid document", "text", lambda t: ["check", str(INVALID)]),
    ("oversized document", "text", lambda t: ["check", _oversized(t)]),
    ("rules", "text", lambda t: ["rules"]),
    ("rules", "markdown", lambda t: ["rules", "-f", "markdown"]),
    ("no such file", "text", lambda t: ["check", str(t / "tidak-ada.yaml")]),
    ("several documents", "text", lambda t: ["check", str(LEGACY), str(t / "tidak-ada.yaml")]),
    ("unknown option", "text", lambda t: ["check", str(LEGACY), "--bogus"]),
    ("missing argument", "text", lambda t: ["check"]),
    ("bad choice", "text", lambda t: ["check", str(LEGACY), "-f", "pdf"]),
    ("bad number", "text", lambda t: ["serve", "--port", "delapan"]),
    ("bad --write", "text", lambda t: ["check", str(LEGACY), "--write", "pdf"]),
    ("unknown rule in profile", "text", lambda t: ["check", str(LEGACY), "--profile", _profile(t, "rules: {X1: off}")]),
    ("bad limit in profile", "text", lambda t: ["rules", "--profile", _profile(t, "limits: {max_file_bytes: -1}")]),
    ("missing profile", "text", lambda t: ["rules", "--profile", str(t / "tidak-ada.yaml")]),
    ("submit without a server", "text", lambda t: ["submit", str(LEGACY)]),
    ("submit to nobody", "text", lambda t: ["submit", str(LEGACY), "--server", "http://127.0.0.1:9", "--token", "x"]),
]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_cli_output_is_in_one_language(
    lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in [k for k in os.environ if k.startswith(("SPBE_GATE_", "GATE_"))]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("SPBE_GATE_LANG", lang)
    monkeypatch.setenv("NO_COLOR", "1")
    indonesian, english = vocabularies()
    foreign = english if lang == "id" else indonesian
    own = words(LEGACY.read_text()) | words(INVALID.read_text())  # the documents' own words
    leaks = []
    for name, fmt, command in CASES:
        text = readable(gate(capsys, *command(tmp_path)), fmt)
        assert text.strip(), name
        found = sorted((words(text) & foreign) - own)
        if found:
            leaks.append(f"{name} ({fmt}): {found}")
    monkeypatch.setenv("GATE_PORT", "delapan")
    settings = readable(gate(capsys, "serve"), "text")
    assert "GATE_PORT" in settings
    if words(settings) & foreign:
        leaks.append(f"settings error: {sorted(words(settings) & foreign)}")
    assert not leaks, "\n".join(leaks)


def test_the_vocabularies_hold_the_words_that_leaked() -> None:
    """What leaked before this test existed is what it catches."""
    indonesian, english = vocabularies()
    assert {"servers", "schemes", "host"} <= openapi_keys() and not {"error", "warning"} & openapi_keys()
    assert {"error", "warning", "unknown", "file"} <= english  # `rules`, profile errors
    assert {"galat", "peringatan", "berkas", "bawaan"} <= indonesian  # the default profile's name
    assert words("Profile: bawaan · [error] No such file") & (indonesian | english) == {
        "profile",
        "bawaan",
        "error",
        "such",
        "file",
    }
