"""The service's own OpenAPI document, held to the gate's own rulebook (tests/service/test_self_assessment.py).

FastAPI generates the paths from the routes; this adds what a route cannot say: the SPBE
metadata, the security schemes, problem-details error responses on every operation, and the
upload limit on file fields.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from gate.core.config import Settings
from rules import __version__

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "Galat menurut RFC 9457 (problem details).",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "description": "URI jenis galat.", "maxLength": 500},
        "title": {"type": "string", "description": "Ringkasan galat.", "maxLength": 200},
        "status": {"type": "integer", "description": "Kode status HTTP.", "minimum": 100, "maximum": 599},
        "detail": {"type": "string", "description": "Penjelasan untuk pengguna, dalam bahasanya.", "maxLength": 5000},
    },
    "example": {"type": "about:blank", "title": "Tidak ditemukan", "status": 404, "detail": "Tidak ditemukan."},
}
_ERRORS = {
    "401": "Belum masuk atau token tidak berlaku.",
    "403": "Tidak berwenang untuk tindakan ini.",
    "404": "Tidak ditemukan (atau milik OPD lain).",
    "422": "Data permintaan tidak valid.",
    "429": "Terlalu banyak permintaan; coba lagi nanti.",
    "500": "Galat di server SPBE Gate.",
}
_PUBLIC = {("/api/v1/auth/login", "post"), ("/api/v1/auth/logout", "post"), ("/api/v1/kesehatan", "get")}

X_SPBE = {
    "opd": "Dinas Komunikasi dan Informatika",
    "penanggung_jawab": {"nama": "Tim SPBE Gate Diskominfo", "email": "spbe-gate@diskominfo.go.id"},
    "jenis_aplikasi": "umum",
    "lifecycle": "production",
    "hosting": "pusat-data-daerah",
    "sso": False,
    "integrasi": ["Pipeline CI OPD (spbe-gate submit)"],
    "lisensi": "Apache-2.0",
}


def install(app: FastAPI, settings: Settings) -> None:
    """Replace ``app.openapi`` with the post-processed document (built once, then cached)."""

    def build() -> dict[str, Any]:
        if app.openapi_schema is None:
            doc = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
            app.openapi_schema = _finish(doc, settings)
        return app.openapi_schema

    app.openapi = build  # type: ignore[method-assign]


def _finish(doc: dict[str, Any], settings: Settings) -> dict[str, Any]:
    info = doc["info"]
    info["version"] = __version__ if __version__.count(".") == 2 else f"{__version__}.0"
    info["contact"] = {"name": "Diskominfo", "email": "spbe-gate@diskominfo.go.id"}
    info["license"] = {"name": "Apache-2.0", "url": "https://www.apache.org/licenses/LICENSE-2.0"}
    info["x-spbe"] = {**X_SPBE, **settings.spbe_metadata}
    doc["servers"] = [{"url": "/", "description": "Server ini / this server"}]
    components = doc.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas["Problem"] = PROBLEM_SCHEMA
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    components["securitySchemes"] = {
        "tokenCI": {
            "type": "http",
            "scheme": "bearer",
            "description": "Token CI per OPD (`sgt_...`), dibuat di halaman Token.",
            "x-spbe-ignore": [
                {
                    "rule": "SEC005",
                    "reason": "Token CI buram per OPD dikirim sebagai Bearer; "
                    "layanan bawaan tidak menjalankan server OAuth2.",
                }
            ],
        },
        "sesi": {
            "type": "apiKey",
            "in": "cookie",
            "name": "spbe_gate_session",
            "description": "Sesi halaman web; permintaan yang mengubah data wajib membawa header X-CSRF-Token.",
            "x-spbe-ignore": [
                {"rule": "SEC005", "reason": "Cookie sesi HttpOnly SameSite untuk halaman web, dilindungi token CSRF."}
            ],
        },
    }
    doc["security"] = [{"tokenCI": []}, {"sesi": []}]
    for path, item in doc.get("paths", {}).items():
        for method, op in item.items():
            _errors(op)
            if (path, method) in _PUBLIC:
                op["security"] = []
                op["x-spbe-ignore"] = [{"rule": "SEC003", "reason": "Masuk dan keluar tidak dapat mensyaratkan sesi."}]
    _bound_uploads(schemas, settings.max_upload_bytes)
    return doc


def _errors(op: dict[str, Any]) -> None:
    responses = op.setdefault("responses", {})
    for status, description in _ERRORS.items():
        responses[status] = {
            "description": description,
            "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }


def _bound_uploads(schemas: dict[str, Any], limit: int) -> None:
    """File fields carry the upload limit the service enforces."""
    for schema in schemas.values():
        for prop in (schema.get("properties") or {}).values():
            for variant in [prop, *prop.get("anyOf", [])]:
                if variant.get("format") == "binary" or variant.get("contentMediaType") == "application/octet-stream":
                    variant.setdefault("maxLength", limit)
