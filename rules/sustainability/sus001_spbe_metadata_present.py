"""SUS001: the document carries the application's SPBE metadata (``info.x-spbe``)."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text


class SpbeMetadataPresent(Rule):
    id = "SUS001"
    name = "spbe-metadata-present"
    category = Category.SUSTAINABILITY
    severity = Severity.ERROR
    title = Text("Metadata SPBE tersedia", "SPBE metadata is present")
    rationale = Text(
        "Diskominfo perlu tahu siapa pemilik aplikasi, siapa penanggung jawabnya, tahap siklus hidupnya, di "
        "mana ia dijalankan dan apakah ada anggarannya. Tanpa itu aplikasi tidak dapat dinilai "
        "keberlanjutannya dan tidak dapat masuk katalog.",
        "Diskominfo needs to know who owns the application, who answers for it, its lifecycle stage, where "
        "it runs and whether it is funded. Without that its sustainability cannot be assessed and it cannot "
        "enter the catalogue.",
    )
    fix = Text(
        "Tambahkan objek `x-spbe` di bawah `info` dengan sedikitnya `opd`, `penanggung_jawab` {`nama`, "
        "`email`}, `jenis_aplikasi`, `lifecycle` dan `hosting`. Di layanan web, formulir metadata saat "
        "mengajukan meminta field yang sama.",
        "Add an `x-spbe` object under `info` with at least `opd`, `penanggung_jawab` {`nama`, `email`}, "
        "`jenis_aplikasi`, `lifecycle` and `hosting`. In the web service, the metadata form of a submission asks "
        "for the same fields.",
    )
    message = Text("Dokumen tidak memuat info.x-spbe", "The document has no info.x-spbe")
    references = ("https://peraturan.bpk.go.id/Details/96913/perpres-no-95-tahun-2018",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        if doc.x_spbe is None:
            where = "/info/x-spbe" if "x-spbe" in doc.info else "/info" if "info" in doc.data else ""
            yield self.violation(where)
