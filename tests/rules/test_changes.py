"""The comparison of two versions (rules/changes): each kind of change, its severity and its places."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import orjson
import pytest

from rules.changes import ChangeSeverity, Comparison, UnreadableDocument, compare

BASE: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Layanan Perizinan", "version": "1.0.0"},
    "servers": [{"url": "https://api.contohkab.go.id/perizinan/v1"}],
    "security": [{"oauth": ["izin:baca"]}],
    "paths": {
        "/izin": {
            "get": {
                "parameters": [
                    {"name": "status", "in": "query", "schema": {"type": "string", "enum": ["diajukan", "terbit"]}},
                    {"name": "batas", "in": "query", "schema": {"type": "integer", "maximum": 100}},
                ],
                "responses": {
                    "200": {
                        "description": "Daftar izin",
                        "content": {
                            "application/json": {
                                "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Izin"}}
                            }
                        },
                    },
                    "404": {"description": "Tidak ada"},
                },
            },
            "post": {
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Permohonan"}}},
                },
                "responses": {"201": {"description": "Diterima"}},
            },
        },
        "/izin/{nomor}": {
            "get": {
                "parameters": [{"name": "nomor", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "Satu izin"}},
            },
            "delete": {
                "parameters": [{"name": "nomor", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"204": {"description": "Dihapus"}},
            },
        },
    },
    "components": {
        "securitySchemes": {
            "oauth": {
                "type": "oauth2",
                "flows": {"clientCredentials": {"tokenUrl": "https://sso.contohkab.go.id/token", "scopes": {}}},
            }
        },
        "schemas": {
            "Izin": {
                "type": "object",
                "required": ["nomor", "status"],
                "properties": {
                    "nomor": {"type": "string"},
                    "status": {"type": "string", "enum": ["diajukan", "terbit"]},
                    "induk": {"$ref": "#/components/schemas/Izin"},
                },
            },
            "Permohonan": {
                "type": "object",
                "required": ["nik"],
                "properties": {
                    "nik": {"type": "string", "maxLength": 16, "pattern": "^[0-9]{16}$"},
                    "jenis": {"type": "string", "enum": ["IUMK", "SIUP"]},
                    "catatan": {"type": "string", "maxLength": 500},
                },
            },
        },
    },
}


def _diff(edit: Callable[[dict[str, Any]], None], base: dict[str, Any] | None = None) -> Comparison:
    old = copy.deepcopy(base or BASE)
    new = copy.deepcopy(old)
    edit(new)
    indent = orjson.OPT_INDENT_2
    return compare(
        {"old.json": orjson.dumps(old, option=indent)},
        "old.json",
        {"new.json": orjson.dumps(new, option=indent)},
        "new.json",
    )


def _kinds(comparison: Comparison, severity: ChangeSeverity | None = None) -> set[str]:
    return {c.kind for c in comparison.changes if severity is None or c.severity is severity}


def _get(doc: dict[str, Any], path: str, method: str) -> dict[str, Any]:
    op: dict[str, Any] = doc["paths"][path][method]
    return op


def _schema(doc: dict[str, Any], name: str) -> dict[str, Any]:
    schema: dict[str, Any] = doc["components"]["schemas"][name]
    return schema


B, D, C = ChangeSeverity.BREAKING, ChangeSeverity.DEPRECATION, ChangeSeverity.COMPATIBLE

CASES: list[tuple[str, Callable[[dict[str, Any]], None], str, ChangeSeverity]] = [
    ("path removed", lambda d: d["paths"].pop("/izin/{nomor}"), "path-removed", B),
    ("operation removed", lambda d: d["paths"]["/izin/{nomor}"].pop("delete"), "operation-removed", B),
    ("parameter removed", lambda d: _get(d, "/izin", "get")["parameters"].pop(1), "parameter-removed", B),
    (
        "required parameter added",
        lambda d: _get(d, "/izin", "get")["parameters"].append({"name": "kec", "in": "query", "required": True}),
        "required-parameter-added",
        B,
    ),
    (
        "optional parameter added",
        lambda d: _get(d, "/izin", "get")["parameters"].append({"name": "kec", "in": "query"}),
        "parameter-added",
        C,
    ),
    (
        "parameter became required",
        lambda d: _get(d, "/izin", "get")["parameters"][1].update(required=True),
        "parameter-became-required",
        B,
    ),
    (
        "response status removed",
        lambda d: _get(d, "/izin", "get")["responses"].pop("404"),
        "response-status-removed",
        B,
    ),
    (
        "response status added",
        lambda d: _get(d, "/izin", "get")["responses"].update({"400": {"description": "Salah"}}),
        "response-status-added",
        C,
    ),
    ("response property removed", lambda d: _schema(d, "Izin")["properties"].pop("nomor"), "property-removed", B),
    (
        "response property became optional",
        lambda d: _schema(d, "Izin")["required"].pop(),
        "property-became-optional",
        B,
    ),
    (
        "response enum value added",
        lambda d: _schema(d, "Izin")["properties"]["status"]["enum"].append("dicabut"),
        "enum-value-added",
        B,
    ),
    (
        "response enum value removed",
        lambda d: _schema(d, "Izin")["properties"]["status"]["enum"].pop(),
        "enum-value-removed",
        B,
    ),
    (
        "request enum value added",
        lambda d: _schema(d, "Permohonan")["properties"]["jenis"]["enum"].append("NIB"),
        "enum-value-added",
        C,
    ),
    (
        "request enum value removed",
        lambda d: _schema(d, "Permohonan")["properties"]["jenis"]["enum"].pop(),
        "enum-value-removed",
        B,
    ),
    (
        "request property required",
        lambda d: _schema(d, "Permohonan")["required"].append("jenis"),
        "property-became-required",
        B,
    ),
    (
        "new required request property",
        lambda d: (
            _schema(d, "Permohonan")["properties"].update(alamat={"type": "string"}),
            _schema(d, "Permohonan")["required"].append("alamat"),
        ),
        "required-property-added",
        B,
    ),
    (
        "request maxLength lowered",
        lambda d: _schema(d, "Permohonan")["properties"]["catatan"].update(maxLength=200),
        "max-length-changed",
        B,
    ),
    (
        "request maxLength raised",
        lambda d: _schema(d, "Permohonan")["properties"]["catatan"].update(maxLength=1000),
        "max-length-changed",
        C,
    ),
    (
        "request pattern changed",
        lambda d: _schema(d, "Permohonan")["properties"]["nik"].update(pattern="^35[0-9]{14}$"),
        "pattern-changed",
        B,
    ),
    (
        "request format added",
        lambda d: _schema(d, "Permohonan")["properties"]["catatan"].update(format="uuid"),
        "format-changed",
        B,
    ),
    (
        "request type narrowed",
        lambda d: _get(d, "/izin", "get")["parameters"][1]["schema"].update(type="string"),
        "type-changed",
        B,
    ),
    (
        "request maximum lowered",
        lambda d: _get(d, "/izin", "get")["parameters"][1]["schema"].update(maximum=50),
        "maximum-changed",
        B,
    ),
    (
        "request body became optional",
        lambda d: _get(d, "/izin", "post")["requestBody"].update(required=False),
        "request-body-became-optional",
        C,
    ),
    ("scope added", lambda d: d.update(security=[{"oauth": ["izin:baca", "izin:tulis"]}]), "security-changed", B),
    ("security removed", lambda d: d.update(security=[]), "security-relaxed", C),
    (
        "token URL changed",
        lambda d: d["components"]["securitySchemes"]["oauth"]["flows"]["clientCredentials"].update(
            tokenUrl="https://sso2.contohkab.go.id/token"
        ),
        "security-scheme-changed",
        B,
    ),
    (
        "base path changed",
        lambda d: d.update(servers=[{"url": "https://api.contohkab.go.id/izin/v1"}]),
        "base-path-changed",
        B,
    ),
    ("operation deprecated", lambda d: _get(d, "/izin", "get").update(deprecated=True), "operation-deprecated", D),
    (
        "media type removed",
        lambda d: _get(d, "/izin", "get")["responses"]["200"].update(
            content={"application/xml": d["paths"]["/izin"]["get"]["responses"]["200"]["content"]["application/json"]}
        ),
        "media-type-removed",
        B,
    ),
]


@pytest.mark.parametrize(("name", "edit", "kind", "severity"), CASES, ids=[c[0] for c in CASES])
def test_each_kind_of_change(
    name: str, edit: Callable[[dict[str, Any]], None], kind: str, severity: ChangeSeverity
) -> None:
    found = _diff(edit)
    assert kind in _kinds(found, severity), [(c.kind, c.severity.value) for c in found.changes]
    if severity is not B:
        assert not found.breaking(), [c.message.en for c in found.breaking()]


def test_identical_documents_have_no_changes() -> None:
    assert _diff(lambda d: None).changes == ()


@pytest.mark.parametrize(
    "edit",
    [
        # Renaming a path parameter is invisible to a client.
        lambda d: d["paths"].update(
            {
                "/izin/{id}": {
                    m: {**op, "parameters": [{**op["parameters"][0], "name": "id"}]}
                    for m, op in d["paths"].pop("/izin/{nomor}").items()
                }
            }
        ),
        # Inlining a $ref, or reordering keys, changes nothing.
        lambda d: _get(d, "/izin", "post")["requestBody"]["content"]["application/json"].update(
            schema=copy.deepcopy(_schema(d, "Permohonan"))
        ),
        lambda d: d["paths"].update(dict(reversed(list(d["paths"].items())))),
        # Documentation only.
        lambda d: _get(d, "/izin", "get").update(summary="Daftar izin", description="Semua izin OPD"),
    ],
    ids=["path-parameter-renamed", "ref-inlined", "paths-reordered", "descriptions"],
)
def test_what_a_client_cannot_see_is_not_a_breaking_change(edit: Callable[[dict[str, Any]], None]) -> None:
    found = _diff(edit)
    assert not found.breaking(), [c.message.en for c in found.breaking()]


def test_a_shared_schema_change_is_reported_once_with_the_operations_it_reaches() -> None:
    found = _diff(lambda d: _schema(d, "Izin")["properties"].pop("nomor"))
    removed = [c for c in found.changes if c.kind == "property-removed"]
    assert len(removed) == 1
    change = removed[0]
    assert change.operations == ("GET /izin",)
    assert change.old.document_pointer == "/components/schemas/Izin/properties/nomor"
    assert change.new.document_pointer == "/components/schemas/Izin/properties"
    assert change.old.line > 1 and change.new.line > 1
    assert "Izin" in change.message.en and "nomor" in change.message.id


def test_a_cycle_of_references_ends() -> None:
    # Izin.induk refers to Izin itself: the comparison still finishes and finds the change once.
    found = _diff(lambda d: _schema(d, "Izin")["properties"]["status"].update(maxLength=10))
    assert [c.kind for c in found.changes] == ["max-length-changed"]


def test_a_major_version_in_paths_counts_as_base_path() -> None:
    def versioned(doc: dict[str, Any], version: str) -> None:
        doc["servers"] = [{"url": "https://api.contohkab.go.id/perizinan"}]
        doc["paths"] = {f"/{version}{path}": item for path, item in doc["paths"].items()}

    base = copy.deepcopy(BASE)
    versioned(base, "v1")
    found = _diff(lambda d: d.update(paths={p.replace("/v1/", "/v2/", 1): i for p, i in d["paths"].items()}), base)
    assert found.old.major == 1 and found.new.major == 2 and found.major_version_raised
    assert _kinds(found) == {"base-path-changed"}
    # An unversioned path added beside them (a health check) moves nothing.
    health = {"/kesehatan": {"get": {"responses": {"200": {"description": "ok"}}}}}
    found = _diff(lambda d: d["paths"].update(health), base)
    assert _kinds(found) == {"path-added"}


def test_swagger_2_and_openapi_3_compare_alike() -> None:
    v2 = {
        "swagger": "2.0",
        "info": {"title": "SIMPEG", "version": "1.0"},
        "basePath": "/simpeg/v1",
        "paths": {
            "/pegawai": {
                "post": {
                    "consumes": ["application/json"],
                    "parameters": [
                        {"name": "unit", "in": "query", "type": "string", "maxLength": 20},
                        {"name": "body", "in": "body", "required": True, "schema": {"$ref": "#/definitions/P"}},
                    ],
                    "responses": {"201": {"description": "ok"}},
                }
            }
        },
        "definitions": {"P": {"type": "object", "properties": {"nip": {"type": "string"}}}},
    }
    found = _diff(
        lambda d: (
            d["paths"]["/pegawai"]["post"]["parameters"][0].update(maxLength=10),
            d["definitions"]["P"].update(required=["nip"]),
        ),
        v2,
    )
    assert {"max-length-changed", "property-became-required"} <= _kinds(found, B)


def test_multi_file_documents_name_the_file_of_each_change() -> None:
    root = b"""openapi: 3.0.3
