"""DOC008: examples fit their schema."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.values import mismatch


class ExamplesMatchSchema(Rule):
    id = "DOC008"
    name = "examples-match-schema"
    category = Category.DOCUMENTATION
    severity = Severity.WARNING
    title = Text("Contoh sesuai skema", "Examples fit their schema")
    rationale = Text(
        "Contoh yang bertentangan dengan skemanya menyesatkan: pengembang meniru contoh, lalu ditolak "
        "server; atau skemanya yang salah dan kontrak tidak mencerminkan perilaku sebenarnya.",
        "An example that contradicts its schema misleads: developers copy the example and get rejected by "
        "the server; or the schema is wrong and the contract does not reflect real behaviour.",
    )
    fix = Text(
        "Samakan contoh dengan skemanya (tipe, field wajib, enum, format tanggal), atau perbaiki skemanya "
        "bila contohlah yang benar.",
        "Make the example match its schema (types, required fields, enums, date formats), or correct the "
        "schema if the example is right.",
    )
    message = Text("Contoh tidak sesuai skema: {reason}", "The example does not fit its schema: {reason}")
    references = ("https://spec.openapis.org/oas/v3.1.0#media-type-object", "https://json-schema.org/draft/2020-12")

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        seen: set[str] = set()
        for example in doc.examples:
            if example.pointer in seen or example.schema is None:
                continue
            seen.add(example.pointer)
            reason = mismatch(example.value, example.schema, doc)
            if reason is not None:
                yield self.violation(example.pointer, reason=reason)
