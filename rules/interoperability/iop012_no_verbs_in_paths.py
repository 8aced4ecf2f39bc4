"""IOP012: literal path segments are nouns, not verbs."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Option, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.interoperability._common import distinct_paths, literal_segments, path_pointer, words

#: Nouns that start with a verb: add-ons, set-top boxes.
_NOUN_COMPOUNDS = frozenset({("add", "on"), ("add", "ons"), ("set", "top")})


class NoVerbsInPaths(Rule):
    id = "IOP012"
    name = "no-verbs-in-paths"
    category = Category.INTEROPERABILITY
    severity = Severity.WARNING
    title = Text("Path memakai kata benda, bukan kata kerja", "Paths use nouns, not verbs")
    rationale = Text(
        "Di REST, path menamai sumber daya (`/pegawai`, `/pengajuan-izin`) dan metode HTTP "
        "menyatakan tindakannya (GET, POST, PATCH, DELETE). Path seperti `/ambilPegawai`, "
        "`/tambah-pegawai` atau `/hapus_data` menduplikasi metode, membuat satu sumber daya tersebar "
        "di banyak URL, dan menyulitkan cache, gateway serta pengaturan hak akses.",
        "In REST the path names the resource (`/pegawai`, `/permit-applications`) and the HTTP "
        "method states the action (GET, POST, PATCH, DELETE). Paths such as `/getEmployee`, "
        "`/add-employee` or `/delete_data` duplicate the method, scatter one resource over many "
        "URLs, and make caching, gateways and access control harder.",
    )
    fix = Text(
        "Ganti path berkata kerja dengan sumber daya dan metode yang sesuai: `GET /ambil-pegawai` "
        "menjadi `GET /pegawai`, `POST /tambah-pegawai` menjadi `POST /pegawai`, `POST "
        "/hapus-pegawai/{nip}` menjadi `DELETE /pegawai/{nip}`. Tindakan di luar CRUD dapat "
        "dimodelkan sebagai sub-sumber daya, mis. `POST /pengajuan/{id}/persetujuan`.",
        "Replace verb paths with the resource and the matching method: `GET /get-employees` becomes "
        "`GET /employees`, `POST /add-employee` becomes `POST /employees`, `POST "
        "/delete-employee/{nip}` becomes `DELETE /employees/{nip}`. Actions outside CRUD can be "
        "modelled as sub-resources, e.g. `POST /applications/{id}/approval`.",
    )
    message = Text(
        "Segmen '{segment}' pada path {path} diawali kata kerja '{verb}'",
        "Segment '{segment}' of path {path} starts with the verb '{verb}'",
    )
    references = (
        "https://opensource.zalando.com/restful-api-guidelines/#141",
        "https://opensource.zalando.com/restful-api-guidelines/#138",
        "https://logius-standaarden.github.io/API-Design-Rules/#/core/naming-resources",
        "https://italia.github.io/lg-modellointeroperabilita-docs/doc/04_Raccomandazioni%20di%20implementazione/"
        "05_raccomandazioni-tecniche-per-rest/02_progettazione-e-naming.html",
    )
    options = {
        "verbs": Option(
            [
                "get",
                "create",
                "add",
                "update",
                "delete",
                "remove",
                "list",
                "fetch",
                "save",
                "insert",
                "edit",
                "set",
                "do",
                "ambil",
                "dapatkan",
                "tambah",
                "buat",
                "ubah",
                "hapus",
                "simpan",
                "perbarui",
                "perbaharui",
                "kirim",
                "tampilkan",
                "lihat",
            ],
            Text(
                "Kata kerja yang tidak boleh mengawali segmen path (huruf kecil)",
                "Verbs that must not start a path segment (lowercase)",
            ),
        ),
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        verbs = frozenset(str(v).lower() for v in ctx.option("verbs"))
        for path in distinct_paths(doc):
            for segment in literal_segments(path):
                w = words(segment)
                if not w or w[0] not in verbs or tuple(w[:2]) in _NOUN_COMPOUNDS:
                    continue
                if len(w[0]) <= 2 and len(w) > 1:
                    continue  # a two-letter verb ("do") counts only as a whole segment: do_settings
                yield self.violation(path_pointer(path), segment=segment, path=path, verb=w[0])
                break
