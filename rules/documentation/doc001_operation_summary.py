"""DOC001: every operation has a summary."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.documentation._common import described
from rules.i18n import Text


class OperationSummary(Rule):
    id = "DOC001"
    name = "operation-summary"
    category = Category.DOCUMENTATION
    severity = Severity.WARNING
    title = Text("Operasi punya ringkasan", "Operations have a summary")
    rationale = Text(
        "Ringkasan adalah judul operasi di katalog API, di dokumentasi dan di SDK yang dibangkitkan. "
        "Tanpanya, pengembang OPD lain hanya melihat `POST /izin/{id}/x` dan harus menebak.",
        "The summary is the operation's title in the API catalogue, the documentation and generated SDKs. "
        "Without it, other OPDs' developers only see `POST /permits/{id}/x` and must guess.",
    )
    fix = Text(
        "Tambahkan `summary` singkat (paling banyak satu kalimat) pada operasi, mis. `Ajukan permohonan izin`.",
        "Add a short `summary` (one sentence at most) to the operation, e.g. `Submit a permit application`.",
    )
    message = Text("{operation} tidak punya summary", "{operation} has no summary")
    references = (
        "https://spec.openapis.org/oas/v3.1.0#operation-object",
        "https://opensource.zalando.com/restful-api-guidelines/#101",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for op in doc.operations:
            if not described(op.value.get("summary")):
                yield self.violation(op.pointer, operation=op.label)
