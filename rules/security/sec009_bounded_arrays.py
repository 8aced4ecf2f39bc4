"""SEC009: arrays an API accepts have a maximum number of items."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.security._common import types_of


class BoundedArrays(Rule):
    id = "SEC009"
    name = "bounded-arrays"
    category = Category.SECURITY
    severity = Severity.WARNING
    title = Text("Array masukan dibatasi jumlahnya", "Input arrays have a maximum size")
    rationale = Text(
        "Array tanpa `maxItems` membuat satu permintaan dapat memuat jutaan butir: pemrosesan per butir "
        "(validasi, kueri basis data) menahan server terlalu lama (OWASP API4:2023).",
        "An array without `maxItems` lets one request carry millions of items: per-item work (validation, "
        "database queries) holds the server for too long (OWASP API4:2023).",
    )
    fix = Text(
        "Tambahkan `maxItems` (mis. 100) pada setiap array yang diterima API; untuk impor besar sediakan "
        "unggah berkas atau proses bertahap.",
        "Add `maxItems` (e.g. 100) to every array the API accepts; for bulk imports offer a file upload or a "
        "batched process.",
    )
    message = Text("Array masukan {where} tidak punya maxItems", "Input array {where} has no maxItems")
    references = ("https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for info in doc.schemas:
            if info.is_input and "array" in types_of(info.value) and "maxItems" not in info.value:
                yield self.violation(info.pointer, where=doc.schema_label(info))
