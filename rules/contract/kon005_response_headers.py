"""KON005: Response headers match the document on the running deployment."""

from __future__ import annotations

from rules.base import Category, Severity
from rules.contract._common import MESSAGE, ContractRule
from rules.i18n import Text


class ResponseHeaders(ContractRule):
    id = "KON005"
    name = "response-headers"
    category = Category.CONTRACT
    severity = Severity.WARNING
    title = Text("Header respons sesuai dokumen", "Response headers match the document")
    rationale = Text(
        "Header yang didokumentasikan (mis. Retry-After, Location) dipakai klien untuk langkah berikutnya; "
        "bila hilang atau salah format, klien salah langkah.",
        "Documented headers (e.g. Retry-After, Location) tell clients what to do next; missing or malformed, "
        "they mislead them.",
    )
    fix = Text(
        "Kirim header wajib yang didokumentasikan dengan format sesuai skemanya.",
        "Send the documented required headers, formatted as their schema says.",
    )
    message = MESSAGE
    checks = ("response_headers_conformance",)
