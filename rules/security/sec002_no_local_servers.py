"""SEC002: production documents list no IP-address or local server."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.security._common import local_host


class NoLocalServers(Rule):
    id = "SEC002"
    name = "no-local-servers"
    category = Category.SECURITY
    severity = Severity.ERROR
    title = Text("Tanpa server IP atau lokal di produksi", "No IP-address or local servers in production")
    rationale = Text(
        "Alamat IP dan nama lokal (`localhost`, `*.local`, `*.internal`) tidak dapat dijangkau OPD lain, "
        "membocorkan susunan jaringan internal, dan tidak dapat diberi sertifikat TLS yang sah. Layanan "
        "produksi harus punya nama domain resmi.",
        "IP addresses and local names (`localhost`, `*.local`, `*.internal`) cannot be reached by other "
        "OPDs, leak the internal network's layout, and cannot carry a valid TLS certificate. A production "
        "service needs an official domain name.",
    )
    fix = Text(
        "Pakai nama domain resmi pemerintah daerah, mis. `https://api.contohkab.go.id/layanan/v1`. Bila "
        "dokumen ini untuk pengembangan, nyatakan `lifecycle: development` atau `staging` di `info.x-spbe`.",
        "Use the local government's official domain, e.g. `https://api.contohkab.go.id/service/v1`. If this "
        "document is for development, state `lifecycle: development` or `staging` in `info.x-spbe`.",
    )
    message = Text(
        "Server {url} memakai alamat {host} yang tidak dapat dipakai di produksi",
        "Server {url} uses {host}, which cannot serve production",
    )
    references = (
        "https://owasp.org/API-Security/editions/2023/en/0xa9-improper-inventory-management/",
        "https://peraturan.bpk.go.id/Details/96913/perpres-no-95-tahun-2018",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        if doc.lifecycle not in (None, "production"):
            return
        seen: set[str] = set()
        for server in doc.servers:
            host = local_host(server.url)
            if host is not None and server.pointer not in seen:
                seen.add(server.pointer)
                yield self.violation(server.pointer, url=server.url, host=host)
