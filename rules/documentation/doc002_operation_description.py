"""DOC002: every operation has a description."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.documentation._common import described
from rules.i18n import Text


class OperationDescription(Rule):
    id = "DOC002"
    name = "operation-description"
    category = Category.DOCUMENTATION
    severity = Severity.INFO
    title = Text("Operasi punya deskripsi", "Operations have a description")
    rationale = Text(
        "Deskripsi menjelaskan apa yang tidak tampak dari skema: aturan bisnis, siapa yang boleh memanggil, "
        "efek samping, dan urutan pemanggilan yang diharapkan.",
        "The description explains what the schema cannot show: business rules, who may call it, side "
        "effects, and the expected order of calls.",
    )
    fix = Text(
        "Tambahkan `description` yang menjelaskan kegunaan operasi, aturan bisnisnya dan efek sampingnya.",
        "Add a `description` explaining what the operation is for, its business rules and side effects.",
    )
    message = Text("{operation} tidak punya description", "{operation} has no description")
    references = ("https://spec.openapis.org/oas/v3.1.0#operation-object",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for op in doc.operations:
            if not described(op.value.get("description")):
                yield self.violation(op.pointer, operation=op.label)
