"""SUS005: a retired application does not pass the gate."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.sustainability._common import at


class LifecycleActive(Rule):
    id = "SUS005"
    name = "lifecycle-active"
    category = Category.SUSTAINABILITY
    severity = Severity.ERROR
    title = Text("Aplikasi masih aktif", "The application is still active")
    rationale = Text(
        "Aplikasi yang sudah dihentikan (`retired`) tidak lagi dipelihara: OPD lain yang membangun di atasnya "
        "akan tertinggal tanpa dukungan.",
        "A retired application is no longer maintained: other OPDs building on it would be left without support.",
    )
    fix = Text(
        "Jangan ajukan aplikasi yang sudah dihentikan; bila aplikasi dihidupkan kembali, perbarui "
        "`lifecycle` beserta anggaran dan penanggung jawabnya.",
        "Do not submit a retired application; if it is revived, update `lifecycle` together with its budget "
        "and responsible official.",
    )
    message = Text("Aplikasi berstatus {lifecycle}", "The application is {lifecycle}")
    references = ("https://peraturan.bpk.go.id/Details/96913/perpres-no-95-tahun-2018",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        if doc.lifecycle == "retired":
            yield self.violation(at("lifecycle"), lifecycle=doc.lifecycle)
