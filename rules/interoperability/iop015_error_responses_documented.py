"""IOP015: operations document their client and server error responses."""

from __future__ import annotations

from collections.abc import Iterator

from rules import pointer as jp
from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.interoperability._common import status_class


class ErrorResponsesDocumented(Rule):
    id = "IOP015"
    name = "error-responses-documented"
    category = Category.INTEROPERABILITY
    severity = Severity.WARNING
    title = Text("Respons galat didokumentasikan", "Error responses are documented")
    rationale = Text(
        "Aplikasi OPD lain perlu tahu apa yang terjadi bila permintaannya salah (4xx: data tidak "
        "valid, tidak berwenang, tidak ditemukan) dan bila layanan bermasalah (5xx), agar dapat "
        "menampilkan pesan yang tepat dan memutuskan kapan mencoba lagi. Galat yang tidak "
        "didokumentasikan baru dikenali saat terjadi di produksi.",
        "Other OPDs' applications need to know what happens when their request is wrong (4xx: "
        "invalid data, not authorised, not found) and when the service fails (5xx), so they can show "
        "the right message and decide when to retry. Undocumented errors are only discovered when "
        "they happen in production.",
    )
    fix = Text(
        "Tambahkan sedikitnya satu respons 4xx (mis. `400`, `404`, `422`) dan satu respons 5xx "
        "(mis. `500`, `503`) pada operasi, atau respons `default` yang menjelaskan bentuk galat; "
        "rujuk respons bersama dari `components/responses` agar tidak ditulis berulang.",
        "Add at least one 4xx response (e.g. `400`, `404`, `422`) and one 5xx response (e.g. `500`, "
        "`503`) to the operation, or a `default` response describing the error shape; reference "
        "shared responses from `components/responses` so they are written once.",
    )
    message = Text(
        "{operation} tidak mendokumentasikan respons {missing}",
        "{operation} documents no {missing} response",
    )
    references = (
        "https://opensource.zalando.com/restful-api-guidelines/#151",
        "https://logius-standaarden.github.io/API-Design-Rules/#/core/http-response-code",
        "https://spec.openapis.org/oas/v3.1.0#responses-object",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        seen: set[str] = set()
        for op in doc.operations:
            if op.pointer in seen:
                continue
            seen.add(op.pointer)
            classes = {status_class(r.status) for r in op.responses}
            if "default" in classes:
                continue
            missing = [label for kind, label in (("4", "4xx"), ("5", "5xx")) if kind not in classes]
            if not missing:
                continue
            where = jp.join(op.pointer, "responses") if isinstance(op.value.get("responses"), dict) else op.pointer
            text = Text(" dan ".join(missing), " or ".join(missing))
            yield self.violation(where, operation=op.label, missing=text)
