"""IOP001: the API's base URL carries its major version."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from rules.base import Category, Context, Option, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text


class VersionedBasePath(Rule):
    id = "IOP001"
    name = "versioned-base-path"
    category = Category.INTEROPERABILITY
    severity = Severity.ERROR
    title = Text("Versi mayor ada di URL dasar", "The major version is in the base URL")
    rationale = Text(
        "OPD lain membangun di atas API ini; versi mayor di URL (mis. /v1) membuat perubahan "
        "yang merusak dapat dirilis sebagai /v2 tanpa memutus integrasi yang sudah berjalan.",
        "Other OPDs build on this API; the major version in the URL (e.g. /v1) lets a breaking "
        "change ship as /v2 without cutting the integrations that already run.",
    )
    fix = Text(
        "Tambahkan segmen versi mayor pada URL server, mis. `https://api.contoh.go.id/perizinan/v1`, "
        "atau pada setiap path.",
        "Add a major-version segment to the server URL, e.g. `https://api.example.go.id/permits/v1`, or to every path.",
    )
    message = Text(
        "URL dasar '{url}' tidak memuat versi mayor (mis. /v1)",
        "Base URL '{url}' does not carry a major version (e.g. /v1)",
    )
    references = (
        "https://logius-standaarden.github.io/API-Design-Rules/#/core/uri-version",
        "https://opensource.zalando.com/restful-api-guidelines/#api-versioning",
    )
    options = {
        "pattern": Option(r"/v\d+(?:[./]|$)", Text("Pola segmen versi", "Pattern of the version segment")),
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        version = re.compile(ctx.option("pattern"))
        paths = [op.path for op in doc.operations]
        if paths and all(version.search(p) for p in paths):
            return  # every path is versioned itself
        servers = doc.servers
        if not servers:
            yield Violation(
                "",
                message=Text(
                    "Dokumen tidak menyatakan URL server maupun path berversi",
                    "The document declares neither a server URL nor versioned paths",
                ),
            )
            return
        seen: set[str] = set()
        for server in servers:
            path = urlsplit(server.url).path if "://" in server.url else server.url
            if version.search(path + "/") or server.path_pointer in seen:
                continue
            seen.add(server.path_pointer)
            yield self.violation(server.path_pointer, url=server.url)
