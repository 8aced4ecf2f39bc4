"""SUS009: the application runs in the national or a regional government data centre."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.sustainability._common import at


class NationalDataCenterHosting(Rule):
    id = "SUS009"
    name = "national-data-center-hosting"
    category = Category.SUSTAINABILITY
    severity = Severity.WARNING
    title = Text("Dijalankan di pusat data pemerintah", "Hosted in a government data centre")
    rationale = Text(
        "Perpres 95/2018 mengarahkan instansi memakai Pusat Data Nasional dan pusat data pemerintah daerah. "
        "Cloud komersial di luar itu menambah biaya sewa berulang, risiko kedaulatan data dan "
        "ketergantungan pada vendor.",
        "Perpres 95/2018 directs institutions to the National Data Centre and regional government data "
        "centres. Commercial clouds outside them add recurring rent, data sovereignty risk and vendor "
        "lock-in.",
    )
    fix = Text(
        "Pindahkan aplikasi ke PDN atau pusat data daerah dan nyatakan `hosting: pdn` atau "
        "`pusat-data-daerah`; bila belum mungkin, minta pengecualian dengan alasan dan rencana pindah.",
        "Move the application to the PDN or the regional data centre and state `hosting: pdn` or "
        "`pusat-data-daerah`; if that is not possible yet, ask for a waiver with a reason and a move plan.",
    )
    message = Text("Aplikasi dijalankan di {hosting}", "The application is hosted on {hosting}")
    references = ("https://peraturan.bpk.go.id/Details/96913/perpres-no-95-tahun-2018",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        hosting = (doc.x_spbe or {}).get("hosting")
        if hosting == "cloud-lain":
            yield self.violation(at("hosting"), hosting=hosting)