info: {title: Dokumen, version: "1.0"}
paths:
  /izin:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "skema/izin.yaml"}
"""
    schema_old = b"type: object\nproperties:\n  nomor: {type: string}\n  status: {type: string}\n"
    schema_new = b"type: object\nproperties:\n  nomor: {type: string}\n"
    found = compare(
        {"openapi.yaml": root, "skema/izin.yaml": schema_old},
        "openapi.yaml",
        {"openapi.yaml": root, "skema/izin.yaml": schema_new},
        "openapi.yaml",
    )
    (change,) = found.changes
    assert change.kind == "property-removed" and change.breaking
    assert change.old.file == "skema/izin.yaml" and change.old.pointer == "/properties/status"
    assert change.old.line == 4
    assert change.new.file == "skema/izin.yaml" and change.new.line == 2


def test_unreadable_documents_are_a_clear_error() -> None:
    with pytest.raises(UnreadableDocument) as error:
        compare({"a.yaml": b"openapi: [unclosed"}, "a.yaml", {"b.yaml": orjson.dumps(BASE)}, "b.yaml")
    assert error.value.side == "old" and error.value.line
    with pytest.raises(UnreadableDocument) as error:
        compare({"a.json": orjson.dumps(BASE)}, "a.json", {"b.yaml": b"title: not openapi\n"}, "b.yaml")
    assert error.value.side == "new" and "OpenAPI" in error.value.message.en


def test_refs_outside_the_files_are_never_read() -> None:
    root = orjson.dumps({**BASE, "paths": {"/x": {"get": {"responses": {"200": {"$ref": "../../etc/passwd"}}}}}})
    found = compare({"a.json": root}, "a.json", {"a.json": root}, "a.json")
    assert found.changes == ()


def test_deeply_nested_schemas_compare_without_recursion() -> None:
    """Two files, each nested as deep as one file may be, joined: deeper than Python's recursion."""

    def nested(depth: int, leaf: dict[str, Any]) -> bytes:
        schema = leaf
        for _ in range(depth):
            schema = {"type": "object", "properties": {"isi": schema}}
        return json.dumps(schema).encode()

    root = b"""openapi: 3.0.3
info: {title: Dalam, version: "1.0"}
paths:
  /izin:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: "a.json"}
      responses:
        "201": {description: ok}
"""

    def files(max_length: int) -> dict[str, bytes]:
        return {
            "openapi.yaml": root,
            "a.json": nested(95, {"$ref": "b.json"}),
            "b.json": nested(95, {"type": "string", "maxLength": max_length}),
        }

    found = compare(files(50), "openapi.yaml", files(10), "openapi.yaml")
    assert [c.kind for c in found.breaking()] == ["max-length-changed"]
    assert found.breaking()[0].new.file == "b.json"


