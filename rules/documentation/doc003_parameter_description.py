"""DOC003: every parameter has a description."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.documentation._common import described
from rules.i18n import Text


class ParameterDescription(Rule):
    id = "DOC003"
    name = "parameter-description"
    category = Category.DOCUMENTATION
    severity = Severity.WARNING
    title = Text("Parameter punya deskripsi", "Parameters have a description")
    rationale = Text(
        "Nama parameter jarang cukup: `status`, `jenis` atau `kode` bisa berarti banyak hal. Deskripsi "
        "menyebut maknanya, nilai yang diterima dan pengaruhnya pada hasil.",
        "A parameter's name is rarely enough: `status`, `type` or `code` can mean many things. The "
        "description states its meaning, accepted values and effect on the result.",
    )
    fix = Text(
        "Tambahkan `description` pada parameter, mis. `Kode wilayah Kemendagri desa/kelurahan pemohon.`",
        "Add a `description` to the parameter, e.g. `Kemendagri region code of the applicant's village.`",
    )
    message = Text(
        "Parameter {name} pada {operation} tidak punya description",
        "Parameter {name} of {operation} has no description",
    )
    references = ("https://spec.openapis.org/oas/v3.1.0#parameter-object",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        seen: set[str] = set()
        for param in doc.parameters:
            if param.pointer in seen:
                continue
            seen.add(param.pointer)
            if not described(param.value.get("description")):
                yield self.violation(param.pointer, name=param.name, operation=param.operation.label)
