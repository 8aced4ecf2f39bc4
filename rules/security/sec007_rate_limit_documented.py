"""SEC007: operations document 429 Too Many Requests."""

from __future__ import annotations

from collections.abc import Iterator

from rules import pointer as jp
from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.security._common import documents_status


class RateLimitDocumented(Rule):
    id = "SEC007"
    name = "rate-limit-documented"
    category = Category.SECURITY
    severity = Severity.WARNING
    title = Text("Pembatasan laju didokumentasikan (429)", "Rate limiting is documented (429)")
    rationale = Text(
        "Layanan tanpa batas laju dapat dilumpuhkan satu klien yang salah konfigurasi atau penyerang "
        "(OWASP API4:2023). Respons 429 yang terdokumentasi memberi tahu klien untuk menunggu (`Retry-After`) "
        "alih-alih terus mengulang.",
        "A service without rate limits can be brought down by one misconfigured client or an attacker "
        "(OWASP API4:2023). A documented 429 response tells clients to wait (`Retry-After`) instead of "
        "retrying in a loop.",
    )
    fix = Text(
        "Terapkan pembatasan laju di gateway atau aplikasi, lalu tambahkan respons `429` (dengan header "
        "`Retry-After`) pada operasi, sebaiknya dirujuk dari `components/responses`.",
        "Apply rate limiting at the gateway or in the application, then add a `429` response (with a "
        "`Retry-After` header) to the operations, preferably referenced from `components/responses`.",
    )
    message = Text("{operation} tidak mendokumentasikan respons 429", "{operation} does not document a 429 response")
    references = (
        "https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/",
        "https://www.rfc-editor.org/rfc/rfc6585#section-4",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for op in doc.operations:
            if not isinstance(op.value.get("responses"), dict):
                continue
            statuses = {r.status.upper() if "x" in r.status.lower() else r.status for r in op.responses}
            if not documents_status(statuses, "429"):
                yield self.violation(jp.join(op.pointer, "responses"), operation=op.label)