def test_inline_variants_pair_up_by_type() -> None:
    def variants(d: dict[str, Any], order: int, max_length: int) -> None:
        both = [
            {"type": "object", "properties": {"teks": {"type": "string", "maxLength": max_length}}},
            {"type": "string", "maxLength": 10},
        ]
        _schema(d, "Permohonan")["properties"]["catatan"] = {"anyOf": both[::order]}

    base = copy.deepcopy(BASE)
    variants(base, 1, 100)
    # Reordered, and the object's property narrowed: the object is still compared with the object.
    found = _diff(lambda d: variants(d, -1, 50), base)
    assert [(c.kind, c.severity) for c in found.changes] == [("max-length-changed", B)]


def test_a_variant_inlined_from_its_ref_is_the_same_variant() -> None:
    def union(d: dict[str, Any]) -> None:
        media = _get(d, "/izin", "get")["responses"]["200"]["content"]["application/json"]
        media["schema"] = {
            "oneOf": [{"$ref": "#/components/schemas/Izin"}, {"$ref": "#/components/schemas/Permohonan"}]
        }

    base = copy.deepcopy(BASE)
    union(base)

    def inline(d: dict[str, Any]) -> None:
        variants = _get(d, "/izin", "get")["responses"]["200"]["content"]["application/json"]["schema"]["oneOf"]
        variants[1] = copy.deepcopy(_schema(d, "Permohonan"))

    assert _diff(inline, base).changes == ()
