"""SUS002: ``info.x-spbe`` follows its schema."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.sustainability._common import XSPBE, at
from rules.sustainability.xspbe import HOSTINGS, KINDS, LIFECYCLES, validator


def _choices(values: tuple[str, ...], last: str) -> str:
    """`a`, `b` or `c`: the schema's choices, so that the hint needs no other document."""
    quoted = [f"`{v}`" for v in values]
    return f"{', '.join(quoted[:-1])} {last} {quoted[-1]}"


def _explain(error: Any, path: list[str]) -> tuple[str, Text]:
    """Where to report and what to say, in both languages, for one schema error."""
    kind = error.kind
    name = type(kind).__name__
    where = at(*path)
    if name == "Required":
        field = str(kind.property).strip('"')
        return where, Text(f"Field wajib {field} tidak ada", f"Required field {field} is missing")
    if name == "AdditionalProperties":
        extra = [str(u) for u in kind.unexpected]
        return at(*path, extra[0]) if len(extra) == 1 else where, Text(
            f"Field tidak dikenal: {', '.join(extra)}", f"Unknown field: {', '.join(extra)}"
        )
    if name == "Enum":
        return where, Text(
            f"Nilai {error.instance!r} tidak termasuk pilihan yang dikenal",
            f"Value {error.instance!r} is not one of the known choices",
        )
    return where, Text(
        f"Tidak sesuai skema x-spbe: {error.message}", f"Does not fit the x-spbe schema: {error.message}"
    )


class SpbeMetadataSchema(Rule):
    id = "SUS002"
    name = "spbe-metadata-schema"
    category = Category.SUSTAINABILITY
    severity = Severity.ERROR
    title = Text("Metadata SPBE sesuai skema", "SPBE metadata follows its schema")
    rationale = Text(
        "Katalog, dasbor dan penilaian membaca metadata ini secara otomatis. Nilai yang salah ketik "
        "(`lifecycle: produksi`), field yang hilang atau field tak dikenal membuat aplikasi salah dinilai atau "
        "tak dapat ditemukan OPD lain.",
        "The catalogue, dashboards and the assessment read this metadata automatically. A mistyped value "
        "(`lifecycle: produksi`), a missing field or an unknown field gets the application assessed wrongly "
        "or makes it impossible for other OPDs to find.",
    )
    fix = Text(
        "Perbaiki field yang disebut: `jenis_aplikasi` salah satu dari "
        f"{_choices(KINDS, 'atau')}; `lifecycle` salah satu dari {_choices(LIFECYCLES, 'atau')}; `hosting` "
        f"salah satu dari {_choices(HOSTINGS, 'atau')}; `penanggung_jawab` berisi `nama` dan `email`; "
        "`anggaran` daftar tahun; `sso` `true` atau `false`; `sunset` tanggal `YYYY-MM-DD`. Field tambahan "
        "milik daerah boleh dipakai dengan awalan `x-`.",
        "Correct the named field: `jenis_aplikasi` one of "
        f"{_choices(KINDS, 'or')}; `lifecycle` one of {_choices(LIFECYCLES, 'or')}; `hosting` one of "
        f"{_choices(HOSTINGS, 'or')}; `penanggung_jawab` holds `nama` and `email`; `anggaran` a list of years; "
        "`sso` `true` or `false`; `sunset` a `YYYY-MM-DD` date. A region's own extra fields may be used with "
        "an `x-` prefix.",
    )
    message = Text("info.x-spbe: {problem}", "info.x-spbe: {problem}")
    references = (
        "https://peraturan.bpk.go.id/Details/96913/perpres-no-95-tahun-2018",
        "https://json-schema.org/draft/2020-12",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        meta = doc.x_spbe
        if meta is None:
            return
        for error in validator().iter_errors(meta):
            path = [str(p) for p in error.instance_path]
            where, problem = _explain(error, path)
            if doc.get(where) is None:
                where = XSPBE
            yield self.violation(where, problem=problem)
