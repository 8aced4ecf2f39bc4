"""DOC005: properties have a description."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.documentation._common import properties_described
from rules.i18n import Text


class PropertyDescription(Rule):
    id = "DOC005"
    name = "property-description"
    category = Category.DOCUMENTATION
    severity = Severity.HINT
    title = Text("Properti punya deskripsi", "Properties have a description")
    rationale = Text(
        "Field data yang dijelaskan (satuan, sumber, kapan kosong) mencegah salah tafsir saat OPD lain "
        "memakai datanya, mis. `luas` dalam m² atau hektar.",
        "Described data fields (unit, source, when empty) prevent misreading when other OPDs use the data, "
        "e.g. whether `area` is in m² or hectares.",
    )
    fix = Text(
        "Tambahkan `description` (atau `title`) pada properti atau pada skema yang dirujuknya.",
        "Add a `description` (or `title`) to the property or to the schema it references.",
    )
    message = Text("Properti {name} tidak punya description", "Property {name} has no description")
    references = ("https://spec.openapis.org/oas/v3.1.0#schema-object",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for prop, ok in zip(doc.properties, properties_described(doc), strict=True):
            if not ok:
                yield self.violation(prop.pointer, name=prop.name)
