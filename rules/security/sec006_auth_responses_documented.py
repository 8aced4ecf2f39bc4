"""SEC006: protected operations document 401 and 403."""

from __future__ import annotations

from collections.abc import Iterator

from rules import pointer as jp
from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.security._common import documents_status, is_secured


class AuthResponsesDocumented(Rule):
    id = "SEC006"
    name = "auth-responses-documented"
    category = Category.SECURITY
    severity = Severity.WARNING
    title = Text("Respons 401 dan 403 didokumentasikan", "401 and 403 responses are documented")
    rationale = Text(
        "Aplikasi OPD lain harus dapat membedakan token yang kedaluwarsa (401: minta token baru) dari hak "
        "akses yang kurang (403: hubungi pemilik layanan). Tanpa dokumentasi, keduanya ditangani sebagai "
        "galat umum dan pengguna terjebak.",
        "Other OPDs' applications must tell an expired token (401: get a new token) from missing rights "
        "(403: contact the service owner). Undocumented, both are handled as a generic error and users get "
        "stuck.",
    )
    fix = Text(
        "Tambahkan respons `401` dan `403` (sebaiknya dirujuk dari `components/responses`, berbentuk "
        "`application/problem+json`) pada setiap operasi yang dilindungi.",
        "Add `401` and `403` responses (preferably referenced from `components/responses`, as "
        "`application/problem+json`) to every protected operation.",
    )
    message = Text("{operation} tidak mendokumentasikan respons {missing}", "{operation} does not document {missing}")
    references = (
        "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
        "https://opensource.zalando.com/restful-api-guidelines/#150",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for op in doc.operations:
            if not is_secured(op.security[0]) or not isinstance(op.value.get("responses"), dict):
                continue
            statuses = {r.status.upper() if "x" in r.status.lower() else r.status for r in op.responses}
            missing = [code for code in ("401", "403") if not documents_status(statuses, code)]
            if missing:
                yield self.violation(jp.join(op.pointer, "responses"), operation=op.label, missing=", ".join(missing))
