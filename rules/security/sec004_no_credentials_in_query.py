"""SEC004: no credential travels in a query parameter."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.security._common import is_credential_name


class NoCredentialsInQuery(Rule):
    id = "SEC004"
    name = "no-credentials-in-query"
    category = Category.SECURITY
    severity = Severity.ERROR
    title = Text("Tanpa kredensial di parameter query", "No credentials in query parameters")
    rationale = Text(
        "URL beserta query-nya tercatat di log server, proksi dan gateway, riwayat peramban dan header "
        "Referer. Token atau kata sandi di query bocor ke semua tempat itu dan dapat dipakai ulang.",
        "URLs with their query strings are written to server, proxy and gateway logs, browser history and "
        "Referer headers. A token or password in the query leaks to all of them and can be replayed.",
    )
    fix = Text(
        "Kirim kredensial di header (`Authorization: Bearer ...` atau header API key) dan hapus parameter query-nya.",
        "Send credentials in a header (`Authorization: Bearer ...` or an API key header) and remove the "
        "query parameter.",
    )
    message = Text(
        "Parameter query {name} pada {operation} membawa kredensial",
        "Query parameter {name} of {operation} carries a credential",
    )
    references = (
        "https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/",
        "https://www.rfc-editor.org/rfc/rfc6750#section-5.3",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        seen: set[str] = set()
        for param in doc.parameters:
            if param.location != "query" or param.pointer in seen:
                continue
            seen.add(param.pointer)
            if is_credential_name(param.name):
                yield self.violation(param.pointer, name=param.name, operation=param.operation.label)
