"""KON004: Response bodies match their schema on the running deployment."""

from __future__ import annotations

from rules.base import Category, Severity
from rules.contract._common import MESSAGE, ContractRule
from rules.i18n import Text


class ResponseSchema(ContractRule):
    id = "KON004"
    name = "response-matches-schema"
    category = Category.CONTRACT
    severity = Severity.ERROR
    title = Text("Isi respons sesuai skema", "Response bodies match their schema")
    rationale = Text(
        "Skema respons adalah janji kepada OPD lain. Field wajib yang hilang atau bertipe lain memutus "
        "integrasi yang dibangun dari dokumen itu.",
        "The response schema is a promise to other OPDs. A missing required field, or one of another type, "
        "breaks integrations built from the document.",
    )
    fix = Text(
        "Samakan kode dan dokumen: kembalikan setiap field wajib dengan tipe yang didokumentasikan, atau "
        "perbaiki skemanya dan ajukan versi baru.",
        "Bring code and document together: return every required field with its documented type, or correct "
        "the schema and submit a new version.",
    )
    message = MESSAGE
    checks = ("response_schema_conformance",)
