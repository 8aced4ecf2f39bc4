"""SUS008: the API offers a health endpoint."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document, is_health_path
from rules.i18n import Text


class HealthEndpoint(Rule):
    id = "SUS008"
    name = "health-endpoint"
    category = Category.SUSTAINABILITY
    severity = Severity.WARNING
    title = Text("Ada endpoint kesehatan", "A health endpoint exists")
    rationale = Text(
        "Diskominfo memantau layanan yang dipakai lintas OPD. Endpoint kesehatan (`GET /kesehatan`) "
        "memungkinkan pemantauan otomatis dan memberi tahu OPD pengguna saat layanan terganggu.",
        "Diskominfo monitors the services used across OPDs. A health endpoint (`GET /kesehatan`) allows "
        "automatic monitoring and tells dependent OPDs when the service is down.",
    )
    fix = Text(
        "Tambahkan `GET /kesehatan` (atau `/health`) yang menjawab 200 bila layanan dan basis datanya "
        "berfungsi, tanpa autentikasi dan tanpa data pribadi.",
        "Add `GET /kesehatan` (or `/health`) answering 200 when the service and its database work, without "
        "authentication and without personal data.",
    )
    message = Text("API tidak punya endpoint kesehatan (GET)", "The API has no (GET) health endpoint")
    references = (
        "https://datatracker.ietf.org/doc/html/draft-inadarei-api-health-check",
        "https://microservices.io/patterns/observability/health-check-api.html",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        if any(op.method == "get" and is_health_path(op.path) for op in doc.operations):
            return
        yield self.violation("/paths" if "paths" in doc.data else "")
