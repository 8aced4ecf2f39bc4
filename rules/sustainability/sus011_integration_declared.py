"""SUS011: the application says what it integrates with."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.sustainability._common import XSPBE, at


class IntegrationDeclared(Rule):
    id = "SUS011"
    name = "integration-declared"
    category = Category.SUSTAINABILITY
    severity = Severity.INFO
    title = Text("Integrasi dinyatakan", "Integrations are declared")
    rationale = Text(
        "Peta integrasi antar-aplikasi adalah dasar arsitektur SPBE daerah: ia menunjukkan data yang "
        "dipakai ulang (mis. NIK dari Dukcapil) dan dampak bila satu layanan berubah.",
        "The map of integrations between applications is the basis of the regional SPBE architecture: it "
        "shows which data is reused (e.g. NIK from Dukcapil) and what is affected when a service changes.",
    )
    fix = Text(
        "Isi `integrasi` dengan aplikasi atau API yang dipanggil atau memanggil aplikasi ini, mis. "
        "`- {sistem: SIAK, keterangan: verifikasi NIK}` (bentuknya: SUS016).",
        "Fill `integrasi` with the applications or APIs this one calls or is called by, e.g. "
        "`- {sistem: SIAK, keterangan: NIK verification}` (the shape: SUS016).",
    )
    message = Text("Aplikasi tidak menyatakan integrasinya", "The application declares no integrations")
    references = ("https://peraturan.bpk.go.id/Details/96913/perpres-no-95-tahun-2018",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        meta = doc.x_spbe
        if meta is None:
            return
        value = meta.get("integrasi")
        if not (isinstance(value, list) and value):
            yield self.violation(at("integrasi") if "integrasi" in meta else XSPBE)
