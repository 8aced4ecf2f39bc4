"""KON008: Resources are consistent across operations on the running deployment."""

from __future__ import annotations

from rules.base import Category, Severity
from rules.contract._common import MESSAGE, ContractRule
from rules.i18n import Text


class ResourceLifecycle(ContractRule):
    id = "KON008"
    name = "resource-lifecycle"
    category = Category.CONTRACT
    severity = Severity.WARNING
    title = Text("Sumber daya konsisten antar-operasi", "Resources are consistent across operations")
    rationale = Text(
        "Urutan operasi lewat link OpenAPI (buat, baca, hapus) adalah cara OPD lain memakai API. Sumber daya "
        "yang dibuat tetapi tidak dapat dibaca, atau terhapus tetapi masih terbaca, merusak integrasi.",
        "Sequences of operations through OpenAPI links (create, read, delete) are how other OPDs use the API."
        " A resource created but not readable, or deleted but still readable, breaks integrations.",
    )
    fix = Text(
        "Pastikan sumber daya yang dibuat langsung dapat dibaca dan yang dihapus menjawab 404; periksa juga "
        "link di dokumen.",
        "Make created resources readable at once and deleted ones answer 404; check the document's links too.",
    )
    message = MESSAGE
    checks = ("use_after_free", "ensure_resource_availability")
