"""IOP011: Kemendagri region codes are strings with a pattern."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.interoperability._common import facets, misdeclared, words
from rules.interoperability._identifiers import GUARD_WORDS, expand_arrays

_CODE_WORDS = frozenset({"kode", "kd"})
_REGION_WORDS = frozenset(
    {
        "wilayah",
        "provinsi",
        "propinsi",
        "prov",
        "kabupaten",
        "kab",
        "kota",
        "kabkota",
        "kabkot",
        "kecamatan",
        "kec",
        "desa",
        "kelurahan",
        "kel",
        "desakel",
        "keldesa",
    }
)
_NEUTRAL = frozenset({"object", "boolean", "array"})


def is_region_code_name(name: str) -> bool:
    """kode_wilayah, kodeProvinsi, kode_kab_kota, kd_kec, kode_desa; not kode_pos, nama_provinsi."""
    w = words(name)
    if not w or any(x in GUARD_WORDS for x in w):
        return False
    return any(x in _CODE_WORDS for x in w) and any(x in _REGION_WORDS for x in w)


class RegionCodeFormat(Rule):
    id = "IOP011"
    name = "region-code-format"
    category = Category.INTEROPERABILITY
    severity = Severity.WARNING
    title = Text("Kode wilayah Kemendagri berupa string berpola", "Kemendagri region codes are patterned strings")
    rationale = Text(
        "Kode wilayah administrasi pemerintahan (Permendagri 72/2019, kini Permendagri 58/2021) "
        "bertingkat dan bertitik: 33 (provinsi), 33.74 (kabupaten/kota), 33.74.01 (kecamatan), "
        "33.74.01.1001 (desa/kelurahan). Sebagai angka, titik dan nol di depan hilang dan kode "
        "antar-OPD tidak lagi cocok; tanpa pola, setiap sistem menulisnya dengan cara berbeda "
        "(dengan atau tanpa titik).",
        "Government administrative region codes (Permendagri 72/2019, now Permendagri 58/2021) are "
        "hierarchical and dotted: 33 (province), 33.74 (regency/city), 33.74.01 (district), "
        "33.74.01.1001 (village). As numbers, the dots and leading zeros are lost and codes no "
        "longer match between OPDs; without a pattern, every system writes them differently "
        "(with or without dots).",
    )
    fix = Text(
        "Nyatakan kode wilayah sebagai `type: string` dengan `pattern` sesuai tingkatnya, mis. "
        "`^[0-9]{2}\\.[0-9]{2}$` untuk kabupaten/kota atau `^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}$` "
        "untuk desa/kelurahan (atau `enum` bila daftarnya tetap).",
        "Declare the region code as `type: string` with a `pattern` for its level, e.g. "
        "`^[0-9]{2}\\.[0-9]{2}$` for a regency/city or `^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}$` for a "
        "village (or an `enum` when the list is fixed).",
    )
    message = Text("Kode wilayah '{name}' {problem}", "Region code '{name}' {problem}")
    references = (
        "https://www.kemendagri.go.id/page/read/48/peraturan-menteri-dalam-negeri-no72-tahun-2019",
        "https://paralegal.id/peraturan/peraturan-menteri-dalam-negeri-nomor-58-tahun-2021/",
        "https://opensource.zalando.com/restful-api-guidelines/#238",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for value, problem in misdeclared(doc, is_region_code_name, _region_problem):
            yield self.violation(value.pointer, name=value.name, problem=problem)


def _region_problem(doc: Document, schema: Any) -> Text | None:
    shapes = expand_arrays(doc, facets(doc, schema))
    if not shapes or any(s.stringish and (s.pattern is not None or s.has_enum) for s in shapes):
        return None
    relevant = [s for s in shapes if not (s.types and s.types <= _NEUTRAL)]
    if not relevant:
        return None
    for shape in relevant:
        if shape.numeric:
            kind = "/".join(sorted(shape.types & {"integer", "number"}))
            return Text(
                f"bertipe {kind}; titik dan nol di depan akan hilang, gunakan string berpola",
                f"is typed {kind}; dots and leading zeros would be lost, use a patterned string",
            )
    if any(s.stringish for s in relevant):
        return Text("berupa string tanpa pola (`pattern`)", "is a string without a `pattern`")
    return Text(
        "tidak menyatakan tipe string maupun pola (`pattern`)", "declares neither a string type nor a `pattern`"
    )
