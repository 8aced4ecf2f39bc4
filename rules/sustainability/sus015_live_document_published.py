"""SUS015: a deployment in production publishes the OpenAPI document it serves."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.sustainability._common import at


class LiveDocumentPublished(Rule):
    id = "SUS015"
    name = "live-document-published"
    category = Category.SUSTAINABILITY
    severity = Severity.INFO
    title = Text("Dokumen OpenAPI produksi diterbitkan", "The production OpenAPI document is published")
    rationale = Text(
        "Bila deployment menerbitkan dokumen OpenAPI-nya, gerbang dapat membandingkannya dengan versi yang "
        "disetujui dan memberi tahu OPD saat API berubah tanpa tinjauan, sebelum aplikasi OPD lain rusak.",
        "When the deployment publishes its OpenAPI document, the gate can compare it with the approved version "
        "and tell the OPD when the API changes without review, before other OPDs' applications break.",
    )
    fix = Text(
        "Terbitkan dokumen OpenAPI di deployment produksi dan isi `url_openapi` di `info.x-spbe` dengan URL "
        "HTTPS-nya, mis. `https://perizinan.contohkab.go.id/perizinan/v1/openapi.json`.",
        "Publish the OpenAPI document on the production deployment and set `url_openapi` in `info.x-spbe` to "
        "its HTTPS URL, e.g. `https://perizinan.contohkab.go.id/perizinan/v1/openapi.json`.",
    )
    message = Text(
        "url_produksi dinyatakan tanpa url_openapi: perubahan API di produksi tidak dapat dipantau",
        "url_produksi is declared without url_openapi: API changes in production cannot be watched",
    )
    references = ("https://spec.openapis.org/oas/v3.1.0",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        meta = doc.x_spbe
        if meta is not None and meta.get("url_produksi") and not meta.get("url_openapi"):
            yield self.violation(at("url_produksi"))
