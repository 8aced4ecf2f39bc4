"""KON002: Status codes are documented on the running deployment."""

from __future__ import annotations

from rules.base import Category, Severity
from rules.contract._common import MESSAGE, ContractRule
from rules.i18n import Text


class DocumentedStatusCodes(ContractRule):
    id = "KON002"
    name = "documented-status-codes"
    category = Category.CONTRACT
    severity = Severity.ERROR
    title = Text("Kode status terdokumentasi", "Status codes are documented")
    rationale = Text(
        "Klien OPD lain menulis penanganan untuk kode status yang tercantum di dokumen. Kode lain membuat "
        "klien itu salah menafsirkan jawaban.",
        "Other OPDs' clients handle the status codes the document lists. Any other code makes them misread the answer.",
    )
    fix = Text(
        "Kembalikan kode status yang tercantum pada operasi, atau tambahkan kode itu beserta skemanya ke dokumen.",
        "Return a status code the operation lists, or add that code with its schema to the document.",
    )
    message = MESSAGE
    checks = ("status_code_conformance",)
