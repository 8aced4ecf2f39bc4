"""The ``info.x-spbe`` metadata: one field table, the JSON Schema built from it, and its README table.

What the gate needs to know about an application besides its API: who owns it, who answers for
it, what kind of application it is (Perpres 95/2018), where it runs, whether it is funded.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import jsonschema_rs

from rules.i18n import Lang, Text
from rules.sealing import refuse_retrieval

LIFECYCLES = ("development", "staging", "production", "deprecated", "retired")
HOSTINGS = ("pdn", "pusat-data-daerah", "cloud-lain")
KINDS = ("umum", "khusus")
#: What a report calls each choice (the document keeps the code).
CHOICE_LABELS: dict[str, Text] = {
    "umum": Text("umum", "general"),
    "khusus": Text("khusus", "special-purpose"),
    "development": Text("pengembangan", "development"),
    "staging": Text("staging", "staging"),
    "production": Text("produksi", "production"),
    "deprecated": Text("usang", "deprecated"),
    "retired": Text("dihentikan", "retired"),
    "pdn": Text("Pusat Data Nasional", "National Data Centre"),
    "pusat-data-daerah": Text("pusat data daerah", "regional data centre"),
    "cloud-lain": Text("cloud lain", "another cloud"),
}


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    schema: dict[str, Any]
    required: bool
    shape: str
    description: Text
    #: What a report calls the field (its key is for the document's author).
    label: Text


_PERSON = {
    "type": "object",
    "required": ["nama", "email"],
    "properties": {
        "nama": {"type": "string", "minLength": 1, "maxLength": 200},
        "email": {"type": "string", "format": "email", "maxLength": 320},
        "jabatan": {"type": "string", "maxLength": 200},
        "telepon": {"type": "string", "maxLength": 40},
    },
    "additionalProperties": False,
}
_BUDGET_YEAR = {"type": "integer", "minimum": 2000, "maximum": 2100}
_BUDGET = {
    "type": "array",
    "items": {
        "oneOf": [
            _BUDGET_YEAR,
            {
                "type": "object",
                "required": ["tahun"],
                "properties": {
                    "tahun": _BUDGET_YEAR,
                    "sumber": {"type": "string", "maxLength": 100},
                    "keterangan": {"type": "string", "maxLength": 500},
                },
                "additionalProperties": False,
            },
        ]
    },
}
_INTEGRATION = {
    "type": "array",
    "items": {
        "oneOf": [
            {"type": "string", "minLength": 1, "maxLength": 300},
            {
                "type": "object",
                "required": ["nama"],
                "properties": {
                    "nama": {"type": "string", "minLength": 1, "maxLength": 300},
                    "jenis": {"type": "string", "maxLength": 100},
                    "url": {"type": "string", "maxLength": 500},
                },
                "additionalProperties": False,
            },
            # A structured entry: its content is judged by SUS017 and SUS018, each problem at its place.
            {"type": "object", "anyOf": [{"required": ["aplikasi"]}, {"required": ["sistem"]}]},
        ]
    },
}

FIELDS = (
    Field(
        "opd",
        {"type": "string", "minLength": 3, "maxLength": 300},
        True,
        "string",
        Text("Nama OPD pemilik aplikasi.", "Name of the OPD that owns the application."),
        Text("OPD pemilik", "Owner OPD"),
    ),
    Field(
        "kode_opd",
        {"type": "string", "maxLength": 64},
        False,
        "string",
        Text("Kode OPD (kode unit kerja).", "The OPD's code (work unit code)."),
        Text("Kode OPD", "OPD code"),
    ),
    Field(
        "penanggung_jawab",
        _PERSON,
        True,
        "{nama, email, jabatan?, telepon?}",
        Text(
            "Pejabat yang bertanggung jawab atas aplikasi; surel di domain pemerintah.",
            "The official answerable for the application; e-mail on a government domain.",
        ),
        Text("Penanggung jawab", "Responsible official"),
    ),
    Field(
        "jenis_aplikasi",
        {"enum": list(KINDS)},
        True,
        " | ".join(KINDS),
        Text(
            "Aplikasi umum atau khusus (Perpres 95/2018).", "General or special-purpose application (Perpres 95/2018)."
        ),
        Text("Jenis aplikasi", "Application type"),
    ),
    Field(
        "lifecycle",
        {"enum": list(LIFECYCLES)},
        True,
        " | ".join(LIFECYCLES),
        Text("Tahap siklus hidup aplikasi.", "The application's lifecycle stage."),
        Text("Siklus hidup", "Lifecycle"),
    ),
    Field(
        "hosting",
        {"enum": list(HOSTINGS)},
        True,
        " | ".join(HOSTINGS),
        Text(
            "Tempat aplikasi berjalan: Pusat Data Nasional, pusat data daerah, atau cloud lain.",
            "Where the application runs: the National Data Centre, a regional data centre, or another cloud.",
        ),
        Text("Tempat hosting", "Hosting"),
    ),
    Field(
        "anggaran",
        _BUDGET,
        False,
        "[tahun | {tahun, sumber?, keterangan?}]",
        Text(
            "Tahun anggaran yang membiayai operasi dan pemeliharaan.", "Budget years funding operation and maintenance."
        ),
        Text("Tahun anggaran", "Budget years"),
    ),
    Field(
        "sso",
        {"type": "boolean"},
        False,
        "boolean",
        Text("Memakai SSO (layanan bersama) pemerintah daerah.", "Uses the local government's SSO (shared service)."),
        Text("Memakai SSO pemerintah daerah", "Uses the local government SSO"),
    ),
    Field(
        "integrasi",
        _INTEGRATION,
        False,
        "[{aplikasi | sistem, operasi?, keterangan?}]",
        Text(
            "Yang dipanggil aplikasi ini: aplikasi di katalog (`aplikasi`: id atau slug) atau sistem nasional "
            "(`sistem`: kode, mis. SIAK), dan operasinya (`operasi`: operationId atau `METHOD /path`). "
            "Teks bebas masih diterima dengan peringatan.",
            "What this application calls: a catalogued application (`aplikasi`: id or slug) or a national "
            "system (`sistem`: a code, e.g. SIAK), and its operations (`operasi`: operationId or `METHOD /path`). "
            "Free text is still accepted, with a warning.",
        ),
        Text("Integrasi", "Integrations"),
    ),
    Field(
        "url_produksi",
        {"type": "string", "format": "uri", "pattern": "^https://", "maxLength": 500},
        False,
        "https://…",
        Text(
            "URL dasar deployment produksi; gerbang memantaunya (kesehatan, sertifikat TLS) selama rekomendasi "
            "berlaku.",
            "The production deployment's base URL; the gate watches it (health, TLS certificate) while the "
            "recommendation holds.",
        ),
        Text("URL produksi", "Production URL"),
    ),
    Field(
        "url_openapi",
        {"type": "string", "format": "uri", "pattern": "^https://", "maxLength": 500},
        False,
        "https://…",
        Text(
            "URL dokumen OpenAPI yang dilayani deployment produksi; gerbang membandingkannya dengan versi yang "
            "disetujui (drift).",
            "The URL of the OpenAPI document the production deployment serves; the gate compares it with the "
            "approved version (drift).",
        ),
        Text("URL dokumen OpenAPI produksi", "Production OpenAPI document URL"),
    ),
    Field(
        "sunset",
        {"type": "string", "format": "date"},
        False,
        "YYYY-MM-DD",
        Text("Tanggal penghentian (wajib bila `deprecated`).", "Retirement date (required when `deprecated`)."),
        Text("Tanggal penghentian", "Retirement date"),
    ),
    Field(
        "lisensi",
        {"type": "string", "maxLength": 100},
        False,
        "string",
        Text("Lisensi kode sumber (SPDX), mis. Apache-2.0.", "Source code licence (SPDX), e.g. Apache-2.0."),
        Text("Lisensi", "Licence"),
    ),
)

X_SPBE_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": [f.name for f in FIELDS if f.required],
    "properties": {f.name: f.schema for f in FIELDS},
    "patternProperties": {"^x-": {}},
    "additionalProperties": False,
}


@cache
def validator() -> Any:
    return jsonschema_rs.Draft202012Validator(X_SPBE_SCHEMA, validate_formats=True, retriever=refuse_retrieval)


_PIPE = "\\|"


def markdown_table(lang: Lang = "id") -> str:
    head = ("| Field | Wajib | Bentuk | Keterangan |", "|---|---|---|---|")
    if lang == "en":
        head = ("| Field | Required | Shape | Meaning |", "|---|---|---|---|")
    yes, no = ("ya", "tidak") if lang == "id" else ("yes", "no")
    # A pipe inside a table cell must be escaped, even in a code span (GitHub Flavored Markdown).
    rows = [
        f"| `{f.name}` | {yes if f.required else no} | `{f.shape.replace('|', _PIPE)}` | {f.description.get(lang)} |"
        for f in FIELDS
    ]
    return "\n".join([*head, *rows]) + "\n"
