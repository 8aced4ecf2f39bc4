"""IOP010: an NIP is a string of exactly 18 digits."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.interoperability._common import misdeclared, words
from rules.interoperability._identifiers import GUARD_WORDS, digits_problem

_DIGITS = 18
#: The old 9-digit NIP (nip_lama) predates the 18-digit number and is not checked here.
_NOT_NEW_NIP = GUARD_WORDS | {"lama"}


def is_nip_name(name: str) -> bool:
    """nip, nip_pegawai, nipBaru, nip_atasan, nomor_induk_pegawai; not nipah, nip_lama, jumlah_nip."""
    w = words(name)
    if not w or any(x in _NOT_NEW_NIP for x in w):
        return False
    if "nip" in w:
        return True
    return any(w[i] == "induk" and w[i + 1] == "pegawai" for i in range(len(w) - 1))


class NipFormat(Rule):
    id = "IOP010"
    name = "nip-format"
    category = Category.INTEROPERABILITY
    severity = Severity.ERROR
    title = Text("NIP berupa string 18 digit", "The NIP is an 18-digit string")
    rationale = Text(
        "NIP (Nomor Induk Pegawai) ASN terdiri atas 18 digit: tanggal lahir, TMT pengangkatan, "
        "jenis kelamin dan nomor urut. Data kepegawaian dipertukarkan dengan BKN dan antar-OPD "
        "memakai NIP sebagai kunci; sebagai angka, 18 digit melampaui bilangan bulat aman "
        "JavaScript sehingga digit terakhir berubah diam-diam.",
        "The civil servant's NIP (employee identity number) has 18 digits: birth date, appointment "
        "date, sex and a serial number. Personnel data exchanged with BKN and between OPDs uses the "
        "NIP as its key; as a number, 18 digits exceed JavaScript's safe integers, so the last "
        "digits silently change.",
    )
    fix = Text(
        "Nyatakan NIP sebagai `type: string` dengan `pattern: '^[0-9]{18}$'` (atau `^\\d{18}$`, "
        "atau pola angka dengan `minLength` dan `maxLength` 18), sekali sebagai skema `Nip` di "
        "components. NIP lama 9 digit diberi nama tersendiri (`nip_lama`).",
        "Declare the NIP as `type: string` with `pattern: '^[0-9]{18}$'` (or `^\\d{18}$`, or a "
        "digits pattern with `minLength` and `maxLength` 18), once as a `Nip` schema in components. "
        "The old 9-digit NIP gets its own name (`nip_lama`).",
    )
    message = Text("NIP '{name}' {problem}", "NIP '{name}' {problem}")
    references = (
        "https://peraturan.bpk.go.id/Details/134462/pp-no-17-tahun-2020",
        "https://opensource.zalando.com/restful-api-guidelines/#238",
        "https://www.rfc-editor.org/rfc/rfc8259#section-6",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for value, problem in misdeclared(doc, is_nip_name, partial(digits_problem, digits=_DIGITS)):
            yield self.violation(value.pointer, name=value.name, problem=problem)
