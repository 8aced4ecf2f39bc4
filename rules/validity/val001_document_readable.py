"""VAL001: the document can be read, and it says which OpenAPI version it follows."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text


class DocumentReadable(Rule):
    id = "VAL001"
    name = "document-readable"
    category = Category.VALIDITY
    severity = Severity.ERROR
    title = Text("Dokumen dapat dibaca", "The document can be read")
    rationale = Text(
        "Gerbang hanya dapat menilai dokumen YAML atau JSON yang utuh, dalam batas ukuran, dan "
        "menyatakan versi OpenAPI (2.0, 3.0 atau 3.1).",
        "The gate can only assess a complete YAML or JSON document, within the size limits, that "
        "states its OpenAPI version (2.0, 3.0 or 3.1).",
    )
    fix = Text(
        "Perbaiki kesalahan sintaks pada baris yang ditunjuk, simpan sebagai UTF-8, dan mulai "
        'dokumen dengan `openapi: 3.0.3` (atau `swagger: "2.0"`).',
        "Fix the syntax error at the line shown, save as UTF-8, and start the document with "
        '`openapi: 3.0.3` (or `swagger: "2.0"`).',
    )
    message = Text("Dokumen tidak dapat dibaca: {reason}", "The document cannot be read: {reason}")
    references = ("https://spec.openapis.org/oas/v3.1.0#format",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        if not isinstance(doc.bundle.data, dict):
            yield self.violation(
                "",
                reason=Text(
                    "isi berkas bukan objek (pemetaan kunci-nilai)",
                    "the file's content is not an object (a key-value mapping)",
                ),
            )
        elif doc.version is None:
            where = "/openapi" if "openapi" in doc.data else "/swagger" if "swagger" in doc.data else ""
            yield self.violation(
                where,
                reason=Text(
                    'versi OpenAPI tidak dikenal; tulis `openapi: 3.0.x`, `openapi: 3.1.x` atau `swagger: "2.0"`',
                    'unknown OpenAPI version; write `openapi: 3.0.x`, `openapi: 3.1.x` or `swagger: "2.0"`',
                ),
            )
