"""IOP013: GET and HEAD requests carry no body."""

from __future__ import annotations

from collections.abc import Iterator

from rules import pointer as jp
from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text


class GetWithoutBody(Rule):
    id = "IOP013"
    name = "get-without-body"
    category = Category.INTEROPERABILITY
    severity = Severity.ERROR
    title = Text("GET dan HEAD tanpa badan permintaan", "GET and HEAD carry no request body")
    rationale = Text(
        "RFC 9110 tidak memberi makna pada badan permintaan GET atau HEAD: proksi, cache, gateway "
        "API dan banyak pustaka HTTP (termasuk `fetch` di peramban) membuangnya atau menolak "
        "permintaannya. Kriteria pencarian yang dikirim di badan GET tidak sampai ke server.",
        "RFC 9110 gives a GET or HEAD request body no meaning: proxies, caches, API gateways and "
        "many HTTP libraries (including the browser's `fetch`) drop it or reject the request. "
        "Search criteria sent in a GET body never reach the server.",
    )
    fix = Text(
        "Pindahkan kriteria ke parameter query (`GET /penduduk?kode_desa=...&status=...`). Bila "
        "kriterianya terlalu rumit untuk query, gunakan `POST` ke sumber daya pencarian, mis. "
        "`POST /penduduk/pencarian`.",
        "Move the criteria to query parameters (`GET /residents?village_code=...&status=...`). If "
        "the criteria are too complex for a query string, `POST` to a search resource, e.g. "
        "`POST /residents/searches`.",
    )
    message = Text("{operation} mendefinisikan badan permintaan", "{operation} defines a request body")
    references = (
        "https://www.rfc-editor.org/rfc/rfc9110#section-9.3.1",
        "https://opensource.zalando.com/restful-api-guidelines/#148",
        "https://logius-standaarden.github.io/API-Design-Rules/#/core/http-methods",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        seen: set[str] = set()
        for op in doc.operations:
            if op.method not in ("get", "head"):
                continue
            if doc.is_v2:
                pointers = [p.pointer for p in op.parameters if p.location in ("body", "formData")]
            else:
                pointers = [jp.join(op.pointer, "requestBody")] if "requestBody" in op.value else []
            for pointer in pointers:
                if pointer not in seen:
                    seen.add(pointer)
                    yield self.violation(pointer, operation=op.label)
