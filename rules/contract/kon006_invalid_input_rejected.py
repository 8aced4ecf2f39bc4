"""KON006: Invalid input is rejected on the running deployment."""

from __future__ import annotations

from rules.base import Category, Severity
from rules.contract._common import MESSAGE, ContractRule
from rules.i18n import Text


class InvalidInputRejected(ContractRule):
    id = "KON006"
    name = "invalid-input-rejected"
    category = Category.CONTRACT
    severity = Severity.WARNING
    title = Text("Masukan tidak sah ditolak", "Invalid input is rejected")
    rationale = Text(
        "Aplikasi yang menerima data di luar skema akan menyimpan data kotor (NIK 15 digit, kode wilayah "
        "salah) yang kemudian tersebar ke OPD lain.",
        "An application that accepts data outside its schema stores dirty data (a 15-digit NIK, a wrong "
        "region code) that then spreads to other OPDs.",
    )
    fix = Text(
        "Validasi setiap masukan terhadap skemanya dan jawab pelanggaran dengan 400 (atau 422) yang terdokumentasi.",
        "Validate every input against its schema and answer violations with a documented 400 (or 422).",
    )
    message = MESSAGE
    checks = ("negative_data_rejection",)
