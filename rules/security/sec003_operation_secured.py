"""SEC003: every operation requires authentication, apart from a health check."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document, is_health_path
from rules.i18n import Text


class OperationSecured(Rule):
    id = "SEC003"
    name = "operation-secured"
    category = Category.SECURITY
    severity = Severity.ERROR
    title = Text("Setiap operasi dilindungi", "Every operation is protected")
    rationale = Text(
        "Operasi tanpa autentikasi dapat dipanggil siapa pun di internet: data warga terbuka dan "
        "layanan dapat disalahgunakan tanpa jejak siapa pelakunya (OWASP API2:2023). Hanya pemeriksaan "
        "kesehatan layanan (`/kesehatan`, `/health`) yang boleh terbuka.",
        "An operation without authentication can be called by anyone on the internet: residents' data "
        "is exposed and the service can be abused with no trace of who did it (OWASP API2:2023). Only a "
        "health check (`/kesehatan`, `/health`) may be open.",
    )
    fix = Text(
        "Nyatakan `security` di akar dokumen (berlaku untuk semua operasi) atau pada operasinya, merujuk "
        "skema di `components/securitySchemes`; jangan memberi alternatif anonim `{}`.",
        "Declare `security` at the document root (applies to every operation) or on the operation, "
        "referring to a scheme in `components/securitySchemes`; do not offer the anonymous alternative `{}`.",
    )
    message = Text("{operation} dapat dipanggil tanpa autentikasi", "{operation} can be called without authentication")
    references = (
        "https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/",
        "https://spec.openapis.org/oas/v3.1.0#security-requirement-object",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for op in doc.operations:
            if is_health_path(op.path):
                continue
            requirements, where = op.security
            anonymous = not requirements or any(isinstance(r, dict) and not r for r in requirements)
            if anonymous:
                pointer = where if "security" in op.value else op.pointer
                yield self.violation(pointer, operation=op.label)
