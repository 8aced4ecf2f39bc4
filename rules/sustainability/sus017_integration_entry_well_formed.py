"""SUS017: each structured integration names one target and operations the gate can read."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.integrations import entry_problems, is_structured
from rules.sustainability._common import at

_PROBLEMS = {
    "target": Text("sebutkan tepat satu dari `aplikasi` dan `sistem`", "name exactly one of `aplikasi` and `sistem`"),
    "unknown-key": Text("field tidak dikenal", "unknown field"),
    "aplikasi": Text(
        "`aplikasi` bukan id katalog (bilangan bulat positif) atau slug (huruf kecil, angka, tanda hubung)",
        "`aplikasi` is neither a catalogue id (a positive integer) nor a slug (lower-case letters, digits, hyphens)",
    ),
    "sistem": Text("`sistem` bukan kode sistem nasional", "`sistem` is not a national system's code"),
    "operasi": Text("`operasi` harus berupa daftar", "`operasi` must be a list"),
    "operation": Text("bukan operationId atau `METHOD /path`", "neither an operationId nor `METHOD /path`"),
    "keterangan": Text("`keterangan` harus berupa teks", "`keterangan` must be text"),
}


class IntegrationEntryWellFormed(Rule):
    id = "SUS017"
    name = "integration-entry-well-formed"
    category = Category.SUSTAINABILITY
    severity = Severity.ERROR
    title = Text("Entri integrasi ditulis dengan benar", "Integration entries are well formed")
    rationale = Text(
        "Gerbang membaca setiap entri integrasi untuk memeriksa aplikasi yang dipanggil di katalog dan memberi "
        "tahu OPD ini saat operasi yang dipanggilnya berubah atau dihapus. Entri yang salah bentuk terlewat "
        "tanpa disadari.",
        "The gate reads each integration entry to check the application it calls in the catalogue, and to tell "
        "this OPD when an operation it calls changes or is removed. A malformed entry is skipped unnoticed.",
    )
    fix = Text(
        "Satu entri: `aplikasi` (id atau slug di katalog) atau `sistem` (kode sistem nasional), `operasi` "
        "(daftar operationId atau `METHOD /path`, mis. `GET /izin/{nomor_izin}`) dan `keterangan` bila perlu.",
        "One entry: `aplikasi` (catalogue id or slug) or `sistem` (a national system's code), `operasi` (a list "
        "of operationIds or `METHOD /path`, e.g. `GET /izin/{nomor_izin}`) and `keterangan` if needed.",
    )
    message = Text("Entri integrasi: {problem}", "Integration entry: {problem}")
    references = ("https://peraturan.bpk.go.id/Details/96913/perpres-no-95-tahun-2018",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        meta = doc.x_spbe
        value = meta.get("integrasi") if meta is not None else None
        if not isinstance(value, list):
            return
        for i, item in enumerate(value):
            if not is_structured(item):
                continue  # plain entries are SUS016's, other shapes the schema's (SUS002)
            for key, code in entry_problems(item):
                where = at("integrasi", i, *key.split("/")) if key else at("integrasi", i)
                yield self.violation(where, problem=_PROBLEMS[code])
