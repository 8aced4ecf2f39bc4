"""KON007: Valid input is accepted on the running deployment."""

from __future__ import annotations

from rules.base import Category, Severity
from rules.contract._common import MESSAGE, ContractRule
from rules.i18n import Text


class ValidInputAccepted(ContractRule):
    id = "KON007"
    name = "valid-input-accepted"
    category = Category.CONTRACT
    severity = Severity.WARNING
    title = Text("Masukan sah diterima", "Valid input is accepted")
    rationale = Text(
        "Bila masukan yang sah menurut dokumen ditolak, OPD lain yang mematuhi dokumen tidak dapat memakai layanan.",
        "When input the document allows is rejected, OPDs that follow the document cannot use the service.",
    )
    fix = Text(
        "Longgarkan validasi agar sesuai skema, atau perketat skema di dokumen agar sesuai aturan yang "
        "benar-benar berlaku.",
        "Loosen the validation to match the schema, or tighten the schema in the document to the rules really"
        " enforced.",
    )
    message = MESSAGE
    checks = ("positive_data_acceptance",)
