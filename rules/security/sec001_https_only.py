"""SEC001: every server is reached over HTTPS."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text


class HttpsOnly(Rule):
    id = "SEC001"
    name = "https-only"
    category = Category.SECURITY
    severity = Severity.ERROR
    title = Text("Server hanya melalui HTTPS", "Servers use HTTPS only")
    rationale = Text(
        "Data warga (NIK, alamat, data kesehatan) dan token akses yang lewat HTTP tanpa enkripsi dapat "
        "dibaca dan diubah siapa pun di jaringan antara aplikasi OPD dan server. BSSN mewajibkan enkripsi "
        "saluran untuk layanan SPBE.",
        "Residents' data (NIK, addresses, health data) and access tokens sent over plain HTTP can be read "
        "and altered by anyone on the network between an OPD's application and the server. BSSN requires "
        "encrypted channels for SPBE services.",
    )
    fix = Text(
        "Ganti `http://` dengan `https://` pada URL server (Swagger 2.0: `schemes: [https]`) dan pasang "
        "sertifikat TLS pada server, mis. dari Let's Encrypt atau BSrE.",
        "Replace `http://` with `https://` in the server URL (Swagger 2.0: `schemes: [https]`) and install a "
        "TLS certificate on the server, e.g. from Let's Encrypt or BSrE.",
    )
    message = Text("Server {url} tidak memakai HTTPS", "Server {url} does not use HTTPS")
    references = (
        "https://owasp.org/API-Security/editions/2023/en/0xa8-security-misconfiguration/",
        "https://logius-standaarden.github.io/API-Design-Rules/#/core/transport-security",
        "https://jdih.bssn.go.id/",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        seen: set[str] = set()
        for server in doc.servers:
            scheme = server.url.split(":", 1)[0].lower() if "://" in server.url else ""
            if scheme in ("http", "ws") and server.scheme_pointer not in seen:
                seen.add(server.scheme_pointer)
                yield self.violation(server.scheme_pointer, url=server.url)
