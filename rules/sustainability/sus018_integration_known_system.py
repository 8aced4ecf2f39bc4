"""SUS018: a national system named in ``integrasi`` is one the gate knows."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.integrations import is_structured
from rules.national_systems import find_system, national_systems
from rules.sustainability._common import at


def _codes() -> str:
    return ", ".join(f"`{s.kode}`" for s in national_systems())


class IntegrationKnownSystem(Rule):
    id = "SUS018"
    name = "integration-known-national-system"
    category = Category.SUSTAINABILITY
    severity = Severity.ERROR
    title = Text("Sistem nasional yang disebut dikenal", "Named national systems are known")
    rationale = Text(
        "Peta integrasi kabupaten menempatkan sistem nasional (SIAK, OSS RBA, SRIKANDI, ...) di tepinya, "
        "masing-masing dengan instansi pemiliknya. Kode yang salah ketik memutus garis itu.",
        "The kabupaten's integration map puts the national systems (SIAK, OSS RBA, SRIKANDI, ...) at its edge, "
        "each with its owner agency. A mistyped code cuts that line.",
    )
    fix = Text(
        f"Pakai salah satu kode yang dikenal: {_codes()}. Sistem lain ditulis sebagai teks bebas (peringatan "
        "SUS016) sampai ditambahkan ke daftar gerbang beserta sumber resminya.",
        f"Use one of the known codes: {_codes()}. Another system is written as free text (warning SUS016) until "
        "it is added to the gate's list with its official source.",
    )
    message = Text("Sistem nasional {code} tidak dikenal", "Unknown national system {code}")
    references = ("https://peraturan.bpk.go.id/Details/96913/perpres-no-95-tahun-2018",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        meta = doc.x_spbe
        value = meta.get("integrasi") if meta is not None else None
        if not isinstance(value, list):
            return
        for i, item in enumerate(value):
            if not is_structured(item) or "aplikasi" in item:
                continue
            code = item.get("sistem")
            if isinstance(code, str) and code.strip() and find_system(code) is None:
                yield self.violation(at("integrasi", i, "sistem"), code=repr(code[:60]))
