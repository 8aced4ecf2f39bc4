"""No file or URL named in a ``$ref`` is ever read: a canary's content never reaches the target
of a contract run, nor any report, whatever place of the document the reference stands in.

A canary file holds, under each fragment, something a library would gladly use if it read it
(a schema whose only value is the canary, a parameter, an example, a response, ...). Each place a
``$ref`` may stand gets its own operation that refers to the canary three ways: an absolute
``file://`` URI, a path outside the document's folder, and a URL served by the very target under
test. One operation refers to nothing: it is tested, which proves the run did run.
"""

from __future__ import annotations

import http.server
import json
import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

import reports
from gate.cli import main
from gate.contract.runner import Bounds, run_contract
from reports.json_report import from_dict
from rules.bundle import DirectorySource, load
from rules.parsing import Limits
from rules.sealing import seal

FORMATS = ("text", "json", "sarif", "junit", "markdown", "html")


@dataclass
class Target:
    """An HTTP server on 127.0.0.1 that answers everything and records every byte it receives."""

    url: str
    received: list[bytes] = field(default_factory=list)
    canary_fetched: int = 0


@pytest.fixture
def canary() -> str:
    return "KANARI-" + secrets.token_hex(12)


@pytest.fixture
def target(canary: str) -> Iterator[Target]:
    state = Target("")

    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            state.received.append(self.requestline.encode() + bytes(self.headers) + body)
            if self.path.startswith("/canary"):
                state.canary_fetched += 1
                payload = json.dumps(_canary_document(canary)).encode()
            else:
                payload = b"{}"
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _answer

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def _canary_document(canary: str) -> dict[str, Any]:
    """What each fragment of the canary file holds: the canary, where a library would use it."""
    schema = {"type": "string", "enum": [canary]}
    return {
        "schema": schema,
        "parameter": {"name": "q", "in": "query", "required": True, "type": "string", "enum": [canary]},
        "parameter3": {"name": "q", "in": "query", "required": True, "schema": schema},
        "example": {"value": canary},
        "response": {"description": canary, "schema": schema},
        "response3": {"description": canary, "content": {"application/json": {"schema": schema}}},
        "requestBody": {"required": True, "content": {"application/json": {"schema": schema}}},
        "header": {"schema": schema, "description": canary},
        "link": {"operationId": "bersih", "parameters": {"q": canary}},
        "pathItem": {"get": {"parameters": [{"name": "q", "in": "query", "required": True, "schema": schema}]}},
        "pathItem2": {"get": {"parameters": [{"name": "q", "in": "query", "required": True, "type": "string"}]}},
        "callback": {"{$request.body#/url}": {"post": {"requestBody": {"$ref": "#/requestBody"}}}},
    }


