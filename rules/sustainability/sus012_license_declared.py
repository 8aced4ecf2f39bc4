"""SUS012: the API declares its licence."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text


class LicenseDeclared(Rule):
    id = "SUS012"
    name = "license-declared"
    category = Category.SUSTAINABILITY
    severity = Severity.INFO
    title = Text("Lisensi dinyatakan", "The licence is declared")
    rationale = Text(
        "Lisensi yang jelas (sebaiknya sumber terbuka) memungkinkan kabupaten lain memakai ulang aplikasi "
        "alih-alih membangun ulang, sejalan dengan prinsip berbagi pakai SPBE.",
        "A clear licence (preferably open source) lets other kabupaten reuse the application instead of "
        "rebuilding it, in line with SPBE's sharing principle.",
    )
    fix = Text(
        "Tambahkan `info.license` dengan `name` (mis. `Apache-2.0`) dan `url` lisensinya.",
        "Add `info.license` with a `name` (e.g. `Apache-2.0`) and the licence `url`.",
    )
    message = Text("info.license tidak ada", "info.license is missing")
    references = (
        "https://spec.openapis.org/oas/v3.1.0#license-object",
        "https://peraturan.bpk.go.id/Details/96913/perpres-no-95-tahun-2018",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        if "info" in doc.data and not isinstance(doc.info.get("license"), dict):
            yield self.violation("/info")
