"""DOC012: every operation has a tag."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text


class OperationTagged(Rule):
    id = "DOC012"
    name = "operation-tagged"
    category = Category.DOCUMENTATION
    severity = Severity.WARNING
    title = Text("Operasi bertag", "Operations are tagged")
    rationale = Text(
        "Tag mengelompokkan operasi di dokumentasi dan katalog (Izin, Pemohon, Sistem). Operasi tanpa tag "
        "berkumpul di kelompok `default` yang tidak menjelaskan apa pun.",
        "Tags group operations in the documentation and the catalogue (Permits, Applicants, System). "
        "Untagged operations pile up in a `default` group that explains nothing.",
    )
    fix = Text("Tambahkan `tags: [nama-kelompok]` pada operasi.", "Add `tags: [group-name]` to the operation.")
    message = Text("{operation} tidak bertag", "{operation} has no tag")
    references = ("https://spec.openapis.org/oas/v3.1.0#operation-object",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for op in doc.operations:
            if not op.tags:
                yield self.violation(op.pointer, operation=op.label)