def _ok(version: str) -> dict[str, Any]:
    if version == "2.0":
        return {"200": {"description": "ok", "schema": {"type": "object"}}}
    return {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object"}}}}}


def _places(version: str, ref: str) -> dict[str, dict[str, Any]]:
    """One path per place a ``$ref`` may stand, each referring to ``ref`` + a fragment there."""
    ok = _ok(version)
    q3 = {"name": "q", "in": "query", "required": True, "schema": {"type": "string"}}
    if version == "2.0":
        return {
            "/skema": {"get": {"responses": {"200": {"description": "ok", "schema": {"$ref": ref + "#/schema"}}}}},
            "/skema-badan": {
                "post": {
                    "parameters": [{"name": "b", "in": "body", "schema": {"$ref": ref + "#/schema"}}],
                    "responses": ok,
                }
            },
            "/parameter": {"get": {"parameters": [{"$ref": ref + "#/parameter"}], "responses": ok}},
            "/respons": {"get": {"responses": {"200": {"$ref": ref + "#/response"}}}},
            "/item-path": {"$ref": ref + "#/pathItem2"},
        }
    places: dict[str, dict[str, Any]] = {
        "/skema": {"get": {"parameters": [{**q3, "schema": {"$ref": ref + "#/schema"}}], "responses": ok}},
        "/parameter": {"get": {"parameters": [{"$ref": ref + "#/parameter3"}], "responses": ok}},
        "/contoh": {"get": {"parameters": [{**q3, "examples": {"a": {"$ref": ref + "#/example"}}}], "responses": ok}},
        "/respons": {"get": {"responses": {"200": {"$ref": ref + "#/response3"}}}},
        "/badan": {"post": {"requestBody": {"$ref": ref + "#/requestBody"}, "responses": ok}},
        "/header": {
            "get": {"responses": {"200": {"description": "ok", "headers": {"X-Kanari": {"$ref": ref + "#/header"}}}}}
        },
        "/tautan": {"get": {"responses": {"200": {"description": "ok", "links": {"l": {"$ref": ref + "#/link"}}}}}},
        "/tautan-operationref": {
            "get": {
                "responses": {"200": {"description": "ok", "links": {"l": {"operationRef": ref + "#/pathItem/get"}}}}
            }
        },
        "/item-path": {"$ref": ref + "#/pathItem"},
        "/callback": {"post": {"callbacks": {"cb": {"$ref": ref + "#/callback"}}, "responses": ok}},
    }
    return places


def _document(version: str, ref: str) -> dict[str, Any]:
    clean = {"get": {"operationId": "bersih", "responses": _ok(version)}}
    doc: dict[str, Any] = {"info": {"title": "Kanari", "version": "1.0.0"}}
    if version == "2.0":
        doc["swagger"] = "2.0"
        doc["produces"] = ["application/json"]
    else:
        doc["openapi"] = "3.0.3" if version == "3.0" else "3.1.0"
    doc["paths"] = {"/bersih": clean, **_places(version, ref)}
    return doc


REF_FORMS = ("file", "outside", "url")
VERSIONS = ("2.0", "3.0", "3.1")


def _write(tmp_path: Path, canary: str, target: Target, version: str, form: str) -> Path:
    secret = tmp_path / "rahasia"
    secret.mkdir(exist_ok=True)
    (secret / "canary.json").write_text(json.dumps(_canary_document(canary)), encoding="utf-8")
    ref = {
        "file": (secret / "canary.json").as_uri(),
        "outside": "../rahasia/canary.json",
        "url": target.url + "/canary.json",
    }[form]
    folder = tmp_path / f"dok-{version}-{form}"
    folder.mkdir()
    path = folder / "openapi.yaml"
    path.write_text(yaml.safe_dump(_document(version, ref), sort_keys=False), encoding="utf-8")
    return path


def _assert_never_leaked(canary: str, target: Target, *texts: str) -> None:
    assert target.canary_fetched == 0, "a URL named in a $ref was fetched"
    assert not [r for r in target.received if canary.encode() in r], "the canary reached the target"
    for text in texts:
        assert canary not in text


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("form", REF_FORMS)
def test_sealing_leaves_no_reference_the_gate_did_not_resolve(
    tmp_path: Path, canary: str, target: Target, version: str, form: str
) -> None:
    path = _write(tmp_path, canary, target, version, form)
    bundle = load(DirectorySource(path.parent), path.name, Limits())
    sealed = seal(bundle.data)
    assert _foreign_references(sealed.data) == []
    assert {u.path for u in sealed.untested} == set(_places(version, "x"))
    assert [p for p, item in sealed.data["paths"].items() if item] == ["/bersih"]


def _foreign_references(node: Any, at: str = "") -> list[str]:
    """Every reference-like keyword left in the tree that is not a local pointer."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            foreign = isinstance(value, str) and not value.startswith("#/")
            if key in ("$ref", "operationRef", "$id", "$schema", "externalValue") and foreign:
                found.append(f"{at}/{key}: {value}")
            found.extend(_foreign_references(value, f"{at}/{key}"))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found.extend(_foreign_references(item, f"{at}/{index}"))
    return found


@pytest.mark.parametrize("version", VERSIONS)
def test_a_contract_run_from_the_cli_never_reads_a_referenced_file(
    tmp_path: Path, canary: str, target: Target, version: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, canary, target, version, "file")
    out = tmp_path / "laporan.json"
    args = ["--base-url", target.url, "--allow", "127.0.0.1/32", "--max-examples", "3", "--time-limit", "20"]
    code = main(["check", str(path), *args, "-f", "json", "-o", str(out)])
    captured = capsys.readouterr()
    assert code == 1  # the references themselves are findings (VAL004/VAL005)
    report = json.loads(out.read_text(encoding="utf-8"))
    assert {"VAL003", "VAL004", "VAL005"} & {f["rule"] for f in report["findings"]}
    assert any(r.startswith(b"GET /bersih") for r in target.received), "the well-defined operation was tested"
    assessment = from_dict(report)
    rendered = [reports.render(assessment, fmt, lang) for fmt in FORMATS for lang in ("id", "en")]
    _assert_never_leaked(canary, target, captured.out, captured.err, out.read_text(encoding="utf-8"), *rendered)


@pytest.mark.parametrize("form", REF_FORMS)
def test_a_contract_run_reports_what_it_left_untested(tmp_path: Path, canary: str, target: Target, form: str) -> None:
    path = _write(tmp_path, canary, target, "3.1", form)
    bundle = load(DirectorySource(path.parent), path.name, Limits())
    run = run_contract(bundle.data, target.url, bounds=Bounds(time_limit_s=20, max_examples=3))
    assert run.stopped == "completed", run.error
    assert {path for _, path, _ in run.untested} >= {"/skema", "/parameter", "/contoh", "/item-path", "/callback"}
    assert run.operations_tested >= 1
    _assert_never_leaked(canary, target, json.dumps(run.as_dict()))


def test_a_run_with_no_well_defined_operation_is_refused_with_the_reason(
    tmp_path: Path, canary: str, target: Target
) -> None:
    path = _write(tmp_path, canary, target, "3.0", "file")
    bundle = load(DirectorySource(path.parent), path.name, Limits())
    del bundle.data["paths"]["/bersih"]
    for name in ("/tautan", "/tautan-operationref"):
        del bundle.data["paths"][name]
    run = run_contract(bundle.data, target.url, bounds=Bounds(time_limit_s=10, max_examples=2))
    assert run.stopped == "refused" and run.requests == 0
    assert "well-defined" in run.error and "file://" in run.error
    assert target.received == []
