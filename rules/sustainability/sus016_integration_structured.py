"""SUS016: integrations are written as structured entries the gate can check."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.integrations import is_plain
from rules.sustainability._common import at


class IntegrationStructured(Rule):
    id = "SUS016"
    name = "integration-structured"
    category = Category.SUSTAINABILITY
    severity = Severity.WARNING
    title = Text("Integrasi ditulis terstruktur", "Integrations are structured")
    rationale = Text(
        "Integrasi yang ditulis sebagai teks bebas tidak dapat diperiksa: gerbang tidak tahu aplikasi di katalog "
        "atau sistem nasional mana yang dimaksud, sehingga tidak dapat memastikan aplikasi itu masih "
        "direkomendasikan, dan tidak dapat memberi tahu OPD ini saat operasi yang dipanggilnya berubah.",
        "An integration written as free text cannot be checked: the gate does not know which catalogued "
        "application or national system is meant, so it cannot confirm that it is still recommended, nor tell "
        "this OPD when an operation it calls changes.",
    )
    fix = Text(
        "Tulis setiap entri sebagai `{aplikasi: <id atau slug di katalog>, operasi: [...]}` atau "
        "`{sistem: <kode>, operasi: [...]}`, mis. `- {sistem: SIAK, keterangan: verifikasi NIK}` atau "
        "`- {aplikasi: layanan-perizinan, operasi: ['GET /izin/{nomor_izin}']}`.",
        "Write each entry as `{aplikasi: <catalogue id or slug>, operasi: [...]}` or "
        "`{sistem: <code>, operasi: [...]}`, e.g. `- {sistem: SIAK, keterangan: NIK verification}` or "
        "`- {aplikasi: layanan-perizinan, operasi: ['GET /izin/{nomor_izin}']}`.",
    )
    message = Text(
        "Integrasi {name} ditulis bebas; gerbang tidak dapat memeriksanya",
        "Integration {name} is free text; the gate cannot check it",
    )
    references = ("https://peraturan.bpk.go.id/Details/96913/perpres-no-95-tahun-2018",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        meta = doc.x_spbe
        value = meta.get("integrasi") if meta is not None else None
        if not isinstance(value, list):
            return
        for i, item in enumerate(value):
            if is_plain(item):
                name = item if isinstance(item, str) else item.get("nama")
                yield self.violation(at("integrasi", i), name=repr(str(name)[:80]))
