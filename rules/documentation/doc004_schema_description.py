"""DOC004: named schemas have a description or title."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.documentation._common import described
from rules.i18n import Text


class SchemaDescription(Rule):
    id = "DOC004"
    name = "schema-description"
    category = Category.DOCUMENTATION
    severity = Severity.INFO
    title = Text("Skema bernama punya deskripsi", "Named schemas have a description")
    rationale = Text(
        "Skema di `components` adalah kosakata data bersama antar-OPD (Pemohon, Izin, Wilayah). Deskripsi "
        "menyatakan apa yang diwakilinya dan dari mana datanya, dasar Satu Data Indonesia.",
        "Schemas in `components` are the data vocabulary shared between OPDs (Applicant, Permit, Region). "
        "The description states what each represents and where its data comes from, the basis of Satu "
        "Data Indonesia.",
    )
    fix = Text(
        "Tambahkan `description` (atau `title`) pada skema, mis. `Pemohon izin perseorangan, data dari Dukcapil.`",
        "Add a `description` (or `title`) to the schema, e.g. `Individual permit applicant, data from Dukcapil.`",
    )
    message = Text("Skema {name} tidak punya description", "Schema {name} has no description")
    references = (
        "https://peraturan.bpk.go.id/Details/108813/perpres-no-39-tahun-2019",
        "https://spec.openapis.org/oas/v3.1.0#schema-object",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for info in doc.schemas:
            if info.role != "component":
                continue
            if not (described(info.value.get("description")) or described(info.value.get("title"))):
                yield self.violation(info.pointer, name=info.name or info.pointer)
