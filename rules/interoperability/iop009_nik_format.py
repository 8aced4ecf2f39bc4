"""IOP009: an NIK is a string of exactly 16 digits."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.interoperability._common import misdeclared, words
from rules.interoperability._identifiers import GUARD_WORDS, digits_problem

_DIGITS = 16


def is_nik_name(name: str) -> bool:
    """nik, nik_pemohon, nikPemohon, no_nik, nomor_induk_kependudukan; not nikah, teknik, jumlah_nik."""
    w = words(name)
    if not w or any(x in GUARD_WORDS for x in w):
        return False
    if "nik" in w:
        return True
    return any(w[i] == "induk" and w[i + 1] == "kependudukan" for i in range(len(w) - 1))


class NikFormat(Rule):
    id = "IOP009"
    name = "nik-format"
    category = Category.INTEROPERABILITY
    severity = Severity.ERROR
    title = Text("NIK berupa string 16 digit", "The NIK is a 16-digit string")
    rationale = Text(
        "NIK (Nomor Induk Kependudukan, UU 24/2013) adalah kunci penghubung data kependudukan "
        "antar-OPD dan dengan Dukcapil. Sebagai angka, 16 digit melampaui bilangan bulat aman "
        "JavaScript (2^53) sehingga digit terakhir bisa berubah diam-diam, dan nol di depan hilang. "
        "Tanpa pola 16 digit, NIK yang salah ketik baru ketahuan saat padanan data gagal.",
        "The NIK (population identity number, Law 24/2013) is the key that links population data "
        "between OPDs and with Dukcapil. As a number, 16 digits exceed JavaScript's safe integers "
        "(2^53) so the last digits can silently change, and leading zeros are lost. Without a "
        "16-digit pattern, a mistyped NIK only shows up when data matching fails.",
    )
    fix = Text(
        "Nyatakan NIK sebagai `type: string` dengan `pattern: '^[0-9]{16}$'` (atau `^\\d{16}$`, "
        "atau pola angka dengan `minLength` dan `maxLength` 16). Definisikan sekali sebagai skema "
        "`Nik` di components dan rujuk dari setiap properti dan parameter NIK.",
        "Declare the NIK as `type: string` with `pattern: '^[0-9]{16}$'` (or `^\\d{16}$`, or a "
        "digits pattern with `minLength` and `maxLength` 16). Define it once as a `Nik` schema in "
        "components and reference it from every NIK property and parameter.",
    )
    message = Text("NIK '{name}' {problem}", "NIK '{name}' {problem}")
    references = (
        "https://peraturan.bpk.go.id/Details/38985/uu-no-24-tahun-2013",
        "https://opensource.zalando.com/restful-api-guidelines/#238",
        "https://www.rfc-editor.org/rfc/rfc8259#section-6",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for value, problem in misdeclared(doc, is_nik_name, partial(digits_problem, digits=_DIGITS)):
            yield self.violation(value.pointer, name=value.name, problem=problem)
