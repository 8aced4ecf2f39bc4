"""SEC008: strings an API accepts have a maximum length."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.security._common import types_of

#: Formats whose grammar already bounds the length.
BOUNDED_FORMATS = frozenset({"date", "date-time", "time", "uuid", "ipv4", "ipv6", "int32", "int64"})


class BoundedStrings(Rule):
    id = "SEC008"
    name = "bounded-strings"
    category = Category.SECURITY
    severity = Severity.WARNING
    title = Text("String masukan dibatasi panjangnya", "Input strings have a maximum length")
    rationale = Text(
        "Tanpa `maxLength`, klien boleh mengirim teks berukuran megabita ke setiap field: memori dan basis "
        "data server terkuras dan validasi di sisi server tidak punya acuan (OWASP API4:2023).",
        "Without `maxLength`, a client may send megabytes of text in any field: the server's memory and "
        "database are exhausted and server-side validation has nothing to enforce (OWASP API4:2023).",
    )
    fix = Text(
        "Tambahkan `maxLength` yang wajar (mis. 100 untuk nama, 16 untuk NIK), atau `enum`/`format` yang "
        "membatasi (`date`, `uuid`), pada setiap string yang diterima API.",
        "Add a sensible `maxLength` (e.g. 100 for a name, 16 for a NIK), or a bounding `enum`/`format` "
        "(`date`, `uuid`), to every string the API accepts.",
    )
    message = Text("String masukan {where} tidak punya maxLength", "Input string {where} has no maxLength")
    references = (
        "https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/",
        "https://cheatsheetseries.owasp.org/cheatsheets/Input_Validation_Cheat_Sheet.html",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for info in doc.schemas:
            if not info.is_input or "string" not in types_of(info.value):
                continue
            value = info.value
            if "maxLength" in value or "enum" in value or "const" in value or value.get("format") in BOUNDED_FORMATS:
                continue
            yield self.violation(info.pointer, where=doc.schema_label(info))
