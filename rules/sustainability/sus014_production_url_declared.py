"""SUS014: an application in production declares where it runs."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.sustainability._common import XSPBE


class ProductionUrlDeclared(Rule):
    id = "SUS014"
    name = "production-url-declared"
    category = Category.SUSTAINABILITY
    severity = Severity.WARNING
    title = Text("URL produksi dinyatakan", "The production URL is declared")
    rationale = Text(
        "Persetujuan Diskominfo dijaga sepanjang masa berlakunya: gerbang memeriksa secara berkala bahwa "
        "deployment produksi hidup dan sertifikatnya sah. Tanpa alamatnya, aplikasi yang mati setelah tahun "
        "pertama tidak diketahui siapa pun.",
        "Diskominfo's approval is kept for as long as it holds: the gate checks regularly that the production "
        "deployment is alive and its certificate valid. Without its address, an application that dies after "
        "its first year goes unnoticed.",
    )
    fix = Text(
        "Isi `url_produksi` di `info.x-spbe` dengan URL dasar HTTPS deployment produksi, mis. "
        "`https://perizinan.contohkab.go.id/perizinan/v1`.",
        "Set `url_produksi` in `info.x-spbe` to the production deployment's HTTPS base URL, e.g. "
        "`https://perizinan.contohkab.go.id/perizinan/v1`.",
    )
    message = Text(
        "Aplikasi berstatus production tanpa url_produksi", "An application in production without url_produksi"
    )
    references = ("https://peraturan.bpk.go.id/Details/96913/perpres-no-95-tahun-2018",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        meta = doc.x_spbe
        if meta is not None and doc.lifecycle == "production" and not meta.get("url_produksi"):
            yield self.violation(XSPBE)
